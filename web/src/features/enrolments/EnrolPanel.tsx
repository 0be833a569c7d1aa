import { Alert, Button, Card, Group, Loader, Modal, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState } from '../../shared/components/States';
import { periodText } from '../../shared/dates';
import { clashWithText, timeRange } from '../learning/labels';
import { enrolmentApi, invalidateAfterEnrolment, useEligibility } from './api';
import { newIdempotencyKey } from './idempotency';
import type { ChildFit, Enrolment, EnrolmentProblem } from './types';
import './strings';
import '../learning/strings';
import '../programmes/strings';

/** What the programme page passes: enough to say whether and how a child can be enrolled. */
export interface EnrolPanelProgramme {
  id: string;
  title: string;
  capacity: number;
  seatsTaken: number;
  enrolmentMode: 'open' | 'campaign';
  state: 'draft' | 'published' | 'archived';
  startsOn: string;
  endsOn: string;
  slots: { weekday: number; startMinute: number; endMinute: number }[];
  venue: { id: string; shortName: string; address: string };
}

/**
 * The programme page's enrolment panel: free seats for everyone; for a guardian, each child with whether
 * the programme fits them (nobody chosen in advance), then, for the child chosen, a confirmation naming
 * the child, the schedule, the place and any clash with the child's week, and then the child's place
 * (enrolled, or in line with its number). A programme the page already knows to be full offers the
 * waitlist at once; one that fills up meanwhile is refused by the server, and the refusal offers the
 * waitlist with its length. Missing consent leads to the child's page and back here with the child chosen;
 * a campaign programme leads to the campaigns.
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
  // Each of the guardian's children with the server's word on the fit: the same checks the enrolment itself makes.
  const fits = useEligibility(programme.id);
  const [searchParams] = useSearchParams();
  // Nobody is chosen for the parent; coming back from giving consent, the child it was given for is.
  const [chosen, setChosen] = useState<string | null>(() => searchParams.get('child'));
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [done, setDone] = useState<Enrolment | null>(null);
  // One key per intended action (this child, with or without the waitlist), reused when the same click is retried after a lost answer.
  const intent = useRef<{ what: string; key: string } | null>(null);
  const fit = fits.data?.find((f) => f.child.id === chosen) ?? null;
  const childId = fit?.child.id ?? null;

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
      setConfirming(false);
      await invalidateAfterEnrolment(qc);
    },
    onError: (err) => {
      // A refusal is final for this action; a lost answer or a server failure is retried with the same key.
      if (err instanceof ApiError && err.status < 500) intent.current = null;
      setRefusal(err);
      setConfirming(false);
      // The page was behind (a place taken, seats gone): bring it up to date (the refusal below still offers the waitlist).
      void invalidateAfterEnrolment(qc);
    },
  });

  if (fits.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (fits.isError) return <ErrorState error={fits.error} onRetry={() => void fits.refetch()} />;
  if (!fits.data.length)
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

  const full = programme.seatsTaken >= programme.capacity;
  const serverSaysFull = refusal instanceof ApiError && (refusal.problem as EnrolmentProblem).code === 'programme_full';
  const choose = (id: string) => {
    setChosen(id);
    setRefusal(null);
    setDone(null);
  };
  const consentMissing = fit?.reasons.some((r) => r.code === 'consent_required');

  return (
    <Stack gap="sm">
      <Radio.Group label={t('enrolments.whichChild')} description={t('enrolments.whichChildHint')} value={chosen} onChange={choose}>
        <Stack gap="xs" mt={6}>
          {fits.data.map((f) => (
            <div key={f.child.id} data-testid="child-fit">
              <Radio value={f.child.id} label={f.child.fullName} description={<FitSummary fit={f} />} />
            </div>
          ))}
        </Stack>
      </Radio.Group>

      {!fit ? null : fit.enrolment ? (
        <Alert color={fit.enrolment.state === 'enrolled' ? 'teal' : 'blue'} variant="light" role="status">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {done?.id === fit.enrolment.id
                ? fit.enrolment.state === 'enrolled'
                  ? t('enrolments.enrolledNow', { name: fit.child.fullName })
                  : t('enrolments.waitlistedNow', { name: fit.child.fullName, position: fit.enrolment.waitlistPosition })
                : fit.enrolment.state === 'enrolled'
                  ? t('enrolments.isEnrolled', { name: fit.child.fullName })
                  : t('enrolments.isWaitlisted', { name: fit.child.fullName, position: fit.enrolment.waitlistPosition })}
            </Text>
            <Button component={Link} to={`/children/${fit.child.id}`} size="xs" variant="subtle">
              {t('enrolments.openChild')}
            </Button>
          </Stack>
        </Alert>
      ) : consentMissing ? (
        <Group>
          <Button component={Link} to={`/children/${fit.child.id}?returnTo=${encodeURIComponent(`/programmes/${programme.id}`)}`} variant="light" color="orange">
            {t('enrolments.giveConsent')}
          </Button>
        </Group>
      ) : fit.canEnrol && !serverSaysFull ? (
        <>
          {full && <Text size="sm">{t('enrolments.fullUpfront')}</Text>}
          <Group>
            <Button onClick={() => setConfirming(true)}>{t(full ? 'enrolments.waitlistChild' : 'enrolments.enrolChild', { name: fit.child.fullName })}</Button>
          </Group>
        </>
      ) : null}
      {/* After a refusal «Мест нет» (the counter was behind), its own waitlist button is the way on. */}
      {refusal !== null && childId && (
        <Refusal error={refusal} childId={childId} programmeId={programme.id} onWaitlist={() => enrol.mutate(true)} waiting={enrol.isPending && enrol.variables === true} />
      )}
      {fit && confirming && (
        <ConfirmEnrolment
          programme={programme}
          fit={fit}
          waitlist={full}
          pending={enrol.isPending}
          onConfirm={() => enrol.mutate(full)}
          onClose={() => setConfirming(false)}
        />
      )}
    </Stack>
  );
}

