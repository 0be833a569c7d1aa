import { List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReviewedVersion } from './types';
import '../strings';
import './strings';

/** The version of a practice under review, as the experts read it: what they score stays this text whatever is edited later. */
export function PracticeVersionText({ version }: { version: ReviewedVersion }) {
  const { t } = useTranslation();
  const part = (title: string, text: string) =>
    text ? (
      <section key={title}>
        <Title order={3} size="h5" mb={2}>
          {title}
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {text}
        </Text>
      </section>
    ) : null;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {version.direction}
      </Text>
      {part(t('practiceReview.fields.problem'), version.problem)}
      {part(t('practiceReview.fields.description'), version.description)}
      {version.conditions.length > 0 && (
        <section>
          <Title order={3} size="h5" mb={2}>
            {t('practiceReview.fields.conditions')}
          </Title>
          <List size="sm">
            {version.conditions.map((c, i) => (
              <List.Item key={i}>
                <Text span size="sm" fw={500}>
                  {t(`practices.categories.${c.category}`, { defaultValue: c.category })}:
                </Text>{' '}
                {c.text}
              </List.Item>
            ))}
          </List>
        </section>
      )}
      {part(t('practiceReview.fields.results'), version.results)}
      {part(t('practiceReview.fields.evidence'), version.evidence)}
    </Stack>
  );
}
