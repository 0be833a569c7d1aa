import { useState } from 'react';
import { Alert, Badge, Box, Button, Grid, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../../shared/api/client';
import { errorMessage } from '../../../shared/api/errors';
import { QueryDetail } from '../../../shared/components/QueryDetail';
import { formatDateTime, formatDayShort } from '../../../shared/dates';
import { useDocumentTitle } from '../../../shared/hooks/useDocumentTitle';
import { reviewApi, useAssignment, useReviewMutation } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { PracticeVersionText } from './PracticeVersionText';
import type { AssignmentDetail, CriterionScore, RubricCriterion } from './types';
import './strings';

const NOT_APPLICABLE = 'na';

/** A criterion's answer in the form: the chosen score as the radio's value ('na' = not applicable, '' = none yet). */
interface Answer {
  choice: string;
  comment: string;
}

const choiceOf = (score: CriterionScore | undefined): string => (!score ? '' : score.score === null ? NOT_APPLICABLE : String(score.score));

/** The scores the server takes: the criteria with a chosen score (a draft may leave some out; a submission may not). */
function scoresOf(criteria: RubricCriterion[], answers: Record<string, Answer>): CriterionScore[] {
  return criteria.flatMap((c) => {
    const a = answers[c.id];
    if (!a?.choice) return [];
    return [{ criterionId: c.id, score: a.choice === NOT_APPLICABLE ? null : Number(a.choice), comment: a.comment.trim() }];
  });
}

/** /reviews/assignments/:id — an expert scores the practice version assigned to them, criterion by criterion. */
export function ScoringPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const assignment = useAssignment(id);
  useDocumentTitle(assignment.data?.version.title ?? t('practiceReview.scoring.title'));
  return (
    <QueryDetail query={assignment} backTo="/reviews" backLabel={t('practiceReview.scoring.back')} skeletonHeight={640}>
      {(data) => <Scoring key={`${data.assignment.id}-${data.assignment.state}`} data={data} />}
    </QueryDetail>
  );
}

