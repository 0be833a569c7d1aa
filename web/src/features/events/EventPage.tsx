import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Grid, Group, Modal, Paper, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage, isStatus } from '../../shared/api/errors';
import { ModalActions } from '../../shared/components/ModalActions';
import { Fact } from '../../shared/components/Fact';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { ErrorState, ListSkeleton } from '../../shared/components/States';
import { formatClock, formatDateTime, isoString } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { OrgMap } from '../organizations/OrgMap';
import { useRegion } from '../../shared/api/queries';
import { eventApi, eventKeys, invalidateAfterRegistration, useEvent, useRoster } from './api';
import { EventBadges, REGISTRATION_COLORS, SeatsText, audienceText, eventWhen } from './labels';
import { RegistrationPanel } from './RegistrationPanel';
import { SessionSpeakers } from './SessionSpeakers';
import { EventFeedback } from './feedback/EventFeedback';
import { EventMaterials } from './materials/EventMaterials';
import type { EventDetail, RosterItem } from './types';
import './strings';
import { ActionFailure, type Failure } from '../../shared/components/ActionFailure';

export function EventPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const event = useEvent(id);
  useDocumentTitle(event.data ? event.data.title : t('events.oneTitle'));
  return (
    <QueryDetail query={event} backTo="/events" backLabel={t('events.toList')} skeletonHeight={520}>
      {(data) => <EventView event={data} />}
    </QueryDetail>
  );
}

