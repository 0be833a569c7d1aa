import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../shared/components/States';
import { useOrganizationProgrammes } from './api';
import { ProgrammeCard } from './CataloguePage';
import './strings';

/** The programmes an organisation offers, for its page: drafts and archived ones too for its staff. */
export function OrganizationProgrammes({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const programmes = useOrganizationProgrammes(organizationId);
  if (programmes.isPending) return <Skeleton height={160} />;
  if (programmes.isError) return <ErrorState error={programmes.error} onRetry={() => programmes.refetch()} />;
  const { items, canManage } = programmes.data;
  if (!items.length && !canManage) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="organization-programmes">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="organization-programmes">
          {t('programmes.ofOrganization')}
        </Title>
        {canManage && (
          <Button component={Link} to="/programmes/new" size="xs" variant="light">
            {t('programmes.create')}
          </Button>
        )}
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('programmes.noneYet')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((programme) => (
            <ProgrammeCard key={programme.id} programme={programme} showProvider={false} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
