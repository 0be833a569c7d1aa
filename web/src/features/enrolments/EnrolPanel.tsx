import { Alert, Button, Card, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState } from '../../shared/components/States';
import { useMyChildren } from '../families/api';
import { enrolmentApi, invalidateAfterEnrolment, useChildEnrolments } from './api';
import { newIdempotencyKey } from './idempotency';
import type { Enrolment, EnrolmentProblem } from './types';

/** What the programme page passes: enough to say whether and how a child can be enrolled. */
export interface EnrolPanelProgramme {
  id: string;
  title: string;
  capacity: number;
  seatsTaken: number;
  enrolmentMode: 'open' | 'campaign';
  state: 'draft' | 'published' | 'archived';
}

/**
 * The programme page's enrolment panel: free seats for everyone; for a guardian, which child and the
 * «Записать» button, then the child's place (enrolled, or in line with its number). A programme the page
 * already knows to be full offers «Встать в лист ожидания» at once; one that fills up meanwhile is
 * refused by the server, and the refusal offers the waitlist with its length. Missing consent leads to
 * the child's page; a campaign programme leads to the campaigns.
 */
export function EnrolPanel({ programme }: { programme: EnrolPanelProgramme }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const free = Math.max(programme.capacity - programme.seatsTaken, 0);

  let body;
  if (programme.state !== 'published') body = <Text>{t('enrolments.closed')}</Text>;
  else if (programme.enrolmentMode === 'campaign')
    body = (
      <>
        <Text>{t('enrolments.campaignOnly')}</Text>
        <Group>
          <Button component={Link} to="/campaigns" variant="light">
            {t('enrolments.toCampaigns')}
          </Button>
        </Group>
      </>
    );
  else if (user === undefined) body = <Loader size="sm" aria-label={t('common.loading')} />;
  else if (user === null)
    body = (
      <>
        <Text>{t('enrolments.signInPrompt')}</Text>
        <Group>
          <Button component={Link} to={`/sign-in?next=${encodeURIComponent(`/programmes/${programme.id}`)}`}>
            {t('enrolments.signIn')}
          </Button>
          <Button component={Link} to="/register" variant="default">
            {t('enrolments.register')}
          </Button>
        </Group>
      </>
    );
  else if (!user.platformRoles.includes('guardian')) body = <Text c="dimmed">{t('enrolments.guardiansOnly')}</Text>;
  else body = <GuardianEnrol programme={programme} />;

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="enrol-panel-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="enrol-panel-title">
          {t('enrolments.panelTitle')}
        </Title>
        <Text fw={600} c={free ? 'teal.8' : 'orange.8'}>
          {free ? t('enrolments.seatsLeft', { count: free, capacity: programme.capacity }) : t('enrolments.noSeats', { capacity: programme.capacity })}
        </Text>
        {body}
      </Stack>
    </Card>
  );
}

