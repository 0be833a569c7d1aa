import { useState, type ReactNode } from 'react';
import {
  Anchor,
  Badge,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useRegion } from '../../shared/api/queries';
import { StatCard } from '../../shared/components/StatCard';
import { ErrorState } from '../../shared/components/States';
import { DEFAULT_DISTANCE, DISTANCE_CHOICES, type DistanceChoice } from '../inventory/api';
import { CONDITIONS_COLORS, PRIORITY_COLORS } from '../inventory/labels';
import type { OrganizationRef } from '../inventory/types';
import { OrgMap } from '../organizations/OrgMap';
import { ExchangeStateBadge } from './labels';
import type { ExchangePicture as Picture, PictureOrganization } from './types';
import '../inventory/strings';
import './strings';

/** How an organisation stands in the exchange picture; the map colours it so. */
type Balance = 'deficit' | 'unused' | 'balanced' | 'empty';
const BALANCES: Balance[] = ['deficit', 'unused', 'balanced', 'empty'];
const BALANCE_COLORS: Record<Balance, string> = { deficit: '#c92a2a', unused: '#e67700', balanced: '#2b8a3e', empty: '#868e96' };

function balanceOf(o: PictureOrganization): Balance {
  if (!o.hasInventory) return 'empty';
  if (o.uncoveredNeeds > 0) return 'deficit';
  if (o.unusedOffers > 0) return 'unused';
  return 'balanced';
}

const balanceColor = (o: PictureOrganization) => BALANCE_COLORS[balanceOf(o)];

/**
 * Texts that name the scope («участники сети», «в муниципалитете») come in two variants: the
 * network's under the plain key, the municipality's under the i18next context `municipality`.
 */
type ScopeContext = { context?: 'municipality' };
const scopeContext = (picture: Picture): ScopeContext => (picture.scope.kind === 'municipality' ? { context: 'municipality' } : {});

/** The partner distance of the picture, kept in the URL as ?maxDistanceKm= (absent = the default). */
export function usePictureDistance(): [DistanceChoice, (value: DistanceChoice) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const distance = DISTANCE_CHOICES.find((c) => c === searchParams.get('maxDistanceKm')) ?? DEFAULT_DISTANCE;
  const setDistance = (value: DistanceChoice) =>
    setSearchParams(
      (current) => {
        const sp = new URLSearchParams(current);
        if (value === DEFAULT_DISTANCE) sp.delete('maxDistanceKm');
        else sp.set('maxDistanceKm', value);
        return sp;
      },
      { replace: true },
    );
  return [distance, setDistance];
}

/**
 * The exchange picture of a network or a municipality, whichever `query` loads: the partner
 * distance control, then the numbers, the map, the needs with who covers them and the deficits, and
 * the resources nobody uses. Rendered as siblings, so the caller's Stack spaces them.
 *
 * `explainError` turns an expected refusal (403, 404) into the caller's own words; anything else,
 * or a null from it, shows the generic error with «Повторить».
 */
