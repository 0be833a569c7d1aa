import { Anchor, Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../../shared/auth/AuthContext';
import { EmptyList, ErrorState, Forbidden, ListSkeleton } from '../../../shared/components/States';
import { useDocumentTitle } from '../../../shared/hooks/useDocumentTitle';
import { useRubrics } from './api';
import { mayEditReviews } from './review-roles';
import './strings';

/** /reviews/rubrics — the rubrics an editor keeps: criteria count, whether a round uses them (then they are fixed). */
export function RubricsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useDocumentTitle(t('practiceReview.rubrics.title'));
  const rubrics = useRubrics();
  if (!mayEditReviews(user)) return <Forbidden text={t('practiceReview.onlyEditors')} />;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/reviews" size="sm">
        ← {t('practiceReview.round.back')}
      </Anchor>
      <Group justify="space-between" gap="xs">
        <Title order={1}>{t('practiceReview.rubrics.title')}</Title>
        <Button component={Link} to="/reviews/rubrics/new">
          {t('practiceReview.rubrics.create')}
        </Button>
      </Group>
      {rubrics.isPending ? (
        <ListSkeleton rows={3} height={64} />
      ) : rubrics.isError ? (
        <ErrorState error={rubrics.error} onRetry={() => void rubrics.refetch()} />
      ) : rubrics.data.items.length === 0 ? (
        <EmptyList title={t('practiceReview.rubrics.empty')} hint={t('practiceReview.rubrics.emptyHint')} />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {rubrics.data.items.map((r) => (
            <Paper component="li" key={r.id} withBorder radius="md" p="sm">
              <Group justify="space-between" align="flex-start" gap="xs">
                <Box style={{ minWidth: 0, flex: 1 }}>
                  <Anchor component={Link} to={`/reviews/rubrics/${r.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {r.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {t('practiceReview.rubrics.criteria', { count: r.criteria.length })}
                    {r.networkId === null ? ` · ${t('practiceReview.rubrics.regionWide')}` : ''}
                  </Text>
                </Box>
                {r.usedByRounds > 0 && (
                  <Badge variant="light" color="gray">
                    {t('practiceReview.rubrics.usedBy', { count: r.usedByRounds })}
                  </Badge>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
