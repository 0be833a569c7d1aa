import { Anchor, Badge, Group, Paper, Select, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { administeredOrganizationIds } from '../../shared/auth/administered';
import { useAuth } from '../../shared/auth/AuthContext';
import { ErrorState } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useAwaitingCounts, useExchangeList } from './api';
import { ExchangeStateBadge, moveOf, sideOf } from './labels';
import { EXCHANGE_STATES, type ExchangeDirection, type ExchangeListItem, type ExchangeState } from './types';
import { placeName } from '../../shared/i18n/place-names';
import './strings';

const DIRECTIONS: ExchangeDirection[] = ['incoming', 'outgoing', 'all'];

/** /exchanges: the requests of the organisations the user administers, theirs to answer first. */
export function ExchangesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('exchanges.title'));
  const { user } = useAuth();
  const organizationIds = administeredOrganizationIds(user);
  const [searchParams, setSearchParams] = useSearchParams();
  const awaiting = useAwaitingCounts(organizationIds);
  // Without a chosen tab the page opens where the work is: requests to answer, then counter-offers to ours, else everything.
  const opening: ExchangeDirection | null = awaiting.pending ? null : awaiting.incoming > 0 ? 'incoming' : awaiting.outgoing > 0 ? 'outgoing' : 'all';
  const direction = DIRECTIONS.find((d) => d === searchParams.get('direction')) ?? opening;
  const state = EXCHANGE_STATES.find((s) => s === searchParams.get('state')) ?? null;
  const list = useExchangeList({ direction: direction ?? 'all', state }, direction !== null);

  const update = (patch: { direction?: ExchangeDirection; state?: ExchangeState | null }) => {
    const next = { direction, state, ...patch };
    const sp = new URLSearchParams();
    if (next.direction) sp.set('direction', next.direction);
    if (next.state) sp.set('state', next.state);
    setSearchParams(sp, { replace: true });
  };

  if (organizationIds.length === 0) {
    return (
      <Stack gap="md" maw={720}>
        <Title order={1}>{t('exchanges.title')}</Title>
        <Text>{t('exchanges.notAdmin')}</Text>
      </Stack>
    );
  }

  const tabCount: Record<ExchangeDirection, number> = { incoming: awaiting.incoming, outgoing: awaiting.outgoing, all: 0 };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('exchanges.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('exchanges.subtitle')}
        </Text>
      </div>

      <Tabs value={direction ?? undefined} onChange={(v) => v && update({ direction: v as ExchangeDirection })} variant="outline" keepMounted={false}>
        <Tabs.List aria-label={t('exchanges.directionsLabel')} className="orbita-tabs-list">
          {DIRECTIONS.map((d) => (
            <Tabs.Tab key={d} value={d} className="orbita-tab">
              <Group gap={6} wrap="nowrap">
                {t(`exchanges.direction.${d}`)}
                {tabCount[d] > 0 && (
                  <Badge size="sm" color="orange" variant="filled" circle={tabCount[d] < 10} aria-label={t('nav.exchangesAwaiting', { count: tabCount[d] })}>
                    {tabCount[d]}
                  </Badge>
                )}
              </Group>
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      <Group justify="space-between" align="flex-end" gap="sm">
        <Text fw={600} role="status" aria-live="polite">
          {list.data ? t('exchanges.found', { count: list.data.length }) : '\u00a0'}
        </Text>
        <Select
          label={t('exchanges.stateFilter')}
          placeholder={t('exchanges.anyState')}
          data={EXCHANGE_STATES.map((s) => ({ value: s, label: t(`exchanges.state.${s}`) }))}
          value={state}
          onChange={(v) => update({ state: v as ExchangeState | null })}
          clearable
          w={{ base: '100%', xs: 260 }}
        />
      </Group>

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending || !direction ? (
        <Stack gap="xs" aria-busy="true">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={72} />
          ))}
        </Stack>
      ) : list.data.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Stack gap={6} align="center">
            <Text fw={600}>{state ? t('exchanges.emptyFiltered') : t(`exchanges.empty.${direction}`)}</Text>
            <Text size="sm" c="dimmed" ta="center" maw={560}>
              {t('exchanges.emptyHint')}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t(`exchanges.direction.${direction}`)}>
          {awaitingYouFirst(list.data, organizationIds).map((exchange) => (
            <ExchangeRow key={exchange.id} exchange={exchange} organizationIds={organizationIds} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** The exchanges waiting for the user's answer on top; otherwise the server's order (latest activity first). */
function awaitingYouFirst(items: ExchangeListItem[], organizationIds: string[]): ExchangeListItem[] {
  const yours = (e: ExchangeListItem) => (moveOf(e, organizationIds) === 'you' ? 0 : 1);
  return [...items].sort((a, b) => yours(a) - yours(b));
}

function ExchangeRow({ exchange, organizationIds }: { exchange: ExchangeListItem; organizationIds: string[] }) {
  const { t } = useTranslation();
  const side = sideOf(exchange, organizationIds);
  const other = side === 'provider' ? exchange.requester : exchange.provider;
  const move = moveOf(exchange, organizationIds);
  // on a phone the status drops under the title: keep it left-aligned with the rest of the row
  const narrow = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  return (
    <Paper withBorder radius="md" p="sm" component="li" data-testid="exchange-row">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Anchor component={Link} to={`/exchanges/${exchange.id}`} className="orbita-row-link" style={{ overflowWrap: 'anywhere' }}>
            {exchange.offer.title}
          </Anchor>
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              {side === 'provider' ? t('exchanges.requestedBy') : t('exchanges.providedBy')}
            </Text>{' '}
            {other.shortName}
            {other.municipalityName ? (
              <Text span c="dimmed" size="sm">
                {' · '}
                {placeName(other.municipalityName)}
              </Text>
            ) : null}
          </Text>
          {exchange.need && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {t('exchanges.forNeed', { title: exchange.need.title })}
            </Text>
          )}
        </Stack>
        <Stack gap={4} align={narrow ? 'flex-start' : 'flex-end'} miw={170}>
          <ExchangeStateBadge state={exchange.state} />
          {move === 'you' && (
            <Text size="sm" fw={700} c="orange.9">
              {t('exchanges.awaitingYou')}
            </Text>
          )}
          {move === 'partner' && (
            <Text size="sm" c="dimmed">
              {t('exchanges.awaitingPartner')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t('exchanges.updated', { date: formatDate(exchange.updatedAt) })}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}
