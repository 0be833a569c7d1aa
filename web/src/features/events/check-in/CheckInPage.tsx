import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../shared/components/States';
import { formatDateTime } from '../../../shared/dates';
import { useDocumentTitle } from '../../../shared/hooks/useDocumentTitle';
import { errorMessage } from '../../../shared/api/errors';
import { type LocalOutcome, type RosterItem, countIn } from './door-store';
import { cameraAvailable, startScanner } from './scanner';
import { useDoor } from './useDoor';
import { useDoorWorker } from './useDoorWorker';
import './strings';

const timeOf = (iso: string) => formatDateTime(iso).slice(-5);

/**
 * /events/:id/check-in — the organiser's phone at the door: the camera reads tickets' QR codes, or the short code is
 * typed; the list of everyone registered marks attendance by hand. It keeps working without network: the roster is on
 * the phone, marks wait there and go to the server when it answers, which lets each person in once (the first mark
 * to arrive wins; a later one from another phone is reported with the first one's time).
 */
export function CheckInPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const door = useDoor(id);
  const kept = useDoorWorker();
  const { state, connection, syncing } = door;
  const [last, setLast] = useState<LocalOutcome | null>(null);
  const [typed, setTyped] = useState('');
  const title = state.roster?.event.title ?? t('checkIn.titleFallback');
  useDocumentTitle(t('checkIn.documentTitle', { title }));

  const checkIn = (input: string) => {
    const outcome = door.checkIn(input);
    setLast(outcome);
    if (outcome.kind === 'queued') navigator.vibrate?.(80);
    return outcome;
  };

  // A ticket scanned by the phone's own camera app opens this page with the code in the fragment: mark it once.
  const fromFragment = useRef(false);
  useEffect(() => {
    if (fromFragment.current || !location.hash.startsWith('#code=')) return;
    fromFragment.current = true;
    checkIn(`${location.origin}${location.pathname}${location.hash}`);
    history.replaceState(null, '', location.pathname);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (door.fatal && !state.roster) return <ErrorState error={door.fatal} />;
  const { inside, registered } = countIn(state);

  return (
    <Stack gap="md" maw={720}>
      <div>
        <Text size="sm" c="dimmed">
          {t('checkIn.kicker')}
        </Text>
        <Title order={1}>{title}</Title>
        <Text size="sm" mt={4}>
          <Link to={`/events/${id}`}>{t('checkIn.toEvent')}</Link>
        </Text>
      </div>

      <SyncStatus connection={connection} syncing={syncing} queued={state.queue.length} lastSyncAt={state.lastSyncAt} hasRoster={!!state.roster} kept={kept} />

      <Text fw={600} data-testid="check-in-count">
        {t('checkIn.inside', { inside, registered })}
      </Text>

      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('checkIn.scanTitle')}
          </Title>
          <Camera onCode={checkIn} />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!typed.trim()) return;
              checkIn(typed);
              setTyped('');
            }}
          >
            <Group align="flex-end" gap="sm" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t('checkIn.codeLabel')}
                description={t('checkIn.codeHint')}
                value={typed}
                onChange={(e) => setTyped(e.currentTarget.value)}
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                maxLength={300}
              />
              <Button type="submit">{t('checkIn.mark')}</Button>
            </Group>
          </form>
          <LastResult outcome={last} />
        </Stack>
      </Paper>

      {state.notes.length > 0 && <Notes notes={state.notes} />}

      <RosterList items={state.roster?.items ?? []} queued={new Set(state.queue.map((q) => q.code))} online={connection === 'online'} onMark={(item) => setLast(door.checkIn(item.code))} onUnmark={door.unmark} />
    </Stack>
  );
}

function SyncStatus({ connection, syncing, queued, lastSyncAt, hasRoster, kept }: { connection: string; syncing: boolean; queued: number; lastSyncAt: string | null; hasRoster: boolean; kept: boolean }) {
  const { t } = useTranslation();
  const [color, text] =
    connection === 'offline'
      ? (['orange', t('checkIn.offline', { count: queued })] as const)
      : syncing || queued > 0
        ? (['blue', t('checkIn.syncing', { count: queued })] as const)
        : (['green', lastSyncAt ? t('checkIn.synced', { time: timeOf(lastSyncAt) }) : t('checkIn.loading')] as const);
  return (
    <Alert color={color} variant="light" role="status" aria-live="polite" data-testid="check-in-status" data-connection={connection} data-queued={queued} data-kept={kept}>
      <Text size="sm" fw={600}>
        {text}
      </Text>
      {connection === 'offline' && (
        <Text size="sm" mt={4}>
          {!hasRoster ? t('checkIn.offlineNoRoster') : kept ? t('checkIn.offlineHintKept') : t('checkIn.offlineHint')}
        </Text>
      )}
      {connection === 'online' && kept && hasRoster && (
        <Text size="sm" mt={4}>
          {t('checkIn.kept')}
        </Text>
      )}
    </Alert>
  );
}

