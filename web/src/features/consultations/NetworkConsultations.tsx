import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, ListSkeleton } from '../../shared/components/States';
import { formatDateTime, isoString } from '../../shared/dates';
import { useNetworkConsultations } from './api';
import type { NetworkConsultations as ConsultationRecord } from './types';
import './strings';

type Item = ConsultationRecord['items'][number];

const STATE_COLORS = { draft: 'gray', published: 'blue', finished: 'green', cancelled: 'gray', past: 'teal' } as const;

/** An event's word in the record: a published one whose time has passed is «прошла» until marked as held. */
const recordState = (item: Item, now: Date) => (item.state === 'published' && new Date(item.endsAt) <= now ? 'past' : item.state);

/**
 * A leader–satellite partnership's record of consultations (seed 002) on its network page: how many were held and are
 * coming, and each one — its topic, who gave it to whom, when, its state — linking to its event.
 */
export function NetworkConsultations({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const record = useNetworkConsultations(networkId);
  const now = new Date();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="network-consultations">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={2} size="h4" id="network-consultations">
            {t('consultations.record')}
          </Title>
          {record.data && (
            <Text size="sm" c="dimmed">
              {t('consultations.recordSummary', { held: record.data.held, upcoming: record.data.upcoming })}
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('consultations.recordIntro')}
        </Text>
        {record.isPending ? (
          <ListSkeleton rows={2} height={64} />
        ) : record.isError ? (
          <ErrorState error={record.error} onRetry={() => void record.refetch()} />
        ) : record.data.items.length === 0 ? (
          <Text c="dimmed">{t('consultations.recordEmpty')}</Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {record.data.items.map((item) => {
              const state = recordState(item, now);
              return (
                <Paper key={item.eventId} component="li" withBorder radius="sm" p="sm">
                  <Stack gap={4}>
                    <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                      <Anchor component={Link} to={`/events/${item.eventId}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {item.topic}
                      </Anchor>
                      <Badge variant="light" color={STATE_COLORS[state]} tt="none" style={{ flexShrink: 0 }}>
                        {t(`consultations.recordStates.${state}`)}
                      </Badge>
                    </Group>
                    <Text size="sm">
                      <Text span c="dimmed">
                        {t('consultations.recordConsultant')}:{' '}
                      </Text>
                      <Anchor component={Link} to={`/organizations/${item.consultant.id}`}>
                        {item.consultant.shortName}
                      </Anchor>
                      {item.requester && (
                        <>
                          {' → '}
                          <Text span c="dimmed">
                            {t('consultations.recordRequester')}:{' '}
                          </Text>
                          <Anchor component={Link} to={`/organizations/${item.requester.id}`}>
                            {item.requester.shortName}
                          </Anchor>
                        </>
                      )}
                    </Text>
                    <Text size="sm" c="dimmed">
                      <time dateTime={isoString(item.startsAt)}>{formatDateTime(item.startsAt)}</time>
                    </Text>
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
