import { type ReactNode, useState } from 'react';
import { ActionIcon, Alert, Anchor, Button, Grid, Group, Modal, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { ModalActions } from '../../shared/components/ModalActions';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { requiredProps } from '../../shared/components/required';
import { formatDate, formatDateTime, regionLocalToIso } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { consultationApi, consultationKeys, useConsultation } from './api';
import { ConsultationStateBadge } from './labels';
import type { Consultation } from './types';
import './strings';

export function ConsultationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const consultation = useConsultation(id);
  useDocumentTitle(consultation.data ? consultation.data.topic : t('consultations.oneTitle'));
  return (
    <QueryDetail query={consultation} backTo="/consultations" backLabel={t('consultations.toList')} skeletonHeight={420}>
      {(data) => <ConsultationView consultation={data} />}
    </QueryDetail>
  );
}

type Dialog = 'propose' | 'decline' | 'cancel';

/** «Label: value» on one line. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm">
      <Text span fw={600} size="sm">
        {label}:
      </Text>{' '}
      {children}
    </Text>
  );
}

function ConsultationView({ consultation: c }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const onChanged = (fresh: Consultation, message: string) => {
    setDialog(null);
    setConflict(null);
    qc.setQueryData(consultationKeys.one(c.id), fresh);
    void qc.invalidateQueries({ queryKey: consultationKeys.all });
    notifications.show({ color: 'green', message });
  };
  const onFailed = (err: unknown) => {
    if (!isStatus(err, 409)) return false;
    setDialog(null);
    setConflict(errorMessage(err, t));
    void qc.invalidateQueries({ queryKey: consultationKeys.all });
    return true;
  };
  const accept = useMutation({
    mutationFn: (slotId: string) => consultationApi.accept(c.id, slotId),
    onSuccess: (fresh) => onChanged(fresh, t('consultations.accepted')),
    onError: (err) => {
      if (!onFailed(err)) notifications.show({ color: 'red', message: errorMessage(err, t) });
    },
  });
  const waitingFor = c.state === 'requested' ? c.consultant.shortName : c.state === 'proposed' ? c.requester.shortName : null;

  return (
    <Stack gap="lg">
      <Stack gap={8}>
        <Group gap={8}>
          <ConsultationStateBadge state={c.state} />
          <Text size="sm" c="dimmed">
            {formatDate(c.createdAt)}
          </Text>
        </Group>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {c.topic}
        </Title>
        {waitingFor && <Text c="dimmed">{t('consultations.waitingFor', { school: waitingFor })}</Text>}
      </Stack>
      {conflict && (
        <ConflictAlert title={t('consultations.conflictTitle')}>
          <Text size="sm">{conflict}</Text>
        </ConflictAlert>
      )}
      {c.state === 'accepted' && c.eventId && (
        <Alert color="green" variant="light" title={t('consultations.states.accepted')}>
          <Anchor component={Link} to={`/events/${c.eventId}`}>
            {t('consultations.openEvent')}
          </Anchor>
        </Alert>
      )}
      {(c.state === 'declined' || c.state === 'cancelled') && c.reason && (
        <Alert color="gray" variant="light">
          {t('consultations.reasonShown', { reason: c.reason })}
        </Alert>
      )}
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="consultation-parties">
        <Title order={2} size="h4" id="consultation-parties" mb="sm">
          {t('consultations.oneTitle')}
        </Title>
        <Stack gap={6}>
          <Fact label={t('consultations.requester')}>
            <Anchor component={Link} to={`/organizations/${c.requester.id}`}>
              {c.requester.shortName}
            </Anchor>
          </Fact>
          <Fact label={t('consultations.consultant')}>
            <Anchor component={Link} to={`/organizations/${c.consultant.id}`}>
              {c.consultant.shortName}
            </Anchor>
          </Fact>
          {c.network && (
            <Fact label={t('consultations.partnership')}>
              <Anchor component={Link} to={`/networks/${c.network.id}`}>
                {c.network.name}
              </Anchor>
            </Fact>
          )}
          <Fact label={t('consultations.format')}>{t(`consultations.formats.${c.format}`)}</Fact>
          {c.details && (
            <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {c.details}
            </Text>
          )}
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="consultation-slots">
        <Title order={2} size="h4" id="consultation-slots" mb="sm">
          {t('consultations.slots')}
        </Title>
        {c.slots.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('consultations.noSlots')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {c.slots.map((slot) => (
              <Group key={slot.id} component="li" justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm">
                  {formatDateTime(slot.startsAt)} — {formatDateTime(slot.endsAt).split(' ').pop()}
                  {slot.place && ` · ${slot.place}`}
                </Text>
                {c.actions.accept && (
                  <Button size="xs" onClick={() => accept.mutate(slot.id)} loading={accept.isPending && accept.variables === slot.id}>
                    {t('consultations.choose')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
      {(c.actions.propose || c.actions.decline || c.actions.cancel) && (
        <Group gap="sm">
          {c.actions.propose && <Button onClick={() => setDialog('propose')}>{c.state === 'proposed' ? t('consultations.proposeAgain') : t('consultations.propose')}</Button>}
          {c.actions.decline && (
            <Button variant="default" onClick={() => setDialog('decline')}>
              {t('consultations.decline')}
            </Button>
          )}
          {c.actions.cancel && (
            <Button variant="default" onClick={() => setDialog('cancel')}>
              {t('consultations.cancel')}
            </Button>
          )}
        </Group>
      )}
      {dialog === 'propose' && <ProposeModal consultation={c} onClose={() => setDialog(null)} onChanged={onChanged} onFailed={onFailed} />}
      {(dialog === 'decline' || dialog === 'cancel') && <CloseModal consultation={c} how={dialog} onClose={() => setDialog(null)} onChanged={onChanged} onFailed={onFailed} />}
    </Stack>
  );
}

interface DialogProps {
  consultation: Consultation;
  onClose: () => void;
  onChanged: (fresh: Consultation, message: string) => void;
  onFailed: (err: unknown) => boolean;
}

interface SlotValues {
  slots: { startsAt: string; endsAt: string; place: string }[];
}

function ProposeModal({ consultation, onClose, onChanged, onFailed }: DialogProps) {
  const { t } = useTranslation();
  const { control, register, handleSubmit, setError, formState } = useForm<SlotValues>({ defaultValues: { slots: [{ startsAt: '', endsAt: '', place: '' }] } });
  const { fields, append, remove } = useFieldArray({ control, name: 'slots' });
  const [summary, setSummary] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (v: SlotValues) =>
      consultationApi.propose(
        consultation.id,
        v.slots.map((s) => ({ startsAt: regionLocalToIso(s.startsAt), endsAt: regionLocalToIso(s.endsAt), place: s.place })),
      ),
    onSuccess: (fresh) => onChanged(fresh, t('consultations.proposed')),
    onError: (err) => {
      if (onFailed(err)) return;
      const unmatched: string[] = [];
      for (const fe of err instanceof ApiError ? err.fieldErrors : []) {
        const m = /^slots\.(\d+)\.(startsAt|endsAt)$/.exec(fe.field);
        if (m) setError(`slots.${Number(m[1])}.${m[2] as 'startsAt' | 'endsAt'}`, { type: 'server', message: fe.message });
        else unmatched.push(fe.message);
      }
      setSummary(err instanceof ApiError && err.fieldErrors.length && !unmatched.length ? null : unmatched.join('; ') || errorMessage(err, t));
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('consultations.proposeTitle')} size="lg">
      <form onSubmit={handleSubmit((v) => send.mutate(v))} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('consultations.proposeHint')}
          </Text>
          {fields.map((field, i) => (
            <Paper key={field.id} withBorder p="sm" radius="md" component="fieldset" style={{ margin: 0 }}>
              <Group justify="space-between" mb={4}>
                <Text component="legend" fw={600} size="sm">
                  {t('consultations.slotN', { n: i + 1 })}
                </Text>
                {fields.length > 1 && (
                  <ActionIcon variant="subtle" color="gray" onClick={() => remove(i)} aria-label={t('consultations.removeSlot', { n: i + 1 })}>
                    ×
                  </ActionIcon>
                )}
              </Group>
              <Grid gap="sm">
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    type="datetime-local"
                    label={t('consultations.startsAt')}
                    {...requiredProps}
                    {...register(`slots.${i}.startsAt`, { required: t('consultations.startsAt') })}
                    error={formState.errors.slots?.[i]?.startsAt?.message}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    type="datetime-local"
                    label={t('consultations.endsAt')}
                    {...requiredProps}
                    {...register(`slots.${i}.endsAt`, { required: t('consultations.endsAt') })}
                    error={formState.errors.slots?.[i]?.endsAt?.message}
                  />
                </Grid.Col>
                <Grid.Col span={12}>
                  <TextInput label={t('consultations.place')} description={t('consultations.placeHint')} {...register(`slots.${i}.place`)} />
                </Grid.Col>
              </Grid>
            </Paper>
          ))}
          {fields.length < 5 && (
            <Button variant="subtle" onClick={() => append({ startsAt: '', endsAt: '', place: '' })} style={{ alignSelf: 'flex-start' }}>
              + {t('consultations.addSlot')}
            </Button>
          )}
          {summary && (
            <Text c="red.8" size="sm" role="alert">
              {summary}
            </Text>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={send.isPending}>
              {t('consultations.propose')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

function CloseModal({ consultation, how, onClose, onChanged, onFailed }: DialogProps & { how: 'decline' | 'cancel' }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => (how === 'decline' ? consultationApi.decline(consultation.id, reason) : consultationApi.cancel(consultation.id, reason)),
    onSuccess: (fresh) => onChanged(fresh, how === 'decline' ? t('consultations.declined') : t('consultations.cancelled')),
    onError: (err) => {
      if (!onFailed(err)) setError(errorMessage(err, t));
    },
  });
  return (
    <Modal opened onClose={onClose} title={how === 'decline' ? t('consultations.declineTitle') : t('consultations.cancelTitle')}>
      <Stack gap="md">
        <Textarea label={t('consultations.reason')} description={t('consultations.reasonHint')} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} />
        <ModalActions onCancel={onClose}>
          <Button color="red" onClick={() => send.mutate()} loading={send.isPending}>
            {how === 'decline' ? t('consultations.decline') : t('consultations.cancel')}
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}
