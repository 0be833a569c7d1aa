import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStatus } from '../../shared/api/errors';
import { requiredProps } from '../../shared/components/required';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { formatDate, formatDateTime } from '../../shared/dates';
import { councilApi, networkKeys, useMeeting } from './api';
import { rulesLine, tallyLine } from './councilRules';
import { Section } from './AboutTab';
import { MEETING_STATE_COLORS } from './CouncilTab';
import type { Decision, Meeting, NetworkDetail, Tally, VoteChoice } from './types';
import './strings';
import { ModalActions } from '../../shared/components/ModalActions';

const CHOICES: VoteChoice[] = ['for', 'against', 'abstain'];
const DECISION_COLORS = { draft: 'gray', voting: 'blue', adopted: 'green', rejected: 'red' } as const;

export function MeetingView({ network, meetingId }: { network: NetworkDetail; meetingId: string }) {
  const { t } = useTranslation();
  const meeting = useMeeting(meetingId);
  return (
    <QueryDetail query={meeting} backTo={`/networks/${network.id}/council`} backLabel={t('council.backToCouncil')} skeletonHeight={300}>
      {(data) => (
        <>
          <MeetingHeader network={network} meeting={data} />
          <Attendance meeting={data} />
          <Decisions network={network} meeting={data} />
          <Minutes meeting={data} />
        </>
      )}
    </QueryDetail>
  );
}

/** Every meeting write answers with the meeting as it is now. */
function useMeetingUpdate(meetingId: string, networkId: string) {
  const qc = useQueryClient();
  return (m: Meeting) => {
    qc.setQueryData(networkKeys.meeting(meetingId), m);
    void qc.invalidateQueries({ queryKey: networkKeys.meetings(networkId) });
  };
}

