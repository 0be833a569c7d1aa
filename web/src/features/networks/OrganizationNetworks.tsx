import { Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../shared/components/States';
import { useNetworkList } from './api';
import { KindBadge, LaunchStage } from './NetworkBadges';
import './strings';

/** The «Сети» section of an organisation's card: every network it is an active member of. */
export function OrganizationNetworks({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const list = useNetworkList({ organizationId });
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="org-networks-title">
      <Group justify="space-between" mb="md" gap="sm">
        <Title order={2} size="h4" id="org-networks-title">
          {t('networks.orgSection.title')}
        </Title>
        {list.data && list.data.length > 0 && (
          <Badge variant="light" color="gray" aria-hidden>
            {list.data.length}
          </Badge>
        )}
      </Group>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('networks.orgSection.empty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {list.data.map((n) => (
            <li key={n.id}>
              <Stack gap={4}>
                <Anchor component={Link} to={`/networks/${n.id}`} fw={600} size="sm">
                  {n.name}
                </Anchor>
                <Group gap={6}>
                  <KindBadge kind={n.kind} />
                  {n.managingOrganizationId === organizationId && (
                    <Badge size="xs" variant="outline" color="blue" tt="none">
                      {t('networks.orgSection.managing')}
                    </Badge>
                  )}
                  <LaunchStage launchedAt={n.launchedAt} launchGate={n.launchGate} done={n.launchStepsDone} total={n.launchStepsTotal} compact />
                </Group>
              </Stack>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