/** Under a child's name, before anything is pressed: fits, or why not, and what it would clash with. */
function FitSummary({ fit }: { fit: ChildFit }) {
  const { t } = useTranslation();
  const lines: { text: string; color: string }[] = [];
  if (fit.enrolment) lines.push({ text: fit.enrolment.state === 'enrolled' ? t('enrolments.fit.enrolled') : t('enrolments.fit.waitlisted', { position: fit.enrolment.waitlistPosition }), color: 'blue.8' });
  else if (fit.reasons.length === 0) lines.push({ text: t('enrolments.fit.fits'), color: 'teal.9' });
  for (const reason of fit.reasons) lines.push({ text: reason.code === 'consent_required' ? t('enrolments.fit.noConsent') : reason.detail, color: reason.code === 'consent_required' ? 'orange.9' : 'red.8' });
  for (const clash of fit.clashes) lines.push({ text: clashWithText(clash, clash.programme.title, t), color: 'orange.9' });
  return (
    <span style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {lines.map((line) => (
        <Text key={line.text} span size="sm" c={line.color}>
          {line.text}
        </Text>
      ))}
    </span>
  );
}

/** The last look before enrolling: whom, where, when, and what it clashes with in the child's week. */
function ConfirmEnrolment({
  programme,
  fit,
  waitlist,
  pending,
  onConfirm,
  onClose,
}: {
  programme: EnrolPanelProgramme;
  fit: ChildFit;
  waitlist: boolean;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const name = fit.child.fullName;
  return (
    <Modal opened onClose={onClose} title={t(waitlist ? 'enrolments.confirm.waitlistTitle' : 'enrolments.confirm.title')} centered size="lg">
      <Stack gap="md" data-testid="enrol-confirmation">
        <dl className="orbita-dl">
          <dt>{t('enrolments.child')}</dt>
          <dd>
            <Text fw={700}>{name}</Text>
          </dd>
          <dt>{t('enrolments.programme')}</dt>
          <dd>{programme.title}</dd>
          <dt>{t('enrolments.confirm.schedule')}</dt>
          <dd>
            {programme.slots.length === 0
              ? t('programmes.noSchedule')
              : programme.slots.map((slot) => (
                  <div key={`${slot.weekday}-${slot.startMinute}`}>
                    {t(`learning.weekdays.long.${slot.weekday}`)} {timeRange(slot)}
                  </div>
                ))}
          </dd>
          <dt>{t('enrolments.confirm.dates')}</dt>
          <dd>{periodText(programme.startsOn, programme.endsOn, t)}</dd>
          <dt>{t('enrolments.confirm.venue')}</dt>
          <dd>{[programme.venue.shortName, programme.venue.address].filter(Boolean).join(', ')}</dd>
        </dl>
        {fit.clashes.length > 0 ? (
          <Alert color="orange" variant="light" title={t('enrolments.confirm.clashTitle', { count: fit.clashes.length })} role="alert">
            <Stack gap={4}>
              {fit.clashes.map((clash) => (
                <Text size="sm" key={`${clash.programme.id}-${clash.weekday}-${clash.startMinute}`}>
                  {clashWithText(clash, clash.programme.title, t)}
                </Text>
              ))}
              <Text size="sm">{t('enrolments.confirm.clashHint')}</Text>
            </Stack>
          </Alert>
        ) : (
          <Text size="sm" c="teal.9">
            {t('enrolments.confirm.noClash')}
          </Text>
        )}
        {waitlist && <Text size="sm">{t('enrolments.confirm.waitlistNote')}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button onClick={onConfirm} loading={pending}>
            {t(waitlist ? 'enrolments.confirm.waitlistConfirm' : 'enrolments.confirm.confirm', { name })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Why the enrolment did not happen, with the way forward when there is one. */
function Refusal({ error, childId, programmeId, onWaitlist, waiting }: { error: unknown; childId: string; programmeId: string; onWaitlist: () => void; waiting: boolean }) {
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
            <Button component={Link} to={`/children/${childId}?returnTo=${encodeURIComponent(`/programmes/${programmeId}`)}`} variant="light" color="orange">
              {t('enrolments.giveConsent')}
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
