import { useState } from 'react';
import { Anchor, Badge, Box, Button, Group, Modal, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../shared/api/client';
import { errorMessage } from '../../../shared/api/errors';
import { useAuth } from '../../../shared/auth/AuthContext';
import { DateField } from '../../../shared/components/DateField';
import { ModalActions } from '../../../shared/components/ModalActions';
import { requiredProps } from '../../../shared/components/required';
import { EmptyList, ErrorState, Forbidden, ListSkeleton } from '../../../shared/components/States';
import { formatDayShort, regionToday } from '../../../shared/dates';
import { useDocumentTitle } from '../../../shared/hooks/useDocumentTitle';
import { reviewApi, useMyAssignments, useReviewMutation, useRounds, useRubrics } from './api';
import { useManagedNetworks } from './editors';
import { mayEditReviews } from './review-roles';
import './strings';

const REGION = 'region';

/** /reviews — «Экспертиза»: an expert's assignments; to editors the rounds, a new round and the way to the rubrics. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const { user, hasRole } = useAuth();
  useDocumentTitle(t('practiceReview.title'));
  const expert = hasRole('expert');
  const editor = mayEditReviews(user);
  if (!expert && !editor) return <Forbidden text={t('practiceReview.onlyEditors')} />;
  return (
    <Stack gap="xl">
      <Box>
        <Title order={1}>{t('practiceReview.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t(editor ? 'practiceReview.lead' : 'practiceReview.expertLead')}
        </Text>
      </Box>
      {expert && <MyAssignments />}
      {editor && <Rounds />}
    </Stack>
  );
}

function MyAssignments() {
  const { t } = useTranslation();
  const mine = useMyAssignments();
  const today = regionToday();
  return (
    <Stack gap="sm" component="section" aria-labelledby="my-reviews">
      <Title order={2} size="h3" id="my-reviews">
        {t('practiceReview.mine.title')}
      </Title>
      {mine.isPending ? (
        <ListSkeleton rows={2} height={64} />
      ) : mine.isError ? (
        <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.items.length === 0 ? (
        <EmptyList title={t('practiceReview.mine.empty')} hint={t('practiceReview.mine.emptyHint')} />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {mine.data.items.map((a) => {
            const overdue = a.state === 'assigned' && a.deadline < today;
            return (
              <Paper component="li" key={a.id} withBorder radius="md" p="sm">
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Box style={{ minWidth: 0, flex: 1 }}>
                    <Anchor component={Link} to={`/reviews/assignments/${a.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {a.practiceTitle}
                    </Anchor>
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {a.roundTitle} · {t(`practiceReview.roles.${a.role}`)} · {t('practiceReview.mine.deadline', { date: formatDayShort(a.deadline) })}
                    </Text>
                  </Box>
                  <Group gap={6}>
                    {overdue && (
                      <Badge color="red" variant="light">
                        {t('practiceReview.mine.overdue')}
                      </Badge>
                    )}
                    <Badge color={a.state === 'submitted' ? 'green' : 'orange'} variant="light">
                      {t(`practiceReview.assignmentStates.${a.state}`)}
                    </Badge>
                  </Group>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

function Rounds() {
  const { t } = useTranslation();
  const rounds = useRounds();
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="sm" component="section" aria-labelledby="review-rounds">
      <Group justify="space-between" gap="xs">
        <Title order={2} size="h3" id="review-rounds">
          {t('practiceReview.rounds.title')}
        </Title>
        <Group gap="xs">
          <Button component={Link} to="/reviews/rubrics" variant="default">
            {t('practiceReview.nav.rubrics')}
          </Button>
          <Button onClick={() => setCreating(true)}>{t('practiceReview.rounds.create')}</Button>
        </Group>
      </Group>
      {rounds.isPending ? (
        <ListSkeleton rows={2} height={64} />
      ) : rounds.isError ? (
        <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : rounds.data.items.length === 0 ? (
        <EmptyList title={t('practiceReview.rounds.empty')} hint={t('practiceReview.rounds.emptyHint')} />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {rounds.data.items.map((r) => (
            <Paper component="li" key={r.id} withBorder radius="md" p="sm">
              <Group justify="space-between" align="flex-start" gap="xs">
                <Box style={{ minWidth: 0, flex: 1 }}>
                  <Anchor component={Link} to={`/reviews/rounds/${r.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {r.title}
                  </Anchor>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {r.rubricTitle} · {t('practiceReview.mine.deadline', { date: formatDayShort(r.deadline) })} · {t('practiceReview.rounds.progress', { reviewed: r.reviewedCount, count: r.practiceCount })}
                  </Text>
                </Box>
                <Badge variant="light" color={r.state === 'open' ? 'blue' : 'gray'}>
                  {t(`practiceReview.rounds.states.${r.state}`)}
                </Badge>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('practiceReview.rounds.create')}>
        {creating && <CreateRoundForm onClose={() => setCreating(false)} />}
      </Modal>
    </Stack>
  );
}

function CreateRoundForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useAuth();
  const rubrics = useRubrics();
  const networks = useManagedNetworks(user);
  const [title, setTitle] = useState('');
  const [rubricId, setRubricId] = useState<string | null>(null);
  const [deadline, setDeadline] = useState('');
  const [threshold, setThreshold] = useState<number | string>(25);
  const [network, setNetwork] = useState<string | null>(networks.operator ? REGION : null);
  const [shown, setShown] = useState(false);
  const create = useReviewMutation(reviewApi.createRound);
  const serverError = (field: string) => (create.error instanceof ApiError ? create.error.fieldErrors.find((e) => e.field === field)?.message : undefined);
  const networkOptions = [...(networks.operator ? [{ value: REGION, label: t('practiceReview.rounds.field.regionWide') }] : []), ...networks.items.map((n) => ({ value: n.id, label: n.name }))];
  const problems = { title: !title.trim() ? t('practiceReview.rounds.titleRequired') : undefined, rubricId: !rubricId ? t('practiceReview.rounds.rubricRequired') : undefined, deadline: !deadline ? t('practiceReview.rounds.deadlineRequired') : undefined };
  const submit = () => {
    setShown(true);
    if (problems.title || problems.rubricId || problems.deadline) return;
    create.mutate([{ title: title.trim(), rubricId: rubricId!, networkId: network === REGION ? null : network, deadline, disagreementThreshold: Number(threshold) }], {
      onSuccess: (round) => {
        onClose();
        navigate(`/reviews/rounds/${round.id}`);
      },
    });
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <TextInput label={t('practiceReview.rounds.field.title')} {...requiredProps} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={(shown && problems.title) || serverError('title')} />
        <Select
          label={t('practiceReview.rounds.field.rubric')}
          {...requiredProps}
          data={(rubrics.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))}
          value={rubricId}
          onChange={setRubricId}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          description={rubrics.data && rubrics.data.items.length === 0 ? t('practiceReview.rounds.noRubrics') : undefined}
          error={(shown && problems.rubricId) || serverError('rubricId')}
        />
        <Select
          label={t('practiceReview.rounds.field.network')}
          data={networkOptions}
          value={network}
          onChange={setNetwork}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          error={serverError('networkId')}
        />
        <DateField label={t('practiceReview.rounds.field.deadline')} {...requiredProps} value={deadline} onChange={setDeadline} error={(shown && problems.deadline) || serverError('deadline')} />
        <NumberInput
          label={t('practiceReview.rounds.field.threshold')}
          description={t('practiceReview.rounds.field.thresholdHint')}
          min={0}
          max={100}
          allowDecimal={false}
          value={threshold}
          onChange={setThreshold}
          error={serverError('disagreementThreshold')}
        />
        {create.isError && !(create.error instanceof ApiError && create.error.fieldErrors.length) && (
          <Text c="red" size="sm" role="alert">
            {errorMessage(create.error, t)}
          </Text>
        )}
        <ModalActions onCancel={onClose}>
          <Button type="submit" loading={create.isPending}>
            {t('practiceReview.rounds.create')}
          </Button>
        </ModalActions>
      </Stack>
    </form>
  );
}