export function ExchangePicture({
  query,
  distance,
  onDistanceChange,
  explainError,
}: {
  query: UseQueryResult<Picture>;
  distance: DistanceChoice;
  onDistanceChange: (value: DistanceChoice) => void;
  explainError?: (error: unknown) => ReactNode | null;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  const explained = query.isError ? explainError?.(query.error) : null;

  return (
    <>
      <Stack gap={6}>
        <Text size="sm" fw={600} id="exchange-distance-label">
          {t('exchanges.picture.distanceLabel')}
        </Text>
        <SegmentedControl
          aria-labelledby="exchange-distance-label"
          value={distance}
          onChange={(v) => onDistanceChange(v as DistanceChoice)}
          data={DISTANCE_CHOICES.map((c) => ({ value: c, label: c === 'none' ? t('inventory.noDistanceLimit') : t('inventory.km', { km: c }) }))}
          size={narrow ? 'xs' : 'sm'}
          fullWidth={narrow}
          style={narrow ? undefined : { alignSelf: 'flex-start' }}
        />
        <Text size="xs" c="dimmed">
          {t('exchanges.picture.distanceHint')}
        </Text>
      </Stack>

      {query.isError ? (
        (explained ?? <ErrorState error={query.error} onRetry={() => query.refetch()} />)
      ) : query.isPending ? (
        <Stack gap="md" aria-busy="true">
          <Skeleton height={120} />
          <Skeleton height={360} />
        </Stack>
      ) : (
        <PictureView picture={query.data} distance={distance} stale={query.isPlaceholderData} />
      )}
    </>
  );
}

type PictureNeed = Picture['needs'][number];
type PictureOffer = Picture['unusedOffers'][number];

function PictureView({ picture, distance, stale }: { picture: Picture; distance: DistanceChoice; stale: boolean }) {
  const { t } = useTranslation();
  const [deficitsOnly, setDeficitsOnly] = useState(false);
  // on a phone a three-column table hides who covers a need off-screen: show cards instead
  const narrow = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const s = picture.totals;
  const scope = scopeContext(picture);
  const needs = deficitsOnly ? picture.needs.filter((n) => !n.covered) : picture.needs;
  const stat = (key: string, value: number, color?: string) => <StatCard value={value} label={t(`exchanges.picture.stat.${key}`, { count: value, ...scope })} color={color} padding="sm" />;

  return (
    <Stack gap="lg" style={stale ? { opacity: 0.6 } : undefined} aria-busy={stale}>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <StatGroup id="exchange-stat-inventory" title={t('exchanges.picture.statGroup.inventory')}>
          {stat('organizations', s.organizations)}
          {stat('offers', s.offers)}
          {stat('needs', s.needs)}
        </StatGroup>
        <StatGroup id="exchange-stat-coverage" title={t('exchanges.picture.statGroup.coverage')}>
          {stat('covered', s.coveredNeeds, 'green.8')}
          {stat('uncovered', s.uncoveredNeeds, s.uncoveredNeeds ? 'red.8' : 'green.8')}
          {stat('unused', s.unusedOffers, s.unusedOffers ? 'orange.9' : 'green.8')}
        </StatGroup>
        <StatGroup id="exchange-stat-exchanges" title={t('exchanges.picture.statGroup.exchanges', scope)}>
          {stat('requested', s.exchanges.requested)}
          {stat('accepted', s.exchanges.accepted)}
          {stat('completed', s.exchanges.completed)}
        </StatGroup>
      </SimpleGrid>

      {picture.memberExchanges && <MemberExchanges picture={picture} />}

      <PictureMap picture={picture} />

      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="exchange-needs">
        <Group justify="space-between" align="center" mb="md" gap="sm">
          <Title order={2} size="h4" id="exchange-needs">
            {t('exchanges.picture.needsTitle', scope)}
          </Title>
          <Switch label={t('exchanges.picture.deficitsOnly')} checked={deficitsOnly} onChange={(e) => setDeficitsOnly(e.currentTarget.checked)} />
        </Group>
        {needs.length === 0 ? (
          <Text size="sm" c="dimmed">
            {deficitsOnly ? t('exchanges.picture.noDeficits', scope) : t('exchanges.picture.noNeeds', scope)}
          </Text>
        ) : narrow ? (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {needs.map((row) => (
              <Paper key={row.need.id} withBorder radius="md" p="sm" component="li" bg={row.covered ? undefined : 'red.0'}>
                <OrganizationLink organization={row.organization} />
                <NeedLabel row={row} />
                <Text size="xs" fw={600} c="dimmed" mt="sm" mb={4}>
                  {t('exchanges.picture.coveredBy')}
                </Text>
                <NeedCoverage row={row} distance={distance} scope={scope} />
              </Paper>
            ))}
          </Stack>
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md" withTableBorder>
            <VisuallyHidden component="caption">{t('exchanges.picture.needsTitle', scope)}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w="22%">
                  {t('exchanges.picture.organization')}
                </Table.Th>
                <Table.Th scope="col" w="32%">
                  {t('exchanges.picture.need')}
                </Table.Th>
                <Table.Th scope="col">{t('exchanges.picture.coveredBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {needs.map((row) => (
                <Table.Tr key={row.need.id} bg={row.covered ? undefined : 'red.0'}>
                  <Table.Td>
                    <OrganizationLink organization={row.organization} />
                  </Table.Td>
                  <Table.Td>
                    <NeedLabel row={row} />
                  </Table.Td>
                  <Table.Td>
                    <NeedCoverage row={row} distance={distance} scope={scope} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="exchange-unused">
        <Title order={2} size="h4" id="exchange-unused" mb={4}>
          {t('exchanges.picture.unusedTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('exchanges.picture.unusedIntro', scope)}
        </Text>
        {picture.unusedOffers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('exchanges.picture.noUnused', scope)}
          </Text>
        ) : narrow ? (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {picture.unusedOffers.map((row) => (
              <Paper key={row.offer.id} withBorder radius="md" p="sm" component="li">
                <OrganizationLink organization={row.organization} />
                <OfferLabel row={row} />
              </Paper>
            ))}
          </Stack>
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md" withTableBorder>
            <VisuallyHidden component="caption">{t('exchanges.picture.unusedTitle')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w="22%">
                  {t('exchanges.picture.organization')}
                </Table.Th>
                <Table.Th scope="col">{t('exchanges.picture.offer')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {picture.unusedOffers.map((row) => (
                <Table.Tr key={row.offer.id}>
                  <Table.Td>
                    <OrganizationLink organization={row.organization} />
                  </Table.Td>
                  <Table.Td>
                    <OfferLabel row={row} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}

/** Three numbers that belong together, under a heading. */
function StatGroup({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h5" id={id} mb={6}>
        {title}
      </Title>
      <SimpleGrid cols={3} spacing="xs">
        {children}
      </SimpleGrid>
    </section>
  );
}

function OrganizationLink({ organization }: { organization: OrganizationRef }) {
  return (
    <Anchor component={Link} to={`/organizations/${organization.id}`} className="orbita-row-link">
      {organization.shortName}
    </Anchor>
  );
}

function NeedLabel({ row }: { row: PictureNeed }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={600}>
        {row.need.title}
      </Text>
      <Group gap={6} mt={4}>
        <Text size="xs" c="dimmed">
          {t(`inventory.categories.${row.need.category}`)}
        </Text>
        <Badge size="xs" variant="light" color={PRIORITY_COLORS[row.need.priority]} tt="none">
          {t(`inventory.priorityBadge.${row.need.priority}`)}
        </Badge>
      </Group>
    </>
  );
}

/** Who in the network or municipality can cover a need (best first), or the deficit; and the way to look further. */
function NeedCoverage({ row, distance, scope }: { row: PictureNeed; distance: DistanceChoice; scope: ScopeContext }) {
  const { t } = useTranslation();
  return (
    <>
      {row.covered ? (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {row.suggestions.map((s) => (
            <Text key={s.offerId} size="sm" component="li">
              <Anchor component={Link} to={`/organizations/${s.organization.id}`} size="sm" fw={600}>
                {s.organization.shortName}
              </Anchor>
              {' — '}
              {s.offerTitle}
              <Text span size="xs" c="dimmed">
                {' · '}
                {t('exchanges.picture.score', { percent: Math.round(s.score * 100) })}
                {s.distanceKm != null ? ` · ${t('inventory.km', { km: Math.round(s.distanceKm) })}` : ''}
              </Text>
            </Text>
          ))}
        </Stack>
      ) : (
        <Text size="sm" fw={700} c="red.9">
          {distance === 'none' ? t('exchanges.picture.deficit', scope) : t('exchanges.picture.deficitWithin', { km: distance, ...scope })}
        </Text>
      )}
      <Anchor component={Link} to={`/needs/${row.need.id}/suggestions`} size="xs" mt={4} display="inline-block">
        {t('exchanges.picture.findPartners')}
      </Anchor>
    </>
  );
}

function OfferLabel({ row }: { row: PictureOffer }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={600}>
        {row.offer.title}
      </Text>
      <Group gap={6} mt={4}>
        <Text size="xs" c="dimmed">
          {t(`inventory.categories.${row.offer.category}`)}
        </Text>
        <Badge size="xs" variant="light" color={CONDITIONS_COLORS[row.offer.conditions]} tt="none">
          {t(`inventory.conditions.${row.offer.conditions}`)}
        </Badge>
      </Group>
    </>
  );
}

type PlacedOrganization = PictureOrganization & { lat: number; lon: number };

function PictureMap({ picture }: { picture: Picture }) {
  const { t } = useTranslation();
  const region = useRegion();
  const scope = scopeContext(picture);
  const placed = picture.organizations.filter((o): o is PlacedOrganization => o.lat != null && o.lon != null);
  const counts = new Map<Balance, number>();
  for (const o of picture.organizations) counts.set(balanceOf(o), (counts.get(balanceOf(o)) ?? 0) + 1);
  const describe = (o: PictureOrganization) =>
    t('exchanges.picture.mapPopup', { offers: o.offers, needs: o.needs, uncovered: o.uncoveredNeeds, unused: o.unusedOffers });

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="exchange-map">
      <Title order={2} size="h4" id="exchange-map" mb="md">
        {t('exchanges.picture.mapTitle', scope)}
      </Title>
      {region.data ? (
        <OrgMap items={placed} region={region.data} height={420} markerColor={balanceColor} describe={describe} label={t('exchanges.picture.mapTitle', scope)} />
      ) : region.isError ? (
        <ErrorState error={region.error} onRetry={() => region.refetch()} />
      ) : (
        <Skeleton height={420} />
      )}
      <Group gap="md" mt="sm" component="ul" aria-label={t('map.legend')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {BALANCES.filter((b) => counts.get(b)).map((b) => (
          <Group key={b} gap={6} component="li" wrap="nowrap">
            <span className="orbita-legend-dot" style={{ background: BALANCE_COLORS[b] }} aria-hidden />
            <Text size="sm">
              {t(`exchanges.picture.balance.${b}`)}{' '}
              <Text span c="dimmed" size="sm">
                ({counts.get(b)})
              </Text>
            </Text>
          </Group>
        ))}
      </Group>
      {placed.length < picture.organizations.length && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('exchanges.picture.notOnMap', { count: picture.organizations.length - placed.length, ...scope })}
        </Text>
      )}
    </Paper>
  );
}

/** The exchanges between members, shown to the network's coordinators and council when its regulation allows it. */
function MemberExchanges({ picture }: { picture: Picture }) {
  const { t } = useTranslation();
  const rows = picture.memberExchanges ?? [];
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="exchange-members">
      <Title order={2} size="h4" id="exchange-members" mb={4}>
        {t('exchanges.picture.membersTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('exchanges.picture.membersIntro')}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('exchanges.picture.membersNone')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {rows.map((row) => (
            <Group key={row.id} component="li" gap="sm" wrap="wrap" justify="space-between">
              <div style={{ flex: '1 1 260px', minWidth: 0 }}>
                <Anchor component={Link} to={`/exchanges/${row.id}`} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {row.offerTitle}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t('exchanges.picture.membersParties', { requester: row.requester.shortName, provider: row.provider.shortName })}
                </Text>
              </div>
              <ExchangeStateBadge state={row.state} size="sm" />
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
