import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import { useStudents } from './api';
import './strings';

/** On an organisation's card, for its heads and teachers only: the way to its students page, with how many wait. */
export function OrganizationStudentsLink({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const isStaff = !!user?.memberships.some((m) => m.organizationId === organizationId);
  if (!isStaff) return null;
  return <StudentsLinkCard organizationId={organizationId} title={t('families.students.linkTitle')} />;
}

function StudentsLinkCard({ organizationId, title }: { organizationId: string; title: string }) {
  const { t } = useTranslation();
  const students = useStudents(organizationId);
  // Nothing to show for an organisation no family names (a centre, a museum).
  if (!students.data || students.data.total === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap={6}>
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t('families.students.linkText')}
        </Text>
        <Text size="sm">
          {t('families.students.total', { count: students.data.total })}
          {students.data.unconfirmed > 0 && (
            <Text span fw={700} c="orange.9" size="sm">
              {' · '}
              {t('families.students.linkWaiting', { count: students.data.unconfirmed })}
            </Text>
          )}
        </Text>
        <Anchor component={Link} to={`/organizations/${organizationId}/students`} size="sm" fw={600}>
          {t('families.students.open')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
