import { Alert, Badge, Button, Card, Checkbox, Group, Loader, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import type { Me } from '../../shared/api/types';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState } from '../../shared/components/States';
import { newIdempotencyKey } from '../enrolments/idempotency';
import { useMyChildren } from '../families/api';
import { RegistrationTicket } from './check-in/RegistrationTicket';
import { eventApi, invalidateAfterRegistration, useGroupCandidates } from './api';
import { REGISTRATION_COLORS, SeatsText } from './labels';
import type { EventAudience, EventDetail, RegistrationProblemCode } from './types';
import './strings';

/** The audiences a signed-in adult belongs to, as the server judges them (events/policy.ts adultAudiences). */
function adultAudiences(user: Me): EventAudience[] {
  const mine: EventAudience[] = ['public'];
  if (user.memberships.some((m) => m.role === 'org_admin')) mine.push('heads');
  if (user.memberships.length) mine.push('teachers');
  if (user.platformRoles.includes('guardian')) mine.push('parents');
  return mine;
}

const forAdults = (event: EventDetail, user: Me) => !event.audiences.length || event.audiences.some((a) => adultAudiences(user).includes(a));
const forStudents = (event: EventDetail) => !event.audiences.length || event.audiences.includes('students') || event.audiences.includes('public');

/** One key per intended action, reused when the same press is retried after a lost answer; a refusal ends the action. */
function useIntent() {
  const intent = useRef<{ what: string; key: string } | null>(null);
  return {
    key(what: string) {
      if (intent.current?.what !== what) intent.current = { what, key: newIdempotencyKey() };
      return intent.current.key;
    },
    settle(err?: unknown) {
      if (!err || (err instanceof ApiError && err.status < 500)) intent.current = null;
    },
  };
}

const problemCode = (err: unknown) => (err instanceof ApiError ? ((err.problem as { code?: RegistrationProblemCode }).code ?? null) : null);

/**
 * The event page's registration panel: the seats; the caller's own registrations and their children's (state, place
 * in line, the code for the door, cancel); then the ways to register that fit the person — themself (a teacher, a
 * head, a parent, when the audience admits them), a child (a guardian), a group of the school's students (a head).
 * A full event offers the waitlist; one that needs approval says the request waits for the organisers.
 */
export function RegistrationPanel({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const sections = event.sessions.filter((s) => s.isSection);
  const [sectionId, setSectionId] = useState<string | null>(null);

  let body;
  if (event.state === 'cancelled') body = <Text>{t('events.register.cancelled', { reason: event.cancelReason })}</Text>;
  else if (event.state === 'finished') body = <Text>{t('events.register.finished')}</Text>;
  else if (event.state === 'draft') body = <Text c="dimmed">{t('events.register.draft')}</Text>;
  else if (user === undefined) body = <Loader size="sm" aria-label={t('common.loading')} />;
  else if (user === null)
    body = (
      <>
        <Text>{t('events.register.signInPrompt')}</Text>
        <Group>
          <Button component={Link} to={`/sign-in?next=${encodeURIComponent(`/events/${event.id}`)}`}>
            {t('events.register.signIn')}
          </Button>
        </Group>
      </>
    );
  else if (!event.registrationOpen) body = <Text>{event.registrationOpensAt && new Date(event.registrationOpensAt) > new Date() ? t('events.register.notYetOpen') : t('events.register.closed')}</Text>;
  else {
    const full = event.capacity !== null && (event.seatsFree ?? 0) <= 0;
    const section = sections.find((s) => s.id === sectionId) ?? null;
    const sectionFull = !!section && section.capacity !== null && (section.seatsFree ?? 0) <= 0;
    const canSelf = forAdults(event, user) && !event.myRegistrations.some((r) => !r.childId && ['pending', 'waitlisted', 'registered'].includes(r.state));
    const canChild = user.platformRoles.includes('guardian') && forStudents(event);
    const canGroup = user.memberships.some((m) => m.role === 'org_admin') && forStudents(event);
    body = (
      <Stack gap="md">
        {event.approvalRequired && <Text size="sm">{t('events.register.approvalHint')}</Text>}
        {sections.length > 0 && (canSelf || canChild || canGroup) && (
          <Select
            label={t('events.register.section')}
            placeholder={t('events.register.sectionPlaceholder')}
            data={sections.map((s) => ({
              value: s.id,
              label: s.capacity === null ? s.title : `${s.title} — ${s.seatsFree ? t('events.register.sectionFree', { count: s.seatsFree }) : t('events.register.sectionFull')}`,
            }))}
            value={sectionId}
            onChange={setSectionId}
            clearable
          />
        )}
        {canSelf && <SelfRegistration event={event} sectionId={sectionId} full={full || sectionFull} />}
        {canChild && <ChildRegistration event={event} sectionId={sectionId} full={full || sectionFull} />}
        {canGroup && <GroupRegistration event={event} sectionId={sectionId} full={full || sectionFull} user={user} />}
        {!forAdults(event, user) && !user.platformRoles.includes('guardian') && !user.memberships.some((m) => m.role === 'org_admin') && (
          <Text size="sm" c="dimmed">
            {t('events.register.notForYou')}
          </Text>
        )}
      </Stack>
    );
  }

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="registration-panel-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="registration-panel-title">
          {t('events.register.title')}
        </Title>
        <SeatsText event={event} size="md" />
        {event.myRegistrations.length > 0 && <MyRegistrationsHere event={event} />}
        {body}
      </Stack>
    </Card>
  );
}

