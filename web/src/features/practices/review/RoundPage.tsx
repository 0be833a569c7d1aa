import { useState } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Box, Button, Group, List, Modal, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { http } from '../../../shared/api/client';
import { errorMessage } from '../../../shared/api/errors';
import { QueryDetail } from '../../../shared/components/QueryDetail';
import { ErrorState, EmptyList } from '../../../shared/components/States';
import { formatDayShort } from '../../../shared/dates';
import { useDocumentTitle } from '../../../shared/hooks/useDocumentTitle';
import type { PracticeList } from '../types';
import { reviewApi, useReviewMutation, useRound, useRoundExperts } from './api';
import { ComparePanel } from './ComparePanel';
import { ConfirmDialog } from './ConfirmDialog';
import { formatPoints } from './review-math';
import type { AutoAssignResult, RoundDetail, RoundPractice, RoundPracticeState } from './types';
import './strings';

const STATE_COLORS: Record<RoundPracticeState, string> = { waiting: 'gray', reviewing: 'blue', disagreement: 'orange', ready: 'teal', published: 'green' };

/** /reviews/rounds/:id — the editor's round: its practices, their experts, the reviews side by side, publishing. */
export function RoundPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const round = useRound(id);
  useDocumentTitle(round.data?.round.title ?? t('practiceReview.rounds.title'));
  return (
    <QueryDetail query={round} backTo="/reviews" backLabel={t('practiceReview.round.back')} skeletonHeight={480}>
      {(data) => <Round data={data} />}
    </QueryDetail>
  );
}