function Scoring({ data }: { data: AssignmentDetail }) {
  const { t } = useTranslation();
  const { assignment, version, rubric } = data;
  const submitted = assignment.state === 'submitted';
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries(rubric.criteria.map((c) => {
      const saved = data.scores.find((s) => s.criterionId === c.id);
      return [c.id, { choice: choiceOf(saved), comment: saved?.comment ?? '' }];
    })),
  );
  const [missing, setMissing] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const save = useReviewMutation(reviewApi.saveScores);
  const serverProblems = save.error instanceof ApiError ? save.error.fieldErrors : [];
  const sent = save.variables?.[1] ?? [];
  /** A server problem about `scores.N…` belongs to the criterion sent N-th. */
  const problemAt = (criterionId: string) => {
    const index = sent.findIndex((s) => s.criterionId === criterionId);
    return serverProblems.find((p) => index >= 0 && p.field.startsWith(`scores.${index}`))?.message;
  };
  const set = (criterionId: string, change: Partial<Answer>) => setAnswers((prev) => ({ ...prev, [criterionId]: { ...prev[criterionId], ...change } }));

  const saveDraft = () =>
    save.mutate([assignment.id, scoresOf(rubric.criteria, answers), false], {
      onSuccess: () => notifications.show({ color: 'green', message: t('practiceReview.scoring.draftSaved') }),
    });
  const askSubmit = () => {
    const unscored = rubric.criteria.filter((c) => !answers[c.id]?.choice).map((c) => c.id);
    setMissing(unscored);
    if (unscored.length) {
      document.getElementById(`criterion-${unscored[0]}`)?.focus();
      return;
    }
    save.reset();
    setConfirming(true);
  };
  const submit = () =>
    save.mutate([assignment.id, scoresOf(rubric.criteria, answers), true], {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'green', message: t('practiceReview.scoring.submitted') });
      },
      onError: () => setConfirming(false),
    });

  return (
    <Stack gap="lg">
      <Box>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {version.title}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('practiceReview.scoring.round', { title: assignment.roundTitle, date: formatDayShort(assignment.deadline) })}
        </Text>
        <Group gap="xs" mt="xs">
          <Badge variant="light">{t(`practiceReview.roles.${assignment.role}`)}</Badge>
          <Badge variant="light" color={submitted ? 'green' : 'orange'}>
            {t(`practiceReview.assignmentStates.${assignment.state}`)}
          </Badge>
        </Group>
      </Box>
      {submitted && (
        <Alert color="green" variant="light">
          {t('practiceReview.scoring.submittedNote', { date: formatDateTime(assignment.submittedAt ?? null) })}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper
            withBorder
            radius="md"
            p="md"
            component="section"
            aria-labelledby="practice-text-title"
            tabIndex={0}
            style={{ position: 'sticky', top: 72, maxHeight: 'calc(100vh - 96px)', overflowY: 'auto' }}
          >
            <Title order={2} size="h4" id="practice-text-title" mb="xs">
              {t('practiceReview.scoring.practiceText', { number: version.number })}
            </Title>
            <PracticeVersionText version={version} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md" component="section" aria-labelledby="criteria-title">
            <Title order={2} size="h4" id="criteria-title">
              {t('practiceReview.scoring.criteria')}
            </Title>
            {rubric.criteria.map((c, i) =>
              submitted ? (
                <SubmittedCriterion key={c.id} number={i + 1} criterion={c} answer={answers[c.id]} />
              ) : (
                <CriterionInput
                  key={c.id}
                  number={i + 1}
                  criterion={c}
                  answer={answers[c.id]}
                  onChange={(change) => set(c.id, change)}
                  error={missing.includes(c.id) && !answers[c.id]?.choice ? t('practiceReview.scoring.scoreRequired') : problemAt(c.id)}
                />
              ),
            )}
            {!submitted && (
              <>
                {missing.some((id) => !answers[id]?.choice) && (
                  <Alert color="red" variant="light" role="alert">
                    {t('practiceReview.scoring.unscored', { count: missing.filter((id) => !answers[id]?.choice).length })}
                  </Alert>
                )}
                {save.isError && !confirming && (
                  <Alert color="red" variant="light" role="alert" title={t('errors.title')}>
                    {errorMessage(save.error, t)}
                  </Alert>
                )}
                <Group gap="sm">
                  <Button variant="default" onClick={saveDraft} loading={save.isPending && save.variables?.[2] === false}>
                    {t('practiceReview.scoring.saveDraft')}
                  </Button>
                  <Button onClick={askSubmit}>{t('practiceReview.scoring.submit')}</Button>
                </Group>
              </>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <ConfirmDialog
        opened={confirming}
        title={t('practiceReview.scoring.submitTitle')}
        text={t('practiceReview.scoring.submitConfirm')}
        action={t('practiceReview.scoring.submit')}
        pending={save.isPending}
        error={null}
        onConfirm={submit}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}

function CriterionInput({ number, criterion, answer, onChange, error }: { number: number; criterion: RubricCriterion; answer: Answer; onChange: (change: Partial<Answer>) => void; error?: string }) {
  const { t } = useTranslation();
  const scores = Array.from({ length: criterion.scaleMax - criterion.scaleMin + 1 }, (_, i) => criterion.scaleMin + i);
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Radio.Group
          id={`criterion-${criterion.id}`}
          tabIndex={-1}
          value={answer.choice || null}
          onChange={(choice) => onChange({ choice })}
          label={`${number}. ${criterion.title}`}
          description={criterion.description || undefined}
          error={error}
          labelProps={{ fw: 600 }}
        >
          <Stack gap={6} mt="xs">
            {scores.map((score) => {
              const descriptor = criterion.descriptors.find((d) => d.score === score)?.text;
              return <Radio key={score} value={String(score)} label={descriptor ? `${score} — ${descriptor}` : String(score)} styles={{ label: { overflowWrap: 'anywhere' } }} />;
            })}
            {criterion.allowsNotApplicable && <Radio value={NOT_APPLICABLE} label={t('practiceReview.scoring.notApplicable')} description={t('practiceReview.scoring.notApplicableHint')} />}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('practiceReview.scoring.comment')}
          description={t('practiceReview.scoring.commentHint')}
          autosize
          minRows={2}
          maxLength={4000}
          value={answer.comment}
          onChange={(e) => onChange({ comment: e.currentTarget.value })}
        />
      </Stack>
    </Paper>
  );
}

function SubmittedCriterion({ number, criterion, answer }: { number: number; criterion: RubricCriterion; answer: Answer }) {
  const { t } = useTranslation();
  const descriptor = criterion.descriptors.find((d) => String(d.score) === answer.choice)?.text;
  const shown = answer.choice === NOT_APPLICABLE ? t('practiceReview.scoring.notApplicable') : descriptor ? `${answer.choice} — ${descriptor}` : answer.choice;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Text fw={600}>
        {number}. {criterion.title}
      </Text>
      <Text mt={4}>{t('practiceReview.scoring.yourScore', { score: shown })}</Text>
      <Text size="sm" c="dimmed" mt={4} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {answer.comment || t('practiceReview.scoring.noComment')}
      </Text>
    </Paper>
  );
}
