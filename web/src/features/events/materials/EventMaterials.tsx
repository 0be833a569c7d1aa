import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, FileInput, Group, Modal, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, http } from '../../../shared/api/client';
import { applyFieldErrors, errorMessage } from '../../../shared/api/errors';
import { ModalActions } from '../../../shared/components/ModalActions';
import { requiredProps } from '../../../shared/components/required';
import './strings';

export interface EventMaterial {
  id: string;
  kind: 'file' | 'link' | 'recording';
  title: string;
  url: string;
  fileName: string | null;
  contentType: string | null;
  byteSize: number | null;
  createdAt: string;
}

interface MaterialList {
  canOpen: boolean;
  canManage: boolean;
  total: number;
  items: EventMaterial[];
}

const enc = encodeURIComponent;
export const materialKeys = { list: (eventId: string) => ['event-materials', eventId] as const };

const sizeText = (bytes: number | null) => (bytes === null ? '' : bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} КБ` : `${(bytes / 1024 / 1024).toFixed(1)} МБ`);
const extension = (name: string | null) => (name?.includes('.') ? name.split('.').pop()!.toUpperCase() : '');

/**
 * The event's materials (seed 002's resource package) on the event page: the list for those who may open it, a count
 * for everyone else who sees the event, and for its organisers the upload of a file and the adding of a link.
 */
export function EventMaterials({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: materialKeys.list(eventId), queryFn: ({ signal }) => http.get<MaterialList>(`/events/${enc(eventId)}/materials`, undefined, signal) });
  const [dialog, setDialog] = useState<'file' | 'link' | null>(null);
  const [removing, setRemoving] = useState<EventMaterial | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => http.del<void>(`/event-materials/${enc(id)}`),
    onSuccess: () => {
      setRemoving(null);
      void qc.invalidateQueries({ queryKey: materialKeys.list(eventId) });
      notifications.show({ color: 'green', message: t('eventMaterials.removed') });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err, t) }),
  });
  const data = list.data;
  if (!data || (!data.canOpen && data.total === 0)) return null;

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="event-materials">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Title order={2} size="h4" id="event-materials">
            {t('eventMaterials.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('eventMaterials.intro')}
          </Text>
        </Stack>
        {data.canManage && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setDialog('file')}>
              {t('eventMaterials.addFile')}
            </Button>
            <Button size="xs" variant="light" onClick={() => setDialog('link')}>
              {t('eventMaterials.addLink')}
            </Button>
          </Group>
        )}
      </Group>
      {!data.canOpen ? (
        <Text size="sm">{t('eventMaterials.closed', { count: data.total })}</Text>
      ) : data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('eventMaterials.empty')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.items.map((m) => (
            <Group key={m.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
                <Badge variant="light" color={m.kind === 'recording' ? 'grape' : m.kind === 'link' ? 'blue' : 'gray'} tt="none">
                  {t(`eventMaterials.kinds.${m.kind}`)}
                </Badge>
                {m.fileName ? (
                  <Anchor href={m.url} download={m.fileName} style={{ overflowWrap: 'anywhere' }}>
                    {m.title}
                  </Anchor>
                ) : (
                  <Anchor href={m.url} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>
                    {m.title}
                  </Anchor>
                )}
                {m.fileName && (
                  <Text size="xs" c="dimmed">
                    {extension(m.fileName)} · {sizeText(m.byteSize)}
                  </Text>
                )}
              </Group>
              {data.canManage && (
                <ActionIcon variant="subtle" color="red" onClick={() => setRemoving(m)} aria-label={t('eventMaterials.remove', { title: m.title })}>
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {dialog === 'file' && <FileModal eventId={eventId} onClose={() => setDialog(null)} />}
      {dialog === 'link' && <LinkModal eventId={eventId} onClose={() => setDialog(null)} />}
      {removing && (
        <Modal opened onClose={() => setRemoving(null)} title={t('eventMaterials.removeTitle')}>
          <Stack gap="md">
            <Text size="sm">{t('eventMaterials.removeText', { title: removing.title })}</Text>
            <ModalActions onCancel={() => setRemoving(null)}>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(removing.id)}>
                {t('eventMaterials.removeConfirm')}
              </Button>
            </ModalActions>
          </Stack>
        </Modal>
      )}
    </Paper>
  );
}

function useAdded(eventId: string, onClose: () => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: materialKeys.list(eventId) });
    notifications.show({ color: 'green', message: t('eventMaterials.added') });
    onClose();
  };
}

function FileModal({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const added = useAdded(eventId, onClose);
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      // The title goes first: the server reads the fields that come before the file.
      if (title.trim()) form.append('title', title.trim());
      form.append('file', file!);
      return api<EventMaterial>(`/events/${enc(eventId)}/materials/files`, { method: 'POST', body: form });
    },
    onSuccess: added,
    onError: (err) => setError(errorMessage(err, t)),
  });
  return (
    <Modal opened onClose={onClose} title={t('eventMaterials.addFile')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) setError(t('eventMaterials.chooseFile'));
          else upload.mutate();
        }}
        noValidate
      >
        <Stack gap="md">
          <FileInput label={t('eventMaterials.file')} description={t('eventMaterials.fileHint')} value={file} onChange={setFile} clearable error={error} {...requiredProps} />
          <TextInput label={t('eventMaterials.fileTitle')} description={t('eventMaterials.fileTitleHint')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={300} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={upload.isPending}>
              {t('eventMaterials.upload')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

interface LinkValues {
  kind: 'link' | 'recording';
  title: string;
  url: string;
}

function LinkModal({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { control, register, handleSubmit, setError, formState } = useForm<LinkValues>({ defaultValues: { kind: 'link', title: '', url: '' } });
  const [summary, setSummary] = useState<string | null>(null);
  const added = useAdded(eventId, onClose);
  const add = useMutation({
    mutationFn: (v: LinkValues) => http.post<EventMaterial>(`/events/${enc(eventId)}/materials`, v),
    onSuccess: added,
    onError: (err) => {
      const rest = applyFieldErrors(err, setError, ['kind', 'title', 'url']);
      setSummary(rest.length ? rest.join('; ') : Object.keys(formState.errors).length ? null : errorMessage(err, t));
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('eventMaterials.addLink')}>
      <form onSubmit={handleSubmit((v) => add.mutate(v))} noValidate>
        <Stack gap="md">
          <Controller
            control={control}
            name="kind"
            render={({ field }) => (
              <Select
                label={t('eventMaterials.linkKind')}
                data={(['link', 'recording'] as const).map((k) => ({ value: k, label: t(`eventMaterials.kinds.${k}`) }))}
                value={field.value}
                onChange={(v) => field.onChange(v ?? 'link')}
                allowDeselect={false}
              />
            )}
          />
          <TextInput label={t('eventMaterials.linkTitle')} {...requiredProps} {...register('title', { required: t('eventMaterials.required') })} error={formState.errors.title?.message} />
          <TextInput
            label={t('eventMaterials.url')}
            description={t('eventMaterials.urlHint')}
            type="url"
            {...requiredProps}
            {...register('url', { required: t('eventMaterials.required') })}
            error={formState.errors.url?.message}
          />
          {summary && (
            <Text c="red.8" size="sm" role="alert">
              {summary}
            </Text>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={add.isPending}>
              {t('eventMaterials.add')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
