import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, FileInput, Group, Modal, Progress, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { ModalActions } from '../../shared/components/ModalActions';
import { requiredProps } from '../../shared/components/required';
import { practiceApi, practiceKeys } from './api';
import type { PracticeAttachment, PracticeDetail } from './types';
import './strings';

const sizeText = (bytes: number | null) => (bytes === null ? '' : bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} КБ` : `${(bytes / 1024 / 1024).toFixed(1)} МБ`);
/** The server's limit (add-practice-attachment.ts), checked before a long upload is started. */
const MAX_BYTES = 25 * 1024 * 1024;

/** The practice's materials: files, links and videos; its authors and heads add and remove them. */
export function PracticeAttachments({ practice }: { practice: PracticeDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'file' | 'link' | null>(null);
  const [removing, setRemoving] = useState<PracticeAttachment | null>(null);
  const manage = practice.canEdit && practice.state !== 'archived';
  const refresh = () => qc.invalidateQueries({ queryKey: practiceKeys.one(practice.id) });
  const remove = useMutation({
    mutationFn: (id: string) => practiceApi.removeAttachment(id),
    onSuccess: () => {
      setRemoving(null);
      void refresh();
      notifications.show({ color: 'green', message: t('practices.attach.removed') });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err, t) }),
  });
  if (!manage && practice.attachments.length === 0) return null;
  const added = () => {
    void refresh();
    notifications.show({ color: 'green', message: t('practices.attach.added') });
    setDialog(null);
  };

  return (
    <section aria-labelledby="practice-attachments">
      <Group justify="space-between" align="flex-start" mb={4} gap="xs">
        <Title order={2} size="h4" id="practice-attachments">
          {t('practices.attachments')}
        </Title>
        {manage && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setDialog('file')}>
              {t('practices.attach.addFile')}
            </Button>
            <Button size="xs" variant="light" onClick={() => setDialog('link')}>
              {t('practices.attach.addLink')}
            </Button>
          </Group>
        )}
      </Group>
      {practice.attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('practices.attach.empty')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {practice.attachments.map((a) => (
            <Group key={a.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
                <Badge variant="light" color={a.kind === 'video' ? 'grape' : a.kind === 'link' ? 'blue' : 'gray'} tt="none">
                  {t(`practices.attach.kinds.${a.kind}`)}
                </Badge>
                {a.fileName ? (
                  <Anchor href={a.url} download={a.fileName} style={{ overflowWrap: 'anywhere' }}>
                    {a.title}
                  </Anchor>
                ) : (
                  <Anchor href={a.url} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>
                    {a.title}
                  </Anchor>
                )}
                {a.fileName && (
                  <Text size="xs" c="dimmed">
                    {sizeText(a.byteSize)}
                  </Text>
                )}
              </Group>
              {manage && (
                <ActionIcon variant="subtle" color="red" onClick={() => setRemoving(a)} aria-label={t('practices.attach.remove', { title: a.title })}>
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {dialog === 'file' && <FileModal practiceId={practice.id} onAdded={added} onClose={() => setDialog(null)} />}
      {dialog === 'link' && <LinkModal practiceId={practice.id} onAdded={added} onClose={() => setDialog(null)} />}
      {removing && (
        <Modal opened onClose={() => setRemoving(null)} title={t('practices.attach.removeTitle')}>
          <Stack gap="md">
            <Text size="sm">{t('practices.attach.removeText', { title: removing.title })}</Text>
            <ModalActions onCancel={() => setRemoving(null)}>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(removing.id)}>
                {t('practices.attach.removeConfirm')}
              </Button>
            </ModalActions>
          </Stack>
        </Modal>
      )}
    </section>
  );
}

function FileModal({ practiceId, onAdded, onClose }: { practiceId: string; onAdded: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const upload = useMutation({
    mutationFn: () => practiceApi.uploadFile(practiceId, file!, title, setSent),
    onSuccess: onAdded,
    onError: (err) => {
      setSent(null);
      setError(errorMessage(err, t));
    },
  });
  const start = () => {
    setError(null);
    if (!file) return setError(t('practices.attach.chooseFile'));
    if (file.size > MAX_BYTES) return setError(t('practices.attach.tooLarge', { max: MAX_BYTES / 1024 / 1024, size: sizeText(file.size) }));
    setSent(0);
    upload.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('practices.attach.addFile')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
        noValidate
      >
        <Stack gap="md">
          <FileInput
            label={t('practices.attach.file')}
            description={t('practices.attach.fileHint')}
            value={file}
            onChange={(f) => {
              setFile(f);
              setError(null);
            }}
            clearable
            error={error}
            disabled={upload.isPending}
            {...requiredProps}
          />
          <TextInput label={t('practices.attach.fileTitle')} description={t('practices.attach.fileTitleHint')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={300} disabled={upload.isPending} />
          {sent !== null && upload.isPending && (
            <Stack gap={4}>
              <Progress value={sent * 100} size="lg" aria-label={t('practices.attach.uploading')} striped animated={sent >= 1} />
              <Text size="xs" c="dimmed" role="status">
                {sent >= 1 ? t('practices.attach.checking') : t('practices.attach.sent', { percent: Math.round(sent * 100) })}
              </Text>
            </Stack>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={upload.isPending}>
              {t('practices.attach.upload')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

interface LinkValues {
  kind: 'link' | 'video';
  title: string;
  url: string;
}

function LinkModal({ practiceId, onAdded, onClose }: { practiceId: string; onAdded: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { control, register, handleSubmit, setError, formState } = useForm<LinkValues>({ defaultValues: { kind: 'link', title: '', url: '' } });
  const [summary, setSummary] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (v: LinkValues) => practiceApi.addLink(practiceId, v),
    onSuccess: onAdded,
    onError: (err) => {
      const rest = applyFieldErrors(err, setError, ['kind', 'title', 'url']);
      setSummary(rest.length ? rest.join('; ') : Object.keys(formState.errors).length ? null : errorMessage(err, t));
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('practices.attach.addLink')}>
      <form onSubmit={handleSubmit((v) => add.mutate(v))} noValidate>
        <Stack gap="md">
          <Controller
            control={control}
            name="kind"
            render={({ field }) => (
              <Select
                label={t('practices.attach.linkKind')}
                data={(['link', 'video'] as const).map((k) => ({ value: k, label: t(`practices.attach.kinds.${k}`) }))}
                value={field.value}
                onChange={(v) => field.onChange(v ?? 'link')}
                allowDeselect={false}
              />
            )}
          />
          <TextInput
            label={t('practices.attach.linkTitle')}
            {...requiredProps}
            {...register('title', { required: t('practices.attach.required'), minLength: { value: 2, message: t('practices.form.tooShort', { what: t('practices.attach.linkTitle'), min: 2 }) } })}
            error={formState.errors.title?.message}
          />
          <TextInput
            label={t('practices.attach.url')}
            description={t('practices.attach.urlHint')}
            type="url"
            {...requiredProps}
            {...register('url', { required: t('practices.attach.required'), pattern: { value: /^https?:\/\/\S+$/i, message: t('practices.attach.urlInvalid') } })}
            error={formState.errors.url?.message}
          />
          {summary && (
            <Text c="red.8" size="sm" role="alert">
              {summary}
            </Text>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={add.isPending}>
              {t('practices.attach.add')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
