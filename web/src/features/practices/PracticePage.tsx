import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState, PageLoader } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { PracticeAdoptions } from '../adoptions/PracticeAdoptions';
import { usePractice } from './api';
import type { PracticeVersion } from './types';
import './strings';

/** A practice's card: the published version; to those who work on it, the version in preparation and every version. */
export function PracticePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const practice = usePractice(id);
  const shown: PracticeVersion | null = practice.data ? (practice.data.published ?? practice.data.working) : null;
  useDocumentTitle(shown?.title ?? t('practices.title'));
  if (practice.isError) return <ErrorState error={practice.error} onRetry={() => practice.refetch()} />;
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
        <Badge variant="outline" color="gray">
          {t('practices.notReviewed')}
        </Badge>
      </Group>
      {!data.published && <Text c="dimmed">{t('practices.notPublished')}</Text>}
      {data.published && data.working && (
        <Paper withBorder p="sm" radius="md">
          <Text size="sm">{t('practices.workingVersion', { number: data.working.number, state: t(`practices.states.${data.working.state}`) })}</Text>
        </Paper>
      )}
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
      {data.attachments.length > 0 && (
        <section>
          <Title order={2} size="h4" mb={4}>
            {t('practices.attachments')}
          </Title>
          <List>
            {data.attachments.map((a) => (
              <List.Item key={a.id}>
                <Anchor href={a.url} target={a.fileName ? undefined : '_blank'} rel="noopener noreferrer">
                  {a.title}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </section>
      )}
      {data.published && <PracticeAdoptions practiceId={data.id} />}
      {data.versions.length > 0 && (
        <section>
          <Title order={2} size="h4" mb={4}>
            {t('practices.versions')}
          </Title>
          <List>
            {data.versions.map((v) => (
              <List.Item key={v.id}>
                {t('practices.versionLine', { number: v.number })} — {t(`practices.states.${v.state}`)}
              </List.Item>
            ))}
          </List>
        </section>
      )}
    </Stack>
  );
}