function Camera({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const stopRef = useRef<(() => void) | null>(null);
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  useEffect(() => () => stopRef.current?.(), []);
  if (!cameraAvailable()) return <Text size="sm" c="dimmed">{t('checkIn.noCamera')}</Text>;
  const toggle = async () => {
    if (on) {
      stopRef.current?.();
      stopRef.current = null;
      setOn(false);
      return;
    }
    setError(null);
    try {
      setOn(true);
      const scanner = await startScanner(video.current!, (text) => onCodeRef.current(text));
      stopRef.current = scanner.stop;
    } catch {
      setOn(false);
      setError(t('checkIn.cameraRefused'));
    }
  };
  return (
    <Stack gap="xs">
      <Button variant={on ? 'outline' : 'filled'} onClick={toggle}>
        {on ? t('checkIn.cameraOff') : t('checkIn.cameraOn')}
      </Button>
      <video ref={video} aria-label={t('checkIn.cameraLabel')} style={{ width: '100%', maxHeight: 320, background: '#000', borderRadius: 8, display: on ? 'block' : 'none' }} />
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function LastResult({ outcome }: { outcome: LocalOutcome | null }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  const view = (() => {
    switch (outcome.kind) {
      case 'queued':
        return { color: 'green', title: outcome.item ? t('checkIn.result.in', { name: outcome.item.name }) : t('checkIn.result.inUnknown', { code: outcome.code }), detail: detailOf(outcome.item, t) };
      case 'already':
        return {
          color: 'yellow',
          title: t('checkIn.result.already', { name: outcome.item.name, time: timeOf(outcome.checkedInAt) }),
          detail: outcome.onThisPhone ? t('checkIn.result.alreadyHere') : detailOf(outcome.item, t),
        };
      case 'not_registered':
        return { color: 'red', title: t('checkIn.result.notRegistered', { name: outcome.item.name }), detail: t(`checkIn.state.${outcome.item.state}`) };
      case 'unknown':
        return { color: 'red', title: t('checkIn.result.unknown', { code: outcome.code }), detail: t('checkIn.result.unknownHint') };
      case 'other_event':
        return { color: 'red', title: t('checkIn.result.otherEvent'), detail: '' };
      case 'unreadable':
        return { color: 'red', title: t('checkIn.result.unreadable'), detail: '' };
    }
  })();
  return (
    <Alert color={view.color} variant="filled" role="alert" data-testid="check-in-result" data-kind={outcome.kind}>
      <Text fw={700}>{view.title}</Text>
      {view.detail && <Text size="sm">{view.detail}</Text>}
    </Alert>
  );
}

function detailOf(item: RosterItem | null, t: (key: string, options?: Record<string, unknown>) => string) {
  if (!item) return '';
  return [item.role === 'speaker' ? t('checkIn.speaker') : null, item.section, item.school].filter(Boolean).join(' · ');
}

function Notes({ notes }: { notes: { code: string; name: string | null; kind: string; checkedInAt: string | null }[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" data-testid="check-in-notes">
      <Title order={2} size="h4" mb="xs">
        {t('checkIn.notesTitle')}
      </Title>
      <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
        {notes.map((n, i) => (
          <Text component="li" size="sm" key={`${n.code}-${i}`}>
            {n.kind === 'already'
              ? t('checkIn.note.already', { name: n.name, time: n.checkedInAt ? timeOf(n.checkedInAt) : '' })
              : n.kind === 'not_registered'
                ? t('checkIn.note.notRegistered', { name: n.name })
                : t('checkIn.note.unknown', { code: n.code })}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

function RosterList({ items, queued, online, onMark, onUnmark }: { items: RosterItem[]; queued: Set<string>; online: boolean; onMark: (item: RosterItem) => void; onUnmark: (id: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return items.filter((i) => i.state === 'registered' && (!q || i.name.toLowerCase().includes(q) || i.code.toLowerCase().includes(q.replace(/[\s-]/g, ''))));
  }, [items, query]);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('checkIn.listTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('checkIn.listHint')}
        </Text>
        <TextInput type="search" label={t('checkIn.search')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed">
            {items.length ? t('checkIn.nobodyFound') : t('checkIn.nobody')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="check-in-list">
            {shown.map((item) => {
              const waiting = queued.has(item.code);
              const present = !!item.checkedInAt || waiting;
              return (
                <li key={item.registrationId}>
                  <Checkbox
                    checked={present}
                    disabled={present && (!online || waiting)}
                    onChange={async (e) => {
                      setError(null);
                      if (e.currentTarget.checked) onMark(item);
                      else await onUnmark(item.registrationId).catch((err: unknown) => setError(errorMessage(err, t)));
                    }}
                    label={
                      <Group gap={6} wrap="wrap">
                        <span>{item.name}</span>
                        {item.role === 'speaker' && <Badge size="sm" variant="light">{t('checkIn.speaker')}</Badge>}
                      </Group>
                    }
                    description={[
                      item.code,
                      item.section,
                      item.school,
                      waiting ? t('checkIn.waitingToSend') : item.checkedInAt ? t('checkIn.cameAt', { time: timeOf(item.checkedInAt) }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                </li>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
