import { useState } from 'react';
import { Alert, Badge, Button, Paper, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/api/types';
import { useAuth } from '../../../shared/auth/AuthContext';
import { ErrorState } from '../../../shared/components/States';
import { formatDate } from '../../../shared/dates';
import { usePractice } from '../api';
import type { PracticeDetail } from '../types';
import { reviewApi, usePracticeReview, useReviewMutation } from './api';
import { CompositeView } from './CompositeView';
import { ConfirmDialog } from './ConfirmDialog';
import type { PracticeReview } from './types';
import './strings';

/** Who may answer the experts: an author of the practice or a head of one of its organisations (the server checks again). */
function mayAnswer(user: Me | null, practice: PracticeDetail | undefined): boolean {
  if (!user || !practice) return false;
  return practice.authors.some((a) => a.userId === user.id) || user.memberships.some((m) => m.role === 'org_admin' && practice.organizations.some((o) => o.id === m.organizationId));
}

/** The card's «Экспертная оценка»: never evaluated (neutral, not a low score), under review, or the published composite with the author's answer. */
export function PracticeReviewSection({ practiceId }: { practiceId: string }) {
  const { t } = useTranslation();
  const review = usePracticeReview(practiceId);
  const practice = usePractice(practiceId);
  const { user } = useAuth();
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="practice-review-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="practice-review-title">
          {t('practiceReview.section.title')}
        </Title>
        {review.isPending ? (
          <Skeleton height={48} />
        ) : review.isError ? (
          <ErrorState error={review.error} onRetry={() => void review.refetch()} />
        ) : (
          <ReviewBody review={review.data} practice={practice.data} canAnswer={mayAnswer(user ?? null, practice.data)} practiceId={practiceId} />
        )}
      </Stack>
    </Paper>
  );
}

function ReviewBody({ review, practice, canAnswer, practiceId }: { review: PracticeReview; practice: PracticeDetail | undefined; canAnswer: boolean; practiceId: string }) {
  const { t } = useTranslation();
  // Never evaluated is said plainly and in grey, never as a low score.
  if (review.status === 'none' || (review.status === 'reviewed' && !review.composite)) return <StatusNote color="gray" variant="outline" label={t('practiceReview.section.none')} hint={t('practiceReview.section.noneHint')} />;
  if (review.status === 'in_review') return <StatusNote color="blue" variant="light" label={t('practiceReview.section.inReview')} hint={t('practiceReview.section.inReviewHint')} />;
  const composite = review.composite!;
  const published = practice?.published;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {[t('practiceReview.section.ofVersion', { number: composite.versionNumber }), t('practiceReview.section.experts', { count: composite.expertCount }), t('practiceReview.section.publishedAt', { date: formatDate(composite.publishedAt) })].join(' · ')}
      </Text>
      {published && published.number > composite.versionNumber && (
        <Alert color="gray" variant="light">
          {t('practiceReview.section.newerVersion', { number: published.number, reviewed: composite.versionNumber })}
        </Alert>
      )}
      <CompositeView composite={composite} />
      {review.authorAnswer ? (
        <Paper bg="var(--mantine-color-gray-light)" p="sm" radius="sm">
          <Title order={3} size="h5">
            {t('practiceReview.section.answerTitle')}
          </Title>
          <Text size="xs" c="dimmed" mb={4}>
            {t('practiceReview.section.answeredAt', { date: formatDate(review.authorAnswer.answeredAt) })}
          </Text>
          <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{review.authorAnswer.text}</Text>
        </Paper>
      ) : (
        canAnswer && <AnswerForm practiceId={practiceId} />
      )}
    </Stack>
  );
}

function StatusNote({ color, variant, label, hint }: { color: string; variant: 'outline' | 'light'; label: string; hint: string }) {
  return (
    <Stack gap={4} align="flex-start">
      <Badge variant={variant} color={color} size="lg">
        {label}
      </Badge>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
    </Stack>
  );
}

function AnswerForm({ practiceId }: { practiceId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const answer = useReviewMutation(reviewApi.answer);
  const send = () =>
    answer.mutate([practiceId, text.trim()], {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'green', message: t('practiceReview.section.answerSent') });
      },
    });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setMissing(!text.trim());
        if (text.trim()) {
          answer.reset();
          setConfirming(true);
        }
      }}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('practiceReview.section.answerPrompt')}</Text>
        <Textarea
          w="100%"
          label={t('practiceReview.section.answerLabel')}
          autosize
          minRows={3}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={missing ? t('practiceReview.section.answerRequired') : undefined}
        />
        <Button type="submit" variant="light">
          {t('practiceReview.section.answerSend')}
        </Button>
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('practiceReview.section.answerSend')}
        text={t('practiceReview.section.answerConfirm')}
        action={t('practiceReview.section.answerSend')}
        pending={answer.isPending}
        error={answer.error}
        onConfirm={send}
        onClose={() => setConfirming(false)}
      />
    </form>
  );
}
