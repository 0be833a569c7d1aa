import { useState } from 'react';
import { Anchor, Button, Group, Modal, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { administeredOrganizationIds } from '../../shared/auth/administered';
import { useAuth } from '../../shared/auth/AuthContext';
import { ModalActions } from '../../shared/components/ModalActions';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { requiredProps } from '../../shared/components/required';
import { formatDate } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { consultationApi, consultationKeys, useConsultants, useConsultations } from './api';
import { ConsultationStateBadge } from './labels';
import type { ConsultationFormat } from './types';
import './strings';

/** «Консультации»: what the user's schools asked for and what they give, and the request form for a school's head. */
export function ConsultationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('consultations.title'));
  const { user } = useAuth();
  const headed = administeredOrganizationIds(user);
  const staffOf = new Set((user?.memberships ?? []).map((m) => m.organizationId));
  const list = useConsultations();
  const [asking, setAsking] = useState(false);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} maw={720}>
          <Title order={1}>{t('consultations.title')}</Title>
          <Text c="dimmed">{t('consultations.intro')}</Text>
        </Stack>
        {headed.length > 0 && <Button onClick={() => setAsking(true)}>{t('consultations.request')}</Button>}
      </Group>
      {list.isPending ? (
        <ListSkeleton rows={3} height={88} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyList title={t('consultations.empty')} hint={t('consultations.emptyHint')} />
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.data.map((c) => (
            <Paper key={c.id} withBorder radius="md" p="md" component="li">
              <Stack gap={6}>
                <Group gap={8} wrap="wrap">
                  <ConsultationStateBadge state={c.state} />
                  <Text size="sm" c="dimmed">
                    {staffOf.has(c.consultant.id) && !staffOf.has(c.requester.id) ? t('consultations.given') : t('consultations.asked')} · {formatDate(c.createdAt)}
                  </Text>
                </Group>
                <Anchor component={Link} to={`/consultations/${c.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {c.topic}
                </Anchor>
                <Text size="sm">
                  {c.requester.shortName} → {c.consultant.shortName}
                  {c.network && ` · ${c.network.name}`}
                </Text>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
      {asking && <RequestModal headed={headed} onClose={() => setAsking(false)} />}
    </Stack>
  );
}

interface RequestValues {
  requesterOrganizationId: string | null;
  consultantOrganizationId: string | null;
  topic: string;
  details: string;
  format: ConsultationFormat;
}

const FIELDS = ['requesterOrganizationId', 'consultantOrganizationId', 'topic', 'details', 'format'] as const;

function RequestModal({ headed, onClose }: { headed: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { control, register, handleSubmit, watch, setError, formState } = useForm<RequestValues>({
    defaultValues: { requesterOrganizationId: headed[0] ?? null, consultantOrganizationId: null, topic: '', details: '', format: 'in_person' },
  });
  const [summary, setSummary] = useState<string | null>(null);
  const requester = watch('requesterOrganizationId');
  const consultants = useConsultants(requester);
  const schools = (user?.memberships ?? []).filter((m) => headed.includes(m.organizationId)).map((m) => ({ value: m.organizationId, label: m.organizationName }));
  const send = useMutation({
    mutationFn: (v: RequestValues) =>
      consultationApi.request({ requesterOrganizationId: v.requesterOrganizationId ?? '', consultantOrganizationId: v.consultantOrganizationId ?? '', topic: v.topic, details: v.details, format: v.format }),
    onSuccess: (created) => {
      void qc.invalidateQueries({ queryKey: consultationKeys.all });
      notifications.show({ color: 'green', message: t('consultations.sent') });
      onClose();
      void navigate(`/consultations/${created.id}`);
    },
    onError: (err) => {
      const rest = applyFieldErrors(err, setError, FIELDS);
      setSummary(rest.length ? rest.join('; ') : err instanceof ApiError && err.fieldErrors.length ? null : errorMessage(err, t));
    },
  });
  const options = (consultants.data ?? []).map((c) => ({
    value: c.organizationId,
    label: `${c.shortName} — ${c.networkName ? t('consultations.leaderOf', { network: c.networkName }) : t('consultations.consultantSchool')}`,
  }));
  // One school may lead two partnerships the requester is in: the first listing is enough to choose it.
  const unique = options.filter((o, i) => options.findIndex((p) => p.value === o.value) === i);

  return (
    <Modal opened onClose={onClose} title={t('consultations.request')} size="lg">
      <form onSubmit={handleSubmit((v) => send.mutate(v))} noValidate>
        <Stack gap="md">
          {schools.length > 1 && (
            <Controller
              control={control}
              name="requesterOrganizationId"
              render={({ field, fieldState }) => (
                <Select label={t('consultations.school')} data={schools} value={field.value} onChange={field.onChange} error={fieldState.error?.message} allowDeselect={false} />
              )}
            />
          )}
          {consultants.data && unique.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('consultations.noConsultants')}
            </Text>
          ) : (
            <Controller
              control={control}
              name="consultantOrganizationId"
              rules={{ required: t('consultations.consultantHint') }}
              render={({ field, fieldState }) => (
                <Select
                  label={t('consultations.chooseConsultant')}
                  description={t('consultations.consultantHint')}
                  data={unique}
                  value={field.value}
                  onChange={field.onChange}
                  error={fieldState.error?.message}
                  searchable
                  {...requiredProps}
                />
              )}
            />
          )}
          <TextInput
            label={t('consultations.topic')}
            description={t('consultations.topicHint')}
            {...requiredProps}
            {...register('topic', { required: t('consultations.topicHint') })}
            error={formState.errors.topic?.message}
          />
          <Textarea label={t('consultations.details')} autosize minRows={3} {...register('details')} error={formState.errors.details?.message} />
          <Controller
            control={control}
            name="format"
            render={({ field }) => (
              <Select
                label={t('consultations.format')}
                data={(['in_person', 'online', 'mixed'] as const).map((f) => ({ value: f, label: t(`consultations.formats.${f}`) }))}
                value={field.value}
                onChange={(v) => field.onChange(v ?? 'in_person')}
                allowDeselect={false}
              />
            )}
          />
          {summary && (
            <Text c="red.8" size="sm" role="alert">
              {summary}
            </Text>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={send.isPending}>
              {t('consultations.send')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
