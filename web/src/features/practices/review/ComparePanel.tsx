import { Alert, Badge, Box, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../shared/components/States';
import { usePracticeReviews } from './api';
import { compareReviews, formatPoints } from './review-math';
import './strings';

/** The experts' reviews of one practice side by side, criterion by criterion; criteria where they disagree beyond the threshold stand out. */
export function ComparePanel({ roundId, practiceId, threshold }: { roundId: string; practiceId: string; threshold: number }) {
  const { t, i18n } = useTranslation();
  const reviews = usePracticeReviews(roundId, practiceId);
  if (reviews.isPending) return <Skeleton height={120} />;
  if (reviews.isError) return <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />;
  const { rubric, reviews: list } = reviews.data;
  const rows = compareReviews(rubric.criteria, list, threshold);
  const points = (value: number) => formatPoints(value, i18n.language);
  const cols = Math.max(1, Math.min(list.length, 3));
  return (
    <Stack gap="sm" component="section" aria-label={t('practiceReview.compare.caption')}>
      {reviews.data.disagreement && (
        <Alert color="orange" variant="light">
          {t('practiceReview.round.disagreementNote')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: cols }} spacing="xs">
        {list.map((r) => (
          <Box key={r.assignmentId}>
            <Text fw={600} size="sm">
              {r.expert.fullName}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`practiceReview.roles.${r.role}`)} · {r.total === null ? t('practiceReview.compare.notSubmitted') : `${t('practiceReview.compare.total')}: ${points(r.total)}`}
            </Text>
          </Box>
        ))}
      </SimpleGrid>
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {rows.map((row, i) => (
          <Paper
            component="li"
            key={row.criterion.id}
            withBorder
            radius="sm"
            p="xs"
            style={row.disagrees ? { borderColor: 'var(--mantine-color-orange-6)', background: 'var(--mantine-color-orange-light)' } : undefined}
          >
            <Title order={4} size="h6" mb={4} style={{ overflowWrap: 'anywhere' }}>
              {i + 1}. {row.criterion.title}{' '}
              {row.disagrees && row.spread !== null && (
                <Badge color="orange" variant="filled" size="sm">
                  {t('practiceReview.compare.disagrees', { points: points(row.spread) })}
                </Badge>
              )}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: cols }} spacing="xs">
              {row.scores.map((s, j) => (
                <Box key={list[j].assignmentId}>
                  <Text size="sm" fw={600}>
                    <Text span hiddenFrom="sm" size="sm" c="dimmed" fw={400}>
                      {list[j].expert.fullName}:{' '}
                    </Text>
                    {!s ? t('practiceReview.compare.notScored') : s.score === null ? t('practiceReview.section.notApplicable') : `${s.score} (${row.criterion.scaleMin}–${row.criterion.scaleMax})`}
                  </Text>
                  {s?.comment && (
                    <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                      {s.comment}
                    </Text>
                  )}
                </Box>
              ))}
            </SimpleGrid>
          </Paper>
        ))}
      </Stack>
      {reviews.data.composite && (
        <Text fw={600}>{t('practiceReview.compare.composite', { score: points(reviews.data.composite.score) })}</Text>
      )}
    </Stack>
  );
}
