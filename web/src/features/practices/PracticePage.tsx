import { Anchor, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState, PageLoader } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { PracticeAdoptions } from '../adoptions/PracticeAdoptions';
import { usePractice } from './api';
import { PracticeAttachments } from './PracticeAttachments';
import { PracticeCardExport } from './PracticeExport';
import { PracticeActions, PracticeVersions, VersionBanner, useShownVersion } from './PracticeWorkflow';
import { ReviewBadge } from './ReviewBadge';
import { PracticeReviewSection } from './review/PracticeReviewSection';
import './strings';

/** A practice's card: the published version; to those who work on it, the version in preparation and every version. */
export function PracticePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const practice = usePractice(id);
  const { shown, error } = useShownVersion(practice.data);
  useDocumentTitle(shown?.title ?? t('practices.title'));
  if (practice.isError) return <ErrorState error={practice.error} onRetry={() => practice.refetch()} />;
  if (error) return <ErrorState error={error} />;
  if (practice.isPending || !shown) return <PageLoader />;
  const data = practice.data;
  const section = (title: string, text: string) =>
    text ? (
      <section>
        <Title order={2} size="h4" mb={4}>
          {title}
        </Title>
        <Text style={{ whiteSpace: 'pre-line' }}>{text}</Text>
      </section>
    ) : null;
  return (
    <Stack gap="lg" maw={900}>
      <Anchor component={Link} to="/practices" size="sm">
        ← {t('practices.title')}
      </Anchor>
      <div>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {shown.title}
        </Title>
        <Text c="dimmed" mt={4}>
          {data.organizations.map((o) => o.shortName).join(', ')} · {shown.direction}
        </Text>
      </div>
      <Group justify="space-between" align="flex-start" gap="xs">
        <PracticeActions practice={data} />
        <PracticeCardExport practiceId={data.id} />
      </Group>
      <VersionBanner practice={data} shown={shown} />
      <Group gap={6}>
        {shown.levels.map((level) => (
          <Badge key={level} variant="light" color="blue">
            {t(`practices.levels.${level}`)}
          </Badge>
        ))}
        {shown.audiences.map((audience) => (
          <Badge key={audience} variant="light" color="teal">
            {t(`practices.audiences.${audience}`)}
          </Badge>
        ))}
        <ReviewBadge practice={data} />
      </Group>
      {!data.published && <Text c="dimmed">{t('practices.notPublished')}</Text>}
      {data.authors.length > 0 && (
        <Text>
          <Text span fw={600}>
            {t('practices.authors')}:
          </Text>{' '}
          {data.authors.map((a) => a.name).join(', ')}
        </Text>
      )}
      {section(t('practices.problem'), shown.problem)}
      {section(t('practices.description'), shown.description)}
      {shown.conditions.length > 0 && (
        <section>
          <Title order={2} size="h4" mb={4}>
            {t('practices.conditions')}
          </Title>
          <List>
            {shown.conditions.map((c, i) => (
              <List.Item key={i}>
                <Text span fw={500}>
                  {t(`practices.categories.${c.category}`)}:
                </Text>{' '}
                {c.text}
              </List.Item>
            ))}
          </List>
        </section>
      )}
      {section(t('practices.results'), shown.results)}
      {section(t('practices.evidence'), shown.evidence)}
      <PracticeAttachments practice={data} />
      <PracticeReviewSection practiceId={data.id} />
      {data.published && <PracticeAdoptions practiceId={data.id} />}
      <PracticeVersions practice={data} shownId={shown.id} />
    </Stack>
  );
}