function Round({ data }: { data: RoundDetail }) {
  const { t } = useTranslation();
  const { round } = data;
  const [adding, setAdding] = useState(false);
  const [assigningFor, setAssigningFor] = useState<RoundPractice | null>(null);
  const [autoResult, setAutoResult] = useState<AutoAssignResult | null>(null);
  const auto = useReviewMutation(reviewApi.autoAssign);
  const runAuto = (practiceId?: string) =>
    auto.mutate([round.id, practiceId], {
      onSuccess: (result) => {
        setAutoResult(result);
        // Nothing to assign is news of its own, not «0 experts assigned».
        const message = result.assigned.length || result.unassigned.length ? t('practiceReview.round.autoAssignDone', { count: result.assigned.length }) : t('practiceReview.round.autoAssignNothing');
        notifications.show({ message });
      },
    });
  const titleOf = (practiceId: string) => data.practices.find((p) => p.practiceId === practiceId)?.title ?? '';
  return (
    <Stack gap="lg">
      <Box>
        <Group gap="xs" align="center">
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {round.title}
          </Title>
          <Badge variant="light" color={round.state === 'open' ? 'blue' : 'gray'}>
            {t(`practiceReview.rounds.states.${round.state}`)}
          </Badge>
        </Group>
        <Text c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }}>
          {[t('practiceReview.round.rubric', { title: data.rubric.title }), t('practiceReview.round.deadline', { date: formatDayShort(round.deadline) }), t('practiceReview.round.threshold', { points: round.disagreementThreshold })].join(' · ')}
        </Text>
      </Box>
      <Group gap="sm">
        <Button onClick={() => setAdding(true)}>{t('practiceReview.round.addPractice')}</Button>
        <Button variant="default" onClick={() => runAuto()} loading={auto.isPending && !auto.variables?.[1]} disabled={data.practices.length === 0}>
          {t('practiceReview.round.autoAssign')}
        </Button>
      </Group>
      {auto.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(auto.error, t)}
        </Alert>
      )}
      {autoResult && autoResult.unassigned.length > 0 && (
        <Alert color="orange" variant="light" title={t('practiceReview.round.unassigned')} withCloseButton onClose={() => setAutoResult(null)} closeButtonLabel={t('common.close')}>
          <List size="sm">
            {autoResult.unassigned.map((u) => (
              <List.Item key={u.practiceId}>
                {titleOf(u.practiceId)}: {u.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Stack gap="sm" component="section" aria-labelledby="round-practices">
        <Title order={2} size="h3" id="round-practices">
          {t('practiceReview.round.practices')}
        </Title>
        {data.practices.length === 0 ? (
          <EmptyList title={t('practiceReview.round.noPractices')} hint={t('practiceReview.round.noPracticesHint')} />
        ) : (
          data.practices.map((p) => <RoundPracticeCard key={p.practiceId} roundId={round.id} threshold={round.disagreementThreshold} practice={p} onAssign={() => setAssigningFor(p)} onAuto={() => runAuto(p.practiceId)} autoPending={auto.isPending && auto.variables?.[1] === p.practiceId} />)
        )}
      </Stack>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('practiceReview.round.addPracticeTitle')} size="lg">
        {adding && <AddPractice roundId={round.id} inRound={data.practices.map((p) => p.practiceId)} onDone={() => setAdding(false)} />}
      </Modal>
      <Modal opened={!!assigningFor} onClose={() => setAssigningFor(null)} title={assigningFor ? t('practiceReview.round.assignTitle', { title: assigningFor.title }) : ''} size="lg">
        {assigningFor && <ExpertPicker roundId={round.id} practice={assigningFor} onDone={() => setAssigningFor(null)} />}
      </Modal>
    </Stack>
  );
}

function RoundPracticeCard({ roundId, threshold, practice, onAssign, onAuto, autoPending }: { roundId: string; threshold: number; practice: RoundPractice; onAssign: () => void; onAuto: () => void; autoPending: boolean }) {
  const { t, i18n } = useTranslation();
  const [comparing, setComparing] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const publish = useReviewMutation(reviewApi.publish);
  const unassign = useReviewMutation(reviewApi.unassign);
  const submittedCount = practice.assignments.filter((a) => a.state === 'submitted').length;
  const published = practice.state === 'published';
  const headingId = `practice-${practice.practiceId}`;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Box style={{ minWidth: 0, flex: 1 }}>
            <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
              <Anchor component={Link} to={`/practices/${practice.practiceId}`} inherit>
                {practice.title}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {[practice.organizations.map((o) => o.name).join(', '), practice.direction, t('practiceReview.round.version', { number: practice.versionNumber })].filter(Boolean).join(' · ')}
            </Text>
          </Box>
          <Badge color={STATE_COLORS[practice.state]} variant="light" style={{ flexShrink: 0 }}>
            {t(`practiceReview.round.states.${practice.state}`)}
          </Badge>
        </Group>
        <Box>
          <Text size="sm" fw={600}>
            {t('practiceReview.round.experts')}
          </Text>
          {practice.assignments.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('practiceReview.round.noExperts')}
            </Text>
          ) : (
            <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {practice.assignments.map((a) => (
                <Group component="li" key={a.id} gap="xs" wrap="nowrap">
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {a.expert.fullName} · {t(`practiceReview.roles.${a.role}`)}
                  </Text>
                  <Badge size="sm" variant="light" color={a.state === 'submitted' ? 'green' : 'orange'} style={{ flexShrink: 0 }}>
                    {t(`practiceReview.assignmentStates.${a.state}`)}
                  </Badge>
                  {a.state === 'assigned' && !published && (
                    <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('practiceReview.round.removeLabel', { name: a.expert.fullName })} onClick={() => unassign.mutate([a.id])} loading={unassign.isPending && unassign.variables?.[0] === a.id}>
                      ✕
                    </ActionIcon>
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </Box>
        {unassign.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(unassign.error, t)}
          </Alert>
        )}
        {practice.state === 'disagreement' && (
          <Alert color="orange" variant="light">
            {t('practiceReview.round.disagreementNote')}
          </Alert>
        )}
        {published && practice.composite && (
          <Text fw={600}>{t('practiceReview.compare.composite', { score: formatPoints(practice.composite.score, i18n.language) })}</Text>
        )}
        <Group gap="xs">
          {!published && practice.assignments.length < 2 && (
            <>
              <Button size="xs" variant="light" onClick={onAssign}>
                {t('practiceReview.round.assign')}
              </Button>
              <Button size="xs" variant="default" onClick={onAuto} loading={autoPending}>
                {t('practiceReview.round.autoAssign')}
              </Button>
            </>
          )}
          {!published && practice.state === 'disagreement' && !practice.assignments.some((a) => a.role === 'third') && (
            <Button size="xs" color="orange" variant="light" onClick={onAssign}>
              {t('practiceReview.round.requestThird')}
            </Button>
          )}
          {submittedCount > 0 && (
            <Button size="xs" variant="default" onClick={() => setComparing((v) => !v)} aria-expanded={comparing}>
              {comparing ? t('practiceReview.round.hideCompare') : t('practiceReview.round.compare')}
            </Button>
          )}
          {!published && submittedCount >= 2 && (
            <Button
              size="xs"
              onClick={() => {
                publish.reset();
                setPublishing(true);
              }}
            >
              {t('practiceReview.round.publish')}
            </Button>
          )}
        </Group>
        {comparing && <ComparePanel roundId={roundId} practiceId={practice.practiceId} threshold={threshold} />}
      </Stack>
      <ConfirmDialog
        opened={publishing}
        title={t('practiceReview.round.publish')}
        text={t('practiceReview.round.publishConfirm')}
        action={t('practiceReview.round.publish')}
        pending={publish.isPending}
        error={publish.error}
        onConfirm={() =>
          publish.mutate([roundId, practice.practiceId], {
            onSuccess: () => {
              setPublishing(false);
              notifications.show({ color: 'green', message: t('practiceReview.round.published') });
            },
          })
        }
        onClose={() => setPublishing(false)}
      />
    </Paper>
  );
}

/** The experts who could review the practice: the eligible ones to choose, the others greyed with the reason (a conflict of interest). */
function ExpertPicker({ roundId, practice, onDone }: { roundId: string; practice: RoundPractice; onDone: () => void }) {
  const { t } = useTranslation();
  const experts = useRoundExperts(roundId, practice.practiceId);
  const assign = useReviewMutation(reviewApi.assign);
  const taken = new Set(practice.assignments.map((a) => a.expert.id));
  if (experts.isPending) return <Skeleton height={160} />;
  if (experts.isError) return <ErrorState error={experts.error} onRetry={() => void experts.refetch()} />;
  const items = experts.data.items.filter((e) => !taken.has(e.id));
  return (
    <Stack gap="sm">
      {assign.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(assign.error, t)}
        </Alert>
      )}
      {items.length === 0 && <Text c="dimmed">{t('practiceReview.round.noEligibleExperts')}</Text>}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((e) => {
          const reasonId = `expert-${e.id}-reason`;
          return (
            <Paper component="li" key={e.id} withBorder radius="sm" p="xs" bg={e.eligible ? undefined : 'var(--mantine-color-gray-light)'}>
              <Group justify="space-between" align="center" gap="xs" wrap="nowrap">
                <Box style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm" c={e.eligible ? undefined : 'dimmed'}>
                    {e.fullName}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {(e.directions.length ? e.directions.join(', ') : t('practiceReview.round.noDirections')) + ' · ' + t('practiceReview.round.load', { count: e.load })}
                  </Text>
                  {!e.eligible && (
                    <Text size="xs" c="red.8" id={reasonId}>
                      {t('practiceReview.round.ineligible')}: {e.conflict}
                    </Text>
                  )}
                </Box>
                <Button
                  size="xs"
                  style={{ flexShrink: 0 }}
                  disabled={!e.eligible}
                  aria-describedby={e.eligible ? undefined : reasonId}
                  loading={assign.isPending && assign.variables?.[2] === e.id}
                  onClick={() => assign.mutate([roundId, practice.practiceId, e.id], { onSuccess: onDone })}
                >
                  {t('practiceReview.round.chooseExpert')}
                </Button>
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </Stack>
  );
}

/** Finds practices submitted for review (among those the editor works on) and adds one to the round. */
function AddPractice({ roundId, inRound, onDone }: { roundId: string; inRound: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [query] = useDebouncedValue(q.trim(), 300);
  const found = useQuery({
    queryKey: ['practices', 'list', { scope: 'mine', q: query, for: 'review' }],
    queryFn: ({ signal }) => http.get<PracticeList>('/practices', { scope: 'mine', q: query, pageSize: 50 }, signal),
  });
  const add = useReviewMutation(reviewApi.addPractice);
  const candidates = (found.data?.items ?? []).filter((p) => p.state === 'submitted' && !inRound.includes(p.id));
  return (
    <Stack gap="sm">
      <TextInput label={t('practiceReview.round.searchPractice')} description={t('practiceReview.round.searchPracticeHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} data-autofocus />
      {add.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(add.error, t)}
        </Alert>
      )}
      {found.isPending ? (
        <Skeleton height={120} />
      ) : found.isError ? (
        <ErrorState error={found.error} onRetry={() => void found.refetch()} />
      ) : candidates.length === 0 ? (
        <Text c="dimmed">{t('practiceReview.round.noCandidates')}</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {candidates.map((p) => (
            <Paper component="li" key={p.id} withBorder radius="sm" p="xs">
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Box style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {p.title}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {p.organizations.map((o) => o.shortName).join(', ')} · {p.direction}
                  </Text>
                </Box>
                <Button size="xs" style={{ flexShrink: 0 }} loading={add.isPending && add.variables?.[1] === p.id} onClick={() => add.mutate([roundId, p.id], { onSuccess: onDone })} aria-label={`${t('practiceReview.round.add')}: ${p.title}`}>
                  {t('practiceReview.round.add')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