function MeetingHeader({ network, meeting }: { network: NetworkDetail; meeting: Meeting }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const update = useMeetingUpdate(meeting.id, network.id);
  const [cancelOpen, setCancelOpen] = useState(false);
  const onError = (err: unknown) => {
    notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 8000 });
    void qc.invalidateQueries({ queryKey: networkKeys.meeting(meeting.id) });
  };
  const hold = useMutation({
    mutationFn: () => councilApi.hold(meeting.id),
    onSuccess: (m) => {
      update(m);
      notifications.show({ color: 'green', message: t('council.heldDone') });
    },
    onError,
  });
  const cancel = useMutation({
    mutationFn: () => councilApi.cancel(meeting.id),
    onSuccess: (m) => {
      setCancelOpen(false);
      update(m);
      notifications.show({ message: t('council.cancelledDone') });
    },
    onError: (err) => {
      setCancelOpen(false);
      onError(err);
    },
  });
  const p = meeting.permissions;

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ flex: '1 1 360px', minWidth: 0 }}>
            <Badge color={MEETING_STATE_COLORS[meeting.state]} variant="light" tt="none" className="orbita-badge">
              {t(`council.meetingState.${meeting.state}`)}
            </Badge>
            <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
              {meeting.title}
            </Title>
            <Text c="dimmed">
              {formatDateTime(meeting.startsAt)}
              {meeting.place ? ` · ${meeting.place}` : ''}
            </Text>
          </Stack>
          {(p.canHold || p.canCancel) && (
            <Group gap="sm">
              {p.canHold && (
                <Button onClick={() => hold.mutate()} loading={hold.isPending}>
                  {t('council.hold')}
                </Button>
              )}
              {p.canCancel && (
                <Button variant="outline" color="red" onClick={() => setCancelOpen(true)}>
                  {t('council.cancelMeeting')}
                </Button>
              )}
            </Group>
          )}
        </Group>
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('council.agenda')}
          </Text>
          {meeting.agenda.length ? (
            <List type="ordered" size="sm" spacing={2}>
              {meeting.agenda.map((a, i) => (
                <List.Item key={i}>{a}</List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm" c="dimmed">
              {t('council.noAgenda')}
            </Text>
          )}
        </div>
      </Stack>
      <Modal opened={cancelOpen} onClose={() => setCancelOpen(false)} title={t('council.cancelTitle')} centered>
        <Stack>
          <Text size="sm">{t('council.cancelText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelOpen(false)}>
              {t('common.back')}
            </Button>
            <Button color="red" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('council.cancelMeeting')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function Attendance({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const update = useMeetingUpdate(meeting.id, meeting.networkId);
  const editable = meeting.permissions.canRecordAttendance;
  const [marks, setMarks] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(meeting.attendance.map((a) => [a.councilMemberId, a.attended === true])),
  );
  const save = useMutation({
    mutationFn: () => councilApi.attendance(meeting.id, meeting.attendance.map((a) => ({ councilMemberId: a.councilMemberId, attended: !!marks[a.councilMemberId] }))),
    onSuccess: (m) => {
      update(m);
      notifications.show({ color: 'green', message: t('council.attendanceSaved') });
    },
    onError: (err) => notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 8000 }),
  });
  const present = meeting.attendance.filter((a) => a.attended === true).length;

  return (
    <Section title={t('council.attendanceTitle', { present, total: meeting.attendance.length })}>
      {editable ? (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('council.attendanceHint')}
          </Text>
          <Checkbox.Group label={t('council.attendanceLabel')} value={Object.keys(marks).filter((k) => marks[k])} onChange={(ids) => setMarks(Object.fromEntries(meeting.attendance.map((a) => [a.councilMemberId, ids.includes(a.councilMemberId)])))}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
              {meeting.attendance.map((a) => (
                <Checkbox
                  key={a.councilMemberId}
                  value={a.councilMemberId}
                  label={`${a.fullName} (${t(`council.role.${a.role}`)})`}
                  description={a.organizationName}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('council.attendanceSave')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {meeting.attendance.map((a) => (
            <Group key={a.councilMemberId} component="li" gap="xs" justify="space-between" wrap="nowrap">
              <Text size="sm">
                {a.fullName}
                <Text span c="dimmed" size="sm">
                  {' · '}
                  {t(`council.role.${a.role}`)}, {a.organizationName}
                </Text>
              </Text>
              <Badge
                variant="light"
                tt="none"
                className="orbita-badge"
                color={a.attended === true ? 'green' : a.attended === false ? 'red' : 'gray'}
              >
                {a.attended === true ? t('council.present') : a.attended === false ? t('council.absent') : t('council.invited')}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Decisions({ network, meeting }: { network: NetworkDetail; meeting: Meeting }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const p = meeting.permissions;
  return (
    <Section
      title={t('council.decisionsTitle')}
      actions={p.canAddDecision ? <Button variant="light" onClick={() => setAdding(true)}>{t('council.addDecision')}</Button> : undefined}
    >
      <Stack gap="md">
        <Text size="xs" c="dimmed">
          {rulesLine(t, network)}
        </Text>
        {meeting.decisions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('council.noDecisions')}
          </Text>
        ) : (
          meeting.decisions.map((d) => <DecisionCard key={d.id} meeting={meeting} decision={d} />)
        )}
      </Stack>
      {adding && <AddDecisionModal meeting={meeting} onClose={() => setAdding(false)} />}
    </Section>
  );
}

function DecisionCard({ meeting, decision }: { meeting: Meeting; decision: Decision }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const p = meeting.permissions;
  const refresh = () => void qc.invalidateQueries({ queryKey: networkKeys.meeting(meeting.id) });
  const onError = (err: unknown) => {
    notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 8000 });
    refresh();
  };
  const run = useMutation({
    mutationFn: (action: 'open' | 'close') => (action === 'open' ? councilApi.openVoting(decision.id) : councilApi.closeVoting(decision.id)),
    onSuccess: (_d, action) => {
      refresh();
      notifications.show({ color: 'green', message: action === 'open' ? t('council.votingOpened') : t('council.votingClosed') });
    },
    onError,
  });
  // the organisations the caller represents on the council (usually one)
  const seats = [
    ...new Map(
      [
        ...meeting.attendance.filter((a) => a.isYou).map((a) => [a.organizationId, a.organizationName] as const),
        ...decision.yourVotes.map((v) => [v.organizationId ?? '', meeting.attendance.find((a) => a.organizationId === v.organizationId)?.organizationName ?? ''] as const),
      ],
    ),
  ].map(([id, name]) => ({ id, name }));
  const several = seats.length > 1;
  const vote = useMutation({
    mutationFn: ({ choice, organizationId }: { choice: VoteChoice; organizationId?: string }) => {
      const mine = decision.yourVotes.find((v) => !organizationId || v.organizationId === organizationId);
      return mine && mine.castByYou ? councilApi.changeMyVote(decision.id, choice) : councilApi.vote(decision.id, choice, several ? organizationId : undefined);
    },
    onSuccess: () => {
      refresh();
      notifications.show({ color: 'green', message: t('council.voteSaved') });
    },
    onError,
  });
  const closed = decision.state === 'adopted' || decision.state === 'rejected';
  const r = decision.result;

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Text fw={700} style={{ flex: '1 1 300px', overflowWrap: 'anywhere' }}>
            {decision.title}
          </Text>
          <Badge color={DECISION_COLORS[decision.state]} variant="light" tt="none" className="orbita-badge">
            {t(`council.decisionState.${decision.state}`)}
          </Badge>
        </Group>
        {decision.text && (
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {decision.text}
          </Text>
        )}

        {decision.state === 'voting' && (
          <Text size="sm" c="dimmed">
            {t('council.votedSoFar', { count: decision.votedOrganizations })}
          </Text>
        )}

        {decision.state === 'voting' &&
          p.canVote &&
          (several ? seats : [{ id: seats[0]?.id ?? '', name: '' }]).map((seat) => {
            const mine = decision.yourVotes.find((v) => !seat.id || v.organizationId === seat.id);
            const labelId = `vote-${decision.id}-${seat.id}`;
            return (
              <Stack key={seat.id} gap={6}>
                <Text size="sm" fw={600} id={labelId}>
                  {several && `${seat.name}: `}
                  {mine ? t('council.yourVote', { choice: t(`council.choice.${mine.choice}`) }) : t('council.castVote')}
                </Text>
                {mine && !mine.castByYou ? (
                  <Text size="xs" c="dimmed">
                    {t('council.votedByColleague')}
                  </Text>
                ) : (
                  <Group gap="xs" role="group" aria-labelledby={labelId}>
                    {CHOICES.map((c) => (
                      <Button
                        key={c}
                        size="sm"
                        variant={mine?.choice === c ? 'filled' : 'default'}
                        color={c === 'for' ? 'green' : c === 'against' ? 'red' : 'gray'}
                        aria-pressed={mine?.choice === c}
                        onClick={() => mine?.choice !== c && vote.mutate({ choice: c, organizationId: seat.id || undefined })}
                        loading={vote.isPending && vote.variables?.choice === c && (vote.variables.organizationId ?? '') === seat.id}
                        leftSection={mine?.choice === c ? <span aria-hidden>✓</span> : undefined}
                      >
                        {t(`council.choice.${c}`)}
                      </Button>
                    ))}
                  </Group>
                )}
              </Stack>
            );
          })}

        {closed && r && (
          <Alert color={decision.state === 'adopted' ? 'green' : 'red'} variant="light" title={decision.state === 'adopted' ? t('council.adopted') : r.reason === 'no_quorum' ? t('council.rejectedNoQuorum') : t('council.rejectedNoMajority')}>
            <Text size="sm">{tallyLine(t, r)}</Text>
            <Text size="xs" c="dimmed" mt={4}>
              {t('council.tallyRules', {
                quorum: r.quorumPercent,
                quorumMet: r.quorum ? t('council.quorumMet') : t('council.quorumNotMet'),
                majority: t(`council.majorityNeed.${r.majority}`),
              })}
            </Text>
          </Alert>
        )}
        {closed && decision.votes && decision.votes.length > 0 && (
          <Table verticalSpacing={4} fz="sm">
            <VisuallyHidden component="caption">{t('council.votesCaption', { title: decision.title })}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{decision.rules?.voteUnit === 'seat' ? t('council.seatColumn') : t('networks.members.organization')}</Table.Th>
                <Table.Th scope="col">{t('council.vote')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {decision.votes.map((v, i) => (
                <Table.Tr key={`${v.organizationId}-${i}`}>
                  <Table.Td>{v.seatName ? `${v.seatName}${v.organizationName ? ` (${v.organizationName})` : ''}` : v.organizationName}</Table.Td>
                  <Table.Td>
                    {t(`council.choice.${v.choice}`)}
                    {r?.quorumBasis === 'attendance' && !presentVoter(meeting, v, r.voteUnit) && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        {t('council.voteNotCounted')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}

        {p.canRunVoting && (decision.state === 'draft' || decision.state === 'voting') && (
          <Group>
            {decision.state === 'draft' ? (
              <Button size="sm" variant="light" onClick={() => run.mutate('open')} loading={run.isPending}>
                {t('council.openVoting')}
              </Button>
            ) : (
              <Button size="sm" variant="light" color="orange" onClick={() => run.mutate('close')} loading={run.isPending}>
                {t('council.closeVoting')}
              </Button>
            )}
          </Group>
        )}
        {decision.state === 'draft' && !p.canRunVoting && (
          <Text size="xs" c="dimmed">
            {t('council.waitingForChair')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function AddDecisionModal({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<{ title: string; text: string }>({
    defaultValues: { title: meeting.agenda.find((a) => !meeting.decisions.some((d) => d.title === a)) ?? '', text: '' },
    mode: 'onTouched',
  });
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      await councilApi.addDecision(meeting.id, { title: v.title.trim(), text: v.text.trim() });
      void qc.invalidateQueries({ queryKey: networkKeys.meeting(meeting.id) });
      notifications.show({ color: 'green', message: t('council.decisionAdded') });
      onClose();
    } catch (err) {
      const rest = applyFieldErrors(err, setFieldError, ['title', 'text']);
      setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('council.addDecisionTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('council.decisionQuestion')}
            {...requiredProps}
            {...register('title', { validate: (v) => v.trim().length >= 3 || t('council.decisionQuestionRequired') })}
            error={formState.errors.title?.message}
            data-autofocus
          />
          <Textarea
            label={t('council.decisionText')}
            description={t('council.decisionTextHint')}
            autosize
            minRows={3}
            maxRows={10}
            {...register('text')}
            error={formState.errors.text?.message}
          />
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('council.addDecision')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

function Minutes({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const update = useMeetingUpdate(meeting.id, meeting.networkId);
  const p = meeting.permissions;
  // what the person typed, and the version it is based on; a background refetch never replaces it
  const [draft, setDraft] = useState<{ text: string; version: number }>({ text: meeting.minutes ?? '', version: meeting.minutesVersion });
  const [stale, setStale] = useState<{ text: string; version: number } | null>(null);
  const [approveOpen, setApproveOpen] = useState(false);
  const dirty = draft.text !== (meeting.minutes ?? '') || draft.version !== meeting.minutesVersion;

  const save = useMutation({
    mutationFn: () => councilApi.editMinutes(meeting.id, draft.text, draft.version),
    onSuccess: (m) => {
      setStale(null);
      setDraft({ text: m.minutes ?? '', version: m.minutesVersion });
      update(m);
      notifications.show({ color: 'green', message: t('council.minutesSaved') });
    },
    onError: (err) => {
      if (isStatus(err, 409) && err instanceof ApiError) {
        const extra = err.problem as { minutes?: string; minutesVersion?: number };
        if (typeof extra.minutesVersion === 'number') {
          setStale({ text: extra.minutes ?? '', version: extra.minutesVersion });
          return;
        }
      }
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 8000 });
    },
  });
  const approve = useMutation({
    mutationFn: () => councilApi.approve(meeting.id, meeting.minutesVersion),
    onSuccess: (m) => {
      setApproveOpen(false);
      update(m);
      notifications.show({ color: 'green', message: t('council.minutesApproved') });
    },
    onError: (err) => {
      setApproveOpen(false);
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(err, t), autoClose: 10000 });
    },
  });

  let body;
  if (!meeting.minutesVisible) {
    body = (
      <Text size="sm" c="dimmed">
        {t('council.minutesHidden')}
      </Text>
    );
  } else if (p.canEditMinutes) {
    body = (
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {meeting.minutesVersion === 0 ? t('council.minutesDraftHint') : t('council.minutesAmendHint', { version: meeting.minutesVersion })}
        </Text>
        <Textarea
          label={t('council.minutesLabel')}
          autosize
          minRows={8}
          maxRows={30}
          value={draft.text}
          onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
        />
        {stale && (
          <Alert color="orange" variant="light" title={t('council.minutesStaleTitle', { version: stale.version })} role="alert">
            <Stack gap="sm">
              <Text size="sm">{t('council.minutesStaleText')}</Text>
              <Paper withBorder p="sm" radius="sm" bg="white">
                <Text size="xs" c="dimmed" mb={4}>
                  {t('council.minutesCurrentText', { version: stale.version })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto' }}>
                  {stale.text || '—'}
                </Text>
              </Paper>
              <Group gap="sm">
                <Button size="xs" variant="outline" color="orange" onClick={() => { setDraft({ text: draft.text, version: stale.version }); setStale(null); }}>
                  {t('council.minutesKeepMine')}
                </Button>
                <Button size="xs" variant="default" onClick={() => { setDraft({ text: stale.text, version: stale.version }); setStale(null); }}>
                  {t('council.minutesTakeTheirs')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty || !!stale}>
            {t('council.minutesSave')}
          </Button>
        </Group>
      </Stack>
    );
  } else {
    body = meeting.minutes ? (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {meeting.minutes}
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        {meeting.state === 'planned' ? t('council.minutesAfterMeeting') : t('council.minutesEmpty')}
      </Text>
    );
  }

  return (
    <Section
      title={t('council.minutesTitle')}
      actions={
        meeting.minutesApprovedAt ? (
          <Badge color="green" variant="light" tt="none" className="orbita-badge">
            {t('council.minutesApprovedOn', { date: formatDate(meeting.minutesApprovedAt) })}
          </Badge>
        ) : p.canApprove ? (
          <Button color="green" onClick={() => setApproveOpen(true)} disabled={dirty}>
            {t('council.approve')}
          </Button>
        ) : undefined
      }
    >
      {body}
      <Modal opened={approveOpen} onClose={() => setApproveOpen(false)} title={t('council.approveTitle')} centered>
        <Stack>
          <Text size="sm">{t('council.approveText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setApproveOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="green" loading={approve.isPending} onClick={() => approve.mutate()}>
              {t('council.approve')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}

/** Under the attendance quorum a vote counts if its seat (one vote per seat) or a seat of its organisation was marked present. */
function presentVoter(meeting: Meeting, vote: { organizationId: string | null; councilMemberId: string }, unit: Tally['voteUnit']) {
  return meeting.attendance.some((a) => a.attended === true && (a.councilMemberId === vote.councilMemberId || (unit !== 'seat' && vote.organizationId !== null && a.organizationId === vote.organizationId)));
}