/** The caller's registrations at this event (their own and their children's): state, place in line, the door code, cancel. */
function MyRegistrationsHere({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const cancel = useMutation({
    mutationFn: (r: { id: string; version: number }) => eventApi.cancelRegistration(r.id, r.version),
    onSettled: () => invalidateAfterRegistration(qc),
  });
  return (
    <Stack gap="xs">
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('events.register.yours')}>
        {event.myRegistrations.map((r) => {
          const live = ['pending', 'waitlisted', 'registered'].includes(r.state);
          return (
            <Paper key={r.id} component="li" bg={`${REGISTRATION_COLORS[r.state]}.0`} radius="sm" p="sm">
              <Stack gap={6} align="flex-start">
                <Group gap="xs">
                  <Badge color={REGISTRATION_COLORS[r.state]} variant="filled">
                    {t(`events.registrationStates.${r.state}`)}
                  </Badge>
                  <Text size="sm" fw={600}>
                    {r.childName ?? t('events.register.you')}
                  </Text>
                </Group>
                {r.state === 'waitlisted' && r.waitlistPosition !== null && <Text size="sm">{t('events.register.position', { position: r.waitlistPosition })}</Text>}
                {r.state === 'registered' && <RegistrationTicket registrationId={r.id} />}
                {live && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => cancel.mutate(r)}
                    loading={cancel.isPending && cancel.variables?.id === r.id}
                    aria-label={t('events.register.cancelFor', { name: r.childName ?? t('events.register.you') })}
                  >
                    {t('events.register.cancel')}
                  </Button>
                )}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
      {cancel.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(cancel.error, t)}
        </Alert>
      )}
    </Stack>
  );
}

