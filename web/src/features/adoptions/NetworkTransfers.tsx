import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, ListSkeleton } from '../../shared/components/States';
import { formatDay } from '../../shared/dates';
import { useNetworkTransfers } from './api';
import { STATE_COLORS } from './labels';
import './strings';

/** A leader–satellite partnership's page: the leader school's practices its satellites record adopting, and what came of them. */
export function NetworkTransfers({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const transfers = useNetworkTransfers(networkId);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="network-transfers">
      <Stack gap="sm">
        <Title order={2} size="h4" id="network-transfers">
          {t('adoptions.transfers.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('adoptions.transfers.intro')}
        </Text>
        {transfers.isPending ? (
          <ListSkeleton rows={2} height={64} />
        ) : transfers.isError ? (
          <ErrorState error={transfers.error} onRetry={() => void transfers.refetch()} />
        ) : transfers.data.transfers.length === 0 ? (
          <Text c="dimmed">{t('adoptions.transfers.empty')}</Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {transfers.data.transfers.map((item) => (
              <Paper key={item.adoptionId} component="li" withBorder radius="sm" p="sm">
                <Stack gap={4}>
                  <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/practices/${item.practice.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {item.practice.title}
                    </Anchor>
                    <Badge variant="light" color={STATE_COLORS[item.state]} tt="none" style={{ flexShrink: 0 }}>
                      {t(`adoptions.states.${item.state}`)}
                    </Badge>
                  </Group>
                  <Text size="sm">
                    {t('adoptions.transfers.fromTo', { from: item.from.shortName, to: item.adopter.shortName })} · {t('adoptions.since', { date: formatDay(item.startedOn) })}
                  </Text>
                  {item.results && item.resultsOn && (
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                      {t('adoptions.results', { date: formatDay(item.resultsOn) })}: {item.results}
                    </Text>
                  )}
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
