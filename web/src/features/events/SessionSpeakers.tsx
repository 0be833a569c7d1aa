import { useState } from 'react';
import { Alert, Badge, Button, CloseButton, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { ModalActions } from '../../shared/components/ModalActions';
import { requiredProps } from '../../shared/components/required';
import { eventApi, eventKeys, useSpeakerCandidates } from './api';
import type { EventDetail, EventSession } from './types';
import './strings';

/** A failed request's words: the fields the server named, or its detail. */
const failureText = (err: unknown, t: Parameters<typeof errorMessage>[1]) =>
  err instanceof ApiError && err.fieldErrors.length ? err.fieldErrors.map((e) => e.message).join('; ') : errorMessage(err, t);

/**
 * The speakers of one session in the programme. Everyone sees the names (a guest marked as such); those who manage
 * the event add a person with an account (a certificate of a speaker follows) or a guest by name, and remove them.
 */
export function SessionSpeakers({ event, session }: { event: EventDetail; session: EventSession }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const editable = event.canManage && event.state !== 'cancelled';
  const remove = useMutation({
    mutationFn: (speakerId: string) => eventApi.removeSpeaker(event.id, speakerId),
    onSuccess: (fresh) => {
      qc.setQueryData(eventKeys.one(event.id), fresh);
      notifications.show({ color: 'green', message: t('events.speakerPanel.removed') });
    },
  });
  if (!editable) {
    if (!session.speakers.length) return null;
    return <Text size="sm">{t('events.speakers', { names: session.speakers.map((s) => (s.hasAccount ? s.name : `${s.name} (${t('events.speakerGuest')})`)).join(', ') })}</Text>;
  }
  return (
    <Stack gap={6}>
      {session.speakers.length ? (
        <Group gap={6}>
          {session.speakers.map((s) => (
            <Badge
              key={s.id}
              variant="light"
              color={s.hasAccount ? 'blue' : 'gray'}
              size="lg"
              tt="none"
              fw={500}
              style={{ maxWidth: '100%' }}
              rightSection={<CloseButton size="xs" onClick={() => remove.mutate(s.id)} disabled={remove.isPending} aria-label={t('events.speakerPanel.remove', { name: s.name })} />}
            >
              <span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{s.hasAccount ? s.name : `${s.name} (${t('events.speakerGuest')})`}</span>
            </Badge>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('events.speakerPanel.none')}
        </Text>
      )}
      {remove.isError && (
        <Alert color="red" variant="light" role="alert">
          {failureText(remove.error, t)}
        </Alert>
      )}
      <div>
        <Button size="xs" variant="light" onClick={() => setAdding(true)} aria-label={t('events.speakerPanel.addFor', { session: session.title })}>
          {t('events.speakerPanel.add')}
        </Button>
      </div>
      {adding && <AddSpeakerModal event={event} session={session} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

function AddSpeakerModal({ event, session, onClose }: { event: EventDetail; session: EventSession; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [mode, setMode] = useState<'person' | 'guest'>('person');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const userId = picked?.value ?? null;
  const [name, setName] = useState('');
  const chosen = new Set(session.speakers.map((s) => s.name));
  // While the field shows the chosen person, it is not searched for; fewer than 2 letters list the organisers' staff.
  const query = (picked && search === picked.label) || debounced.length < 2 ? '' : debounced;
  const candidates = useSpeakerCandidates(event.id, query);
  const options = (candidates.data?.items ?? []).map((p) => ({
    value: p.id,
    label: p.organizations.length ? `${p.fullName} · ${p.organizations.join(', ')}` : p.fullName,
    disabled: chosen.has(p.fullName),
  }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift({ ...picked, disabled: false });
  const add = useMutation({
    mutationFn: () => eventApi.addSpeaker(event.id, mode === 'person' ? { sessionId: session.id, userId: userId ?? undefined } : { sessionId: session.id, name: name.trim() }),
    onSuccess: (fresh) => {
      qc.setQueryData(eventKeys.one(event.id), fresh);
      notifications.show({ color: 'green', message: t('events.speakerPanel.added') });
      onClose();
    },
  });
  const ready = mode === 'person' ? !!userId : name.trim().length >= 3;
  return (
    <Modal opened onClose={onClose} title={t('events.speakerPanel.title', { session: session.title })} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) add.mutate();
        }}
      >
        <Stack gap="md">
          <SegmentedControl
            aria-label={t('events.speakerPanel.modeLabel')}
            value={mode}
            onChange={(value) => {
              setMode(value as 'person' | 'guest');
              add.reset();
            }}
            data={[
              { value: 'person', label: t('events.speakerPanel.modePerson') },
              { value: 'guest', label: t('events.speakerPanel.modeGuest') },
            ]}
            fullWidth
          />
          {mode === 'person' ? (
            <>
              <Select
                label={t('events.speakerPanel.person')}
                description={t('events.speakerPanel.personHint')}
                placeholder={t('events.speakerPanel.personPlaceholder')}
                searchable
                clearable
                searchValue={search}
                onSearchChange={setSearch}
                data={options}
                filter={({ options: o }) => o}
                value={userId}
                onChange={(id) => setPicked(options.find((o) => o.value === id) ?? null)}
                nothingFoundMessage={candidates.isFetching ? t('common.loading') : query ? t('events.speakerPanel.nothing') : t('events.speakerPanel.typeMore')}
                comboboxProps={{ withinPortal: true }}
                data-autofocus
                {...requiredProps}
              />
              <Text size="sm" c="dimmed">
                {t('events.speakerPanel.personCertificate')}
              </Text>
            </>
          ) : (
            <>
              <TextInput
                label={t('events.speakerPanel.guestName')}
                description={t('events.speakerPanel.guestNameHint')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                maxLength={200}
                data-autofocus
                {...requiredProps}
              />
              <Alert color="yellow" variant="light">
                {t('events.speakerPanel.guestNote')}
              </Alert>
            </>
          )}
          {add.isError && (
            <Alert color="red" variant="light" role="alert">
              {failureText(add.error, t)}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={add.isPending} disabled={!ready}>
              {t('events.speakerPanel.submit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