/** What a refusal says, and for a full event the way on: the waitlist. */
function Refusal({ error, onWaitlist, waiting }: { error: unknown; onWaitlist?: () => void; waiting: boolean }) {
  const { t } = useTranslation();
  const full = problemCode(error) === 'event_full';
  return (
    <Alert color={full ? 'orange' : 'red'} variant="light" role="alert" title={error instanceof ApiError ? error.problem.title : t('errors.title')}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error, t)}</Text>
        {full && onWaitlist && (
          <Button size="xs" onClick={onWaitlist} loading={waiting}>
            {t('events.register.joinWaitlist')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

function SelfRegistration({ event, sectionId, full }: { event: EventDetail; sectionId: string | null; full: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const intent = useIntent();
  const register = useMutation({
    mutationFn: (waitlist: boolean) => eventApi.register(event.id, { sessionId: sectionId ?? undefined, waitlist }, intent.key(`self:${sectionId}:${waitlist}`)),
    onSuccess: () => {
      intent.settle();
      return invalidateAfterRegistration(qc);
    },
    onError: (err) => {
      intent.settle(err);
      void invalidateAfterRegistration(qc);
    },
  });
  const waitlistFirst = full && !event.approvalRequired;
  return (
    <Stack gap="xs">
      {register.isError ? (
        <Refusal error={register.error} onWaitlist={() => register.mutate(true)} waiting={register.isPending} />
      ) : (
        <Group>
          <Button onClick={() => register.mutate(waitlistFirst)} loading={register.isPending}>
            {t(event.approvalRequired ? 'events.register.requestSelf' : waitlistFirst ? 'events.register.waitlistSelf' : 'events.register.self')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function ChildRegistration({ event, sectionId, full }: { event: EventDetail; sectionId: string | null; full: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const children = useMyChildren();
  const intent = useIntent();
  const [childId, setChildId] = useState<string | null>(null);
  const register = useMutation({
    mutationFn: (waitlist: boolean) => eventApi.register(event.id, { childId: childId!, sessionId: sectionId ?? undefined, waitlist }, intent.key(`child:${childId}:${sectionId}:${waitlist}`)),
    onSuccess: () => {
      intent.settle();
      setChildId(null);
      return invalidateAfterRegistration(qc);
    },
    onError: (err) => {
      intent.settle(err);
      void invalidateAfterRegistration(qc);
    },
  });
  if (children.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (children.isError) return <ErrorState error={children.error} onRetry={() => void children.refetch()} />;
  const registered = new Set(event.myRegistrations.filter((r) => r.childId && ['pending', 'waitlisted', 'registered'].includes(r.state)).map((r) => r.childId));
  const free = children.data.filter((c) => !registered.has(c.id));
  if (!free.length) return null;
  const chosen = free.find((c) => c.id === childId) ?? null;
  const waitlistFirst = full && !event.approvalRequired;
  return (
    <Stack gap="xs">
      <Select
        label={t('events.register.child')}
        placeholder={t('events.register.childPlaceholder')}
        data={free.map((c) => ({ value: c.id, label: c.grade !== null ? t('events.register.childOption', { name: c.fullName, grade: c.grade }) : c.fullName }))}
        value={childId}
        onChange={(id) => {
          setChildId(id);
          register.reset();
        }}
      />
      {chosen && !chosen.consent && (
        <Group>
          <Button component={Link} to={`/children/${chosen.id}?returnTo=${encodeURIComponent(`/events/${event.id}`)}`} variant="light" color="orange">
            {t('events.register.giveConsent')}
          </Button>
        </Group>
      )}
      {register.isError ? (
        <Refusal error={register.error} onWaitlist={() => register.mutate(true)} waiting={register.isPending} />
      ) : (
        chosen &&
        chosen.consent && (
          <Group>
            <Button onClick={() => register.mutate(waitlistFirst)} loading={register.isPending}>
              {t(event.approvalRequired ? 'events.register.requestChild' : waitlistFirst ? 'events.register.waitlistChild' : 'events.register.registerChild', { name: chosen.fullName })}
            </Button>
          </Group>
        )
      )}
    </Stack>
  );
}

/** A head registers a group of the school's students: picked from those the school confirmed, with consent; no names typed. */
function GroupRegistration({ event, sectionId, full, user }: { event: EventDetail; sectionId: string | null; full: boolean; user: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const headed = user.memberships.filter((m) => m.role === 'org_admin');
  const [open, setOpen] = useState(false);
  const [organizationId, setOrganizationId] = useState<string | null>(headed[0]?.organizationId ?? null);
  const candidates = useGroupCandidates(event.id, open ? organizationId : null);
  const [picked, setPicked] = useState<string[]>([]);
  const [waitlist, setWaitlist] = useState(full);
  const [done, setDone] = useState<number | null>(null);
  const intent = useIntent();
  const register = useMutation({
    mutationFn: () => eventApi.registerGroup(event.id, { organizationId: organizationId!, childIds: picked, sessionId: sectionId ?? undefined, waitlist }, intent.key(`group:${organizationId}:${picked.join(',')}:${sectionId}:${waitlist}`)),
    onSuccess: (answer) => {
      intent.settle();
      setDone(answer.items.length);
      setPicked([]);
      return invalidateAfterRegistration(qc);
    },
    onError: (err) => intent.settle(err),
  });
  if (!open)
    return (
      <Group>
        <Button variant="light" onClick={() => setOpen(true)}>
          {t('events.register.group')}
        </Button>
      </Group>
    );
  const usable = (candidates.data?.items ?? []).filter((c) => c.consent && c.gradeFits && !c.registration);
  const others = (candidates.data?.items ?? []).filter((c) => !usable.includes(c));
  return (
    <Stack gap="xs" component="section" aria-labelledby="group-registration-title">
      <Title order={3} size="h5" id="group-registration-title">
        {t('events.register.groupTitle')}
      </Title>
      {headed.length > 1 && (
        <Select
          label={t('events.register.school')}
          data={headed.map((m) => ({ value: m.organizationId, label: m.organizationName }))}
          value={organizationId}
          onChange={(id) => {
            setOrganizationId(id);
            setPicked([]);
          }}
        />
      )}
      <Text size="sm" c="dimmed">
        {t('events.register.groupHint')}
      </Text>
      {candidates.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : candidates.isError ? (
        <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />
      ) : usable.length === 0 ? (
        <Text size="sm">{t('events.register.groupNobody')}</Text>
      ) : (
        <Checkbox.Group label={t('events.register.groupPick', { count: usable.length })} value={picked} onChange={setPicked}>
          <Stack gap={6} mt={6}>
            {usable.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.grade !== null ? t('events.register.childOption', { name: c.fullName, grade: c.grade }) : c.fullName} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {others.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('events.register.groupOthers', { count: others.length })}
        </Text>
      )}
      {usable.length > 0 && !event.approvalRequired && <Switch label={t('events.register.groupWaitlist')} checked={waitlist} onChange={(e) => setWaitlist(e.currentTarget.checked)} />}
      {register.isError && <Refusal error={register.error} waiting={false} />}
      {done !== null && (
        <Alert color="teal" variant="light" role="status">
          {t('events.register.groupDone', { count: done })}
        </Alert>
      )}
      {usable.length > 0 && (
        <Group>
          <Button onClick={() => register.mutate()} disabled={!picked.length} loading={register.isPending}>
            {t('events.register.groupSubmit', { count: picked.length })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