function EventView({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const organisers = [event.organization, ...event.coOrganizers];
  return (
    <Stack gap="lg">
      <Stack gap={8}>
        <EventBadges event={event} />
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {event.title}
        </Title>
        <Text c="dimmed">
          <time dateTime={isoString(event.startsAt)}>{eventWhen(event)}</time>
          {' · '}
          {organisers.map((o, i) => (
            <span key={o.id}>
              {i > 0 && ', '}
              <Anchor component={Link} to={`/organizations/${o.id}`}>
                {o.shortName}
              </Anchor>
            </span>
          ))}
        </Text>
        <SeatsText event={event} size="md" />
      </Stack>

      {event.state === 'cancelled' && (
        <Alert color="red" variant="light" title={t('events.cancelledTitle')} role="status">
          {event.cancelReason}
        </Alert>
      )}

      {event.canManage && <ManagePanel event={event} />}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="event-about">
              <Title order={2} size="h4" id="event-about" mb="sm">
                {t('events.about')}
              </Title>
              <Stack gap="md">
                {event.description ? <Text style={{ whiteSpace: 'pre-line' }}>{event.description}</Text> : <Text c="dimmed">{t('events.noDescription')}</Text>}
                <Grid gap="md">
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Fact label={t('events.field.when')}>{eventWhen(event)}</Fact>
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Fact label={t('events.field.audience')}>{audienceText(event, t)}</Fact>
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Fact label={t('events.field.format')}>{t(`events.formats.${event.format}`)}</Fact>
                  </Grid.Col>
                  {event.format !== 'online' && (
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Fact label={t('events.field.address')}>{event.address || '—'}</Fact>
                    </Grid.Col>
                  )}
                  {event.format !== 'online' && <EventPlaceMap event={event} />}
                  {event.format !== 'in_person' && (
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Fact label={t('events.field.onlineUrl')}>
                        {event.onlineUrl ? (
                          <Anchor href={event.onlineUrl} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>
                            {event.onlineUrl}
                          </Anchor>
                        ) : event.hasOnlineUrl ? (
                          t('events.onlineUrlHidden')
                        ) : (
                          '—'
                        )}
                      </Fact>
                    </Grid.Col>
                  )}
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Fact label={t('events.field.registration')}>
                      {event.registrationOpensAt || event.registrationClosesAt
                        ? t('events.registrationWindow', {
                            from: event.registrationOpensAt ? formatDateTime(event.registrationOpensAt) : t('events.fromPublication'),
                            to: formatDateTime(event.registrationClosesAt ?? event.startsAt),
                          })
                        : t('events.registrationUntilStart')}
                      {event.approvalRequired ? ` · ${t('events.approvalShort')}` : ''}
                    </Fact>
                  </Grid.Col>
                  {event.network && (
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Fact label={t('events.field.network')}>
                        <Anchor component={Link} to={`/networks/${event.network.id}`}>
                          {event.network.name}
                        </Anchor>
                      </Fact>
                    </Grid.Col>
                  )}
                  {event.planItem && (
                    <Grid.Col span={12}>
                      <Fact label={t('events.field.planItem')}>
                        {event.network ? (
                          <Anchor component={Link} to={`/networks/${event.network.id}/plan`}>
                            {event.planItem.activity}
                          </Anchor>
                        ) : (
                          event.planItem.activity
                        )}
                      </Fact>
                    </Grid.Col>
                  )}
                </Grid>
              </Stack>
            </Paper>

            {event.sessions.length > 0 && (
              <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="event-programme">
                <Title order={2} size="h4" id="event-programme" mb="sm">
                  {event.sessions.some((s) => s.isSection) ? t('events.sectionsTitle') : t('events.programmeTitle')}
                </Title>
                <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {event.sessions.map((s) => (
                    <Paper key={s.id} component="li" withBorder radius="sm" p="sm">
                      <Group justify="space-between" align="flex-start" gap="xs">
                        <Stack gap={2}>
                          <Text fw={600}>{s.title}</Text>
                          {(s.startsAt || s.place) && (
                            <Text size="sm" c="dimmed">
                              {[s.startsAt ? `${formatClock(s.startsAt)}${s.endsAt ? `–${formatClock(s.endsAt)}` : ''}` : null, s.place || null].filter(Boolean).join(' · ')}
                            </Text>
                          )}
                          <SessionSpeakers event={event} session={s} />
                          {s.description && (
                            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                              {s.description}
                            </Text>
                          )}
                        </Stack>
                        {s.isSection && s.capacity !== null && (
                          <Badge variant="light" color={s.seatsFree ? 'teal' : 'orange'}>
                            {s.seatsFree ? t('events.register.sectionFree', { count: s.seatsFree }) : t('events.register.sectionFull')}
                          </Badge>
                        )}
                      </Group>
                    </Paper>
                  ))}
                </Stack>
              </Paper>
            )}

            <EventMaterials eventId={event.id} />
            <EventFeedback eventId={event.id} />
            {event.canManage && <Roster event={event} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <RegistrationPanel event={event} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** For those who manage the event: edit, publish, mark as held, cancel with a reason everyone registered receives. */
function ManagePanel({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const change = useMutation({
    mutationFn: (action: 'publish' | 'finish') => eventApi[action](event.id, event.version),
    onSuccess: (fresh, action) => {
      setFailure(null);
      qc.setQueryData(eventKeys.one(event.id), fresh);
      void qc.invalidateQueries({ queryKey: eventKeys.all });
      notifications.show({ color: 'green', message: t(action === 'publish' ? 'events.publishedToast' : 'events.finishedToast') });
    },
    onError: (err) => setFailure({ conflict: isStatus(err, 409), message: errorMessage(err, t) }),
  });
  const reload = () => {
    setFailure(null);
    return qc.invalidateQueries({ queryKey: eventKeys.one(event.id) });
  };
  const open = event.state === 'draft' || event.state === 'published';
  return (
    <Paper withBorder radius="md" p="md" bg="gray.0" component="section" aria-label={t('events.manage')}>
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Text size="sm">{t(`events.stateHint.${event.state}`)}</Text>
          <Group gap="xs">
            {(event.state === 'published' || event.state === 'finished') && (
              <Button component={Link} to={`/events/${event.id}/check-in`} variant="default">
                {t('events.checkIn')}
              </Button>
            )}
            {event.state === 'finished' && (
              <Button component={Link} to={`/events/${event.id}/certificates`} variant="default">
                {t('events.certificates')}
              </Button>
            )}
            {open && (
              <Button component={Link} to={`/events/${event.id}/edit`} variant="default">
                {t('events.edit')}
              </Button>
            )}
            {event.state === 'draft' && (
              <Button onClick={() => change.mutate('publish')} loading={change.isPending && change.variables === 'publish'}>
                {t('events.publish')}
              </Button>
            )}
            {event.state === 'published' && new Date(event.startsAt) <= new Date() && (
              <Button onClick={() => change.mutate('finish')} loading={change.isPending && change.variables === 'finish'}>
                {t('events.finish')}
              </Button>
            )}
            {open && (
              <Button color="red" variant="light" onClick={() => setCancelling(true)}>
                {t('events.cancel')}
              </Button>
            )}
          </Group>
        </Group>
        <ActionFailure failure={failure} conflictTitle={t('events.notDone')} onReload={reload} />
      </Stack>
      {cancelling && <CancelEventModal event={event} onClose={() => setCancelling(false)} />}
    </Paper>
  );
}

function CancelEventModal({ event, onClose }: { event: EventDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => eventApi.cancel(event.id, event.version, reason.trim()),
    onSuccess: (fresh) => {
      qc.setQueryData(eventKeys.one(event.id), fresh);
      void invalidateAfterRegistration(qc);
      notifications.show({ color: 'green', message: t('events.cancelledToast') });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('events.cancelTitle')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate();
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t('events.cancelHint', { count: event.seatsTaken + event.waitlistLength })}</Text>
          <Textarea label={t('events.cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-autofocus />
          {cancel.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(cancel.error, t)}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" color="red" loading={cancel.isPending} disabled={!reason.trim()}>
              {t('events.cancelConfirm')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

/** The organisers' list: requests to approve or reject, those registered with their codes, the line, those who left. */
function Roster({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const roster = useRoster(event.id, true);
  const [rejecting, setRejecting] = useState<RosterItem | null>(null);
  const approve = useMutation({
    mutationFn: (r: RosterItem) => eventApi.approve(r.id, r.version),
    onSettled: () => invalidateAfterRegistration(qc),
  });
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="event-roster">
      <Title order={2} size="h4" id="event-roster" mb="sm">
        {t('events.roster.title')}
      </Title>
      {roster.isPending ? (
        <ListSkeleton rows={3} height={40} />
      ) : roster.isError ? (
        <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />
      ) : roster.data.items.length === 0 ? (
        <Text c="dimmed">{t('events.roster.empty')}</Text>
      ) : (
        <Stack gap="xs">
          {approve.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(approve.error, t)}
            </Alert>
          )}
          <Table.ScrollContainer minWidth={560} type="native" tabIndex={0} aria-label={t('events.roster.title')}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('events.roster.name')}</Table.Th>
                  <Table.Th>{t('events.roster.state')}</Table.Th>
                  <Table.Th>{t('events.roster.code')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('events.roster.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {roster.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {r.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[r.isChild && r.grade !== null ? t('events.roster.grade', { grade: r.grade }) : null, r.organizations.join(', ') || null, r.section, r.onBehalfOf ? t('events.roster.byGroup', { school: r.onBehalfOf }) : null]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge color={REGISTRATION_COLORS[r.state]} variant="light">
                        {r.state === 'waitlisted' && r.waitlistPosition !== null ? t('events.roster.inLine', { position: r.waitlistPosition }) : t(`events.registrationStates.${r.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{r.state === 'registered' ? <code>{r.checkInCode}</code> : '—'}</Table.Td>
                    <Table.Td>
                      {['pending', 'waitlisted', 'registered'].includes(r.state) && event.state === 'published' && (
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          {r.state === 'pending' && (
                            <Button size="xs" onClick={() => approve.mutate(r)} loading={approve.isPending && approve.variables?.id === r.id} aria-label={t('events.roster.approveFor', { name: r.name })}>
                              {t('events.roster.approve')}
                            </Button>
                          )}
                          <Button size="xs" variant="subtle" color="red" onClick={() => setRejecting(r)} aria-label={t('events.roster.rejectFor', { name: r.name })}>
                            {t(r.state === 'pending' ? 'events.roster.reject' : 'events.roster.remove')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
      {rejecting && <RejectModal registration={rejecting} onClose={() => setRejecting(null)} />}
    </Paper>
  );
}

function RejectModal({ registration, onClose }: { registration: RosterItem; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const reject = useMutation({
    mutationFn: () => eventApi.reject(registration.id, registration.version, reason.trim()),
    onSuccess: () => {
      void invalidateAfterRegistration(qc);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('events.roster.rejectTitle', { name: registration.name })} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          reject.mutate();
        }}
      >
        <Stack gap="md">
          <Textarea label={t('events.roster.rejectReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-autofocus />
          {reject.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(reject.error, t)}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" color="red" loading={reject.isPending} disabled={!reason.trim()}>
              {t('events.roster.rejectConfirm')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

/** Where an in-person event takes place, when its organiser put it on the map: the way there is the first question. */
function EventPlaceMap({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const region = useRegion();
  if (event.lat === null || event.lon === null || !region.data) return null;
  return (
    <Grid.Col span={12}>
      <OrgMap
        single
        region={region.data}
        height={240}
        label={`${t('events.field.address')}: ${event.address || event.title}`}
        items={[{ id: event.id, shortName: event.title, lat: event.lat, lon: event.lon }]}
        markerColor={() => '#1c7ed6'}
      />
    </Grid.Col>
  );
}
