import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { type Child, useMyChildren } from './api';
import { ChildFormModal } from './ChildFormModal';
import { childSummary } from './labels';
import './strings';

/** /children: the guardian's children as cards, with their school and consent at a glance. */
export function ChildrenPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('families.list.title'));
  const list = useMyChildren();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // Right after sign-up the parent lands here with the form open (/children?add=1).
  const [adding, setAdding] = useState(params.get('add') === '1');
  const closeForm = () => {
    setAdding(false);
    if (params.has('add')) setParams({}, { replace: true });
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <div style={{ flex: '1 1 420px' }}>
          <Title order={1}>{t('families.list.title')}</Title>
          <Text c="dimmed" mt={4} maw={720}>
            {t('families.list.intro')}
          </Text>
        </div>
        <Button onClick={() => setAdding(true)}>{t('families.list.add')}</Button>
      </Group>

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} aria-busy="true">
          <Skeleton height={150} />
          <Skeleton height={150} />
        </SimpleGrid>
      ) : list.data.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Stack gap={8} align="center">
            <Text fw={600}>{t('families.list.empty')}</Text>
            <Text size="sm" c="dimmed" ta="center" maw={560}>
              {t('families.list.emptyHint')}
            </Text>
            <Button variant="light" onClick={() => setAdding(true)}>
              {t('families.list.add')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {list.data.map((child) => (
            <ChildCard key={child.id} child={child} />
          ))}
        </SimpleGrid>
      )}

      {adding && <ChildFormModal child={null} onClose={closeForm} onSaved={(child) => navigate(`/children/${child.id}`)} />}
    </Stack>
  );
}

function ChildCard({ child }: { child: Child }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="li" data-testid="child-card">
      <Stack gap={8}>
        <Anchor component={Link} to={`/children/${child.id}`} fw={700} size="lg" className="orbita-row-link">
          {child.fullName}
        </Anchor>
        <Text size="sm">{childSummary(child, t)}</Text>
        <Group gap={6}>
          <Text size="sm">{child.homeSchool ? child.homeSchool.shortName : t('families.child.noSchool')}</Text>
          {child.homeSchool && (
            <Badge size="lg" fw={600} variant="light" color={child.homeSchoolConfirmedAt ? 'green' : 'gray'} tt="none" className="orbita-badge-wrap">
              {child.homeSchoolConfirmedAt ? t('families.child.confirmed') : t('families.child.unconfirmed')}
            </Badge>
          )}
        </Group>
        {child.consent ? (
          <Text size="sm" c="green.9">
            {t('families.child.consentGiven', { date: formatDate(child.consent.givenAt) })}
          </Text>
        ) : (
          <Text size="sm" c="orange.9" fw={600}>
            {t('families.child.noConsent')}. {t('families.child.noConsentHint')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