function GuardianEnrol({ programme }: { programme: EnrolPanelProgramme }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // The families area's own list of the guardian's children: adding, editing or deleting a child there refreshes it here too.
  const children = useMyChildren();
  const [chosen, setChosen] = useState<string | null>(null);
  const childId = chosen ?? children.data?.[0]?.id ?? null;
  const enrolments = useChildEnrolments(childId);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [done, setDone] = useState<Enrolment | null>(null);
  // One key per intended action (this child, with or without the waitlist), reused when the same click is retried after a lost answer.
  const intent = useRef<{ what: string; key: string } | null>(null);

  const enrol = useMutation({
    mutationFn: (waitlist: boolean) => {
      const what = `${childId}:${waitlist}`;
      if (intent.current?.what !== what) intent.current = { what, key: newIdempotencyKey() };
      return enrolmentApi.enrol(programme.id, { childId: childId!, waitlist }, intent.current.key);
    },
    onSuccess: async (enrolment) => {
      intent.current = null;
      setRefusal(null);
      setDone(enrolment);
      await invalidateAfterEnrolment(qc);
    },
    onError: (err) => {
      // A refusal is final for this action; a lost answer or a server failure is retried with the same key.
      if (err instanceof ApiError && err.status < 500) intent.current = null;
      setRefusal(err);
      const code = err instanceof ApiError ? (err.problem as EnrolmentProblem).code : undefined;
      if (code === 'already_enrolled') void enrolments.refetch();
      // The seats counter was behind: bring it up to date (the refusal below still offers the waitlist).
      if (code === 'programme_full') void invalidateAfterEnrolment(qc);
    },
  });

  if (children.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (children.isError) return <ErrorState error={children.error} onRetry={() => void children.refetch()} />;
  if (!children.data.length)
    return (
      <>
        <Text>{t('enrolments.noChildren')}</Text>
        <Group>
          <Button component={Link} to="/children" variant="light">
            {t('enrolments.addChild')}
          </Button>
        </Group>
      </>
    );

  const child = children.data.find((c) => c.id === childId);
  const live = enrolments.data?.find((e) => e.programme.id === programme.id && (e.state === 'enrolled' || e.state === 'waitlisted'));
  const full = programme.seatsTaken >= programme.capacity;
  const serverSaysFull = refusal instanceof ApiError && (refusal.problem as EnrolmentProblem).code === 'programme_full';
  const choose = (id: string | null) => {
    setChosen(id);
    setRefusal(null);
    setDone(null);
  };

  return (
    <Stack gap="sm">
      <Select
        label={t('enrolments.child')}
        placeholder={t('enrolments.childPlaceholder')}
        data={children.data.map((c) => ({ value: c.id, label: c.fullName }))}
        value={childId}
        onChange={choose}
        allowDeselect={false}
      />
      {enrolments.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : enrolments.isError ? (
        <ErrorState error={enrolments.error} onRetry={() => void enrolments.refetch()} />
      ) : live ? (
        <Alert color={live.state === 'enrolled' ? 'teal' : 'blue'} variant="light" role="status">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {done?.id === live.id
                ? live.state === 'enrolled'
                  ? t('enrolments.enrolledNow')
                  : t('enrolments.waitlistedNow', { position: live.waitlistPosition })
                : live.state === 'enrolled'
                  ? t('enrolments.isEnrolled', { name: child?.fullName })
                  : t('enrolments.isWaitlisted', { name: child?.fullName, position: live.waitlistPosition })}
            </Text>
            <Button component={Link} to={`/children/${childId}`} size="xs" variant="subtle">
              {t('enrolments.openChild')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <>
          {serverSaysFull ? null : full ? (
            // Known to be full before anything is pressed: the waitlist is the main action. The server still decides —
            // if a place has freed up meanwhile, the same request enrols the child outright.
            <>
              <Text size="sm">{t('enrolments.fullUpfront')}</Text>
              <Group>
                <Button onClick={() => enrol.mutate(true)} loading={enrol.isPending && enrol.variables === true} disabled={!childId || enrol.isPending}>
                  {t('enrolments.joinWaitlist')}
                </Button>
              </Group>
            </>
          ) : (
            <Group>
              <Button onClick={() => enrol.mutate(false)} loading={enrol.isPending && enrol.variables === false} disabled={!childId || enrol.isPending}>
                {t('enrolments.enrol')}
              </Button>
            </Group>
          )}
          {/* After a refusal «Мест нет» (the counter was behind), its own waitlist button is the way on. */}
          {refusal !== null && <Refusal error={refusal} childId={childId!} onWaitlist={() => enrol.mutate(true)} waiting={enrol.isPending && enrol.variables === true} />}
        </>
      )}
    </Stack>
  );
}

/** Why the enrolment did not happen, with the way forward when there is one. */
function Refusal({ error, childId, onWaitlist, waiting }: { error: unknown; childId: string; onWaitlist: () => void; waiting: boolean }) {
  const { t } = useTranslation();
  const problem: EnrolmentProblem = error instanceof ApiError ? (error.problem as EnrolmentProblem) : {};
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  switch (problem.code) {
    case 'programme_full':
      return (
        <Alert color="orange" variant="light" title={t('enrolments.fullTitle')} role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('enrolments.fullText', { count: problem.waitlistLength ?? 0 })}</Text>
            <Button color="orange" onClick={onWaitlist} loading={waiting}>
              {t('enrolments.joinWaitlist')}
            </Button>
          </Stack>
        </Alert>
      );
    case 'consent_required':
      return (
        <Alert color="orange" variant="light" title={t('enrolments.consentTitle')} role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{detail}</Text>
            <Button component={Link} to={`/children/${childId}`} variant="light" color="orange">
              {t('enrolments.consentLink')}
            </Button>
          </Stack>
        </Alert>
      );
    case 'campaign_only':
      return (
        <Alert color="blue" variant="light" role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{detail}</Text>
            <Button component={Link} to="/campaigns" variant="light">
              {t('enrolments.toCampaigns')}
            </Button>
          </Stack>
        </Alert>
      );
    case 'not_eligible':
      return (
        <Alert color="red" variant="light" title={t('enrolments.notEligibleTitle')} role="alert">
          <Text size="sm">{detail}</Text>
        </Alert>
      );
    default:
      return (
        <Alert color="red" variant="light" title={t('errors.title')} role="alert">
          <Text size="sm">{errorMessage(error, t)}</Text>
        </Alert>
      );
  }
}
