import { Box, Group, List, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPoints } from './review-math';
import type { Composite } from './types';
import './strings';

/** A published composite: the weighted overall score, then each criterion's mean score, weight and the experts' comments. */
export function CompositeView({ composite }: { composite: Composite }) {
  const { t, i18n } = useTranslation();
  const points = (value: number) => formatPoints(value, i18n.language);
  return (
    <Stack gap="md">
      <Group gap="xs" align="baseline">
        <Text component="span" fz={40} fw={700} lh={1}>
          {points(composite.score)}
        </Text>
        <Text component="span" c="dimmed">
          {t('practiceReview.section.outOf')} · {t('practiceReview.section.overall').toLowerCase()}
        </Text>
      </Group>
      <Stack gap="md" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {composite.criteria.map((c) => (
          <Box component="li" key={c.criterionId}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {c.title}{' '}
                <Text span size="sm" c="dimmed" fw={400}>
                  ({t('practiceReview.section.weightValue', { weight: points(c.weight) })})
                </Text>
              </Text>
              <Text fw={600} style={{ flexShrink: 0 }} c={c.score === null ? 'dimmed' : undefined}>
                {c.score === null ? t('practiceReview.section.notApplicable') : `${points(c.score)} / 100`}
              </Text>
            </Group>
            {/* The number beside it says the same to assistive technology; the bar only draws it. */}
            <Progress value={c.score ?? 0} size="md" mt={4} aria-hidden color={c.score === null ? 'gray' : 'blue'} />
            {c.comments.length > 0 && (
              <List size="sm" mt={6} spacing={4} aria-label={t('practiceReview.section.comments')}>
                {c.comments.map((comment, i) => (
                  <List.Item key={i} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                    {comment}
                  </List.Item>
                ))}
              </List>
            )}
          </Box>
        ))}
      </Stack>
    </Stack>
  );
}
