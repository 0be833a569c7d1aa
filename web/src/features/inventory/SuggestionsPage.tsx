import { useMemo, useState } from 'react';
import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Progress,
  SegmentedControl,
  Skeleton,
  Stack,
  Switch,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isStatus } from '../../shared/api/errors';
import { useRegion } from '../../shared/api/queries';
import { ErrorState } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { NotFoundPage } from '../home/NotFoundPage';
import { useNetworkList } from '../networks/api';
import { OrgMap } from '../organizations/OrgMap';
import { DEFAULT_DISTANCE, DISTANCE_CHOICES, useSuggestions, type DistanceChoice } from './api';
import { ExchangeRequestModal } from './ExchangeRequestModal';
import { InventoryItemCard, OfferTerms, TagBadges, offerAvailability } from './InventoryItemView';
import type { Need, OrganizationRef, Suggestion, SuggestionsResponse } from './types';
import { placeName } from '../../shared/i18n/place-names';
import './strings';

const NEED_COLOR = '#e8590c';
const OFFER_COLOR = '#1c7ed6';

/** Offers of other organisations that could cover one need, ranked, with the reasons and a way to ask for them. */
export function SuggestionsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const distanceParam = searchParams.get('maxDistanceKm');
  const distance: DistanceChoice = DISTANCE_CHOICES.includes(distanceParam as DistanceChoice) ? (distanceParam as DistanceChoice) : DEFAULT_DISTANCE;
  const sameNetworkOnly = searchParams.get('sameNetworkOnly') === 'true';
  const suggestions = useSuggestions(id, distance, sameNetworkOnly);
  useDocumentTitle(t('inventory.suggestionsTitle'));

  const setOption = (key: 'maxDistanceKm' | 'sameNetworkOnly', value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setSearchParams(next, { replace: true });
  };

  if (suggestions.isPending) return <Skeleton height={420} />;
  if (suggestions.isError) {
    if (isStatus(suggestions.error, 404) || isStatus(suggestions.error, 400)) {
      return <NotFoundPage title={t('inventory.needNotFound')} text={t('inventory.needNotFoundText')} />;
    }
    return <ErrorState error={suggestions.error} onRetry={() => suggestions.refetch()} />;
  }

  return (
    <SuggestionsView
      data={suggestions.data}
      loading={suggestions.isPlaceholderData}
      distance={distance}
      sameNetworkOnly={sameNetworkOnly}
      onDistance={(v) => setOption('maxDistanceKm', v === DEFAULT_DISTANCE ? null : v)}
      onSameNetworkOnly={(v) => setOption('sameNetworkOnly', v ? 'true' : null)}
    />
  );
}

function SuggestionsView({
  data,
  loading,
  distance,
  sameNetworkOnly,
  onDistance,
  onSameNetworkOnly,
}: {
  data: SuggestionsResponse;
  loading: boolean;
  distance: DistanceChoice;
  sameNetworkOnly: boolean;
  onDistance: (v: DistanceChoice) => void;
  onSameNetworkOnly: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const region = useRegion();
  const { need, suggestions } = data;
  const networks = useNetworkList({ organizationId: need.organization.id });
  const networkNames = useMemo(() => new Map((networks.data ?? []).map((n) => [n.id, n.name])), [networks.data]);
  const [requesting, setRequesting] = useState<Suggestion | null>(null);

  const markers = useMemo(() => {
    const byId = new Map<string, OrganizationRef & { role: 'need' | 'offer'; lat: number; lon: number }>();
    const add = (o: OrganizationRef, role: 'need' | 'offer') => {
      if (o.lat == null || o.lon == null || byId.has(o.id)) return;
      byId.set(o.id, { ...o, lat: o.lat, lon: o.lon, role });
    };
    add(need.organization, 'need');
    for (const s of suggestions) add(s.organization, 'offer');
    return [...byId.values()];
  }, [need.organization, suggestions]);

  const distanceOptions = DISTANCE_CHOICES.map((d) => ({
    value: d,
    label: d === 'none' ? t('inventory.noDistanceLimit') : t('inventory.km', { km: d }),
  }));

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›" component="nav" aria-label={t('common.breadcrumbs')}>
        <Anchor component={Link} to={`/organizations/${need.organization.id}`} size="sm">
          {need.organization.shortName}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('inventory.suggestionsTitle')}
        </Text>
      </Breadcrumbs>
      <div>
        <Title order={1}>{t('inventory.suggestionsTitle')}</Title>
        <Text c="dimmed" mt={4} maw={820}>
          {t('inventory.suggestionsIntro')}
        </Text>
      </div>

      <NeedSummary need={need} />

      <Paper withBorder radius="md" p="md" component="section" aria-label={t('inventory.searchOptions')}>
        <Group gap="lg" align="flex-end">
          <div style={isMobile ? { width: '100%' } : undefined}>
            <Text size="sm" fw={500} id="suggestions-distance-label">
              {t('inventory.maxDistance')}
            </Text>
            <SegmentedControl
              aria-labelledby="suggestions-distance-label"
              value={distance}
              onChange={(v) => onDistance(v as DistanceChoice)}
              data={distanceOptions}
              size={isMobile ? 'xs' : 'sm'}
              mt={4}
              fullWidth={isMobile}
            />
          </div>
          <Switch
            label={t('inventory.sameNetworkOnly')}
            checked={sameNetworkOnly}
            onChange={(e) => onSameNetworkOnly(e.currentTarget.checked)}
            mb={6}
          />
        </Group>
      </Paper>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm" aria-busy={loading}>
            <Text fw={600} role="status" aria-live="polite">
              {t('inventory.suggestionsFound', { count: suggestions.length })}
            </Text>
            {suggestions.length === 0 ? (
              <Paper withBorder p="xl" radius="md">
                <Stack gap="xs" align="center">
                  <Text fw={600} ta="center">
                    {distance === 'none' ? t('inventory.suggestionsEmptyNoLimit') : t('inventory.suggestionsEmpty', { km: distance })}
                  </Text>
                  <Text c="dimmed" size="sm" ta="center">
                    {distance === 'none' && !sameNetworkOnly ? t('inventory.suggestionsEmptyHintNoLimit') : t('inventory.suggestionsEmptyHint')}
                  </Text>
                  {distance !== 'none' && (
                    <Button variant="light" onClick={() => onDistance(nextDistance(distance))}>
                      {t('inventory.widenTo', {
                        distance: nextDistance(distance) === 'none' ? t('inventory.noDistanceLimit').toLowerCase() : t('inventory.km', { km: nextDistance(distance) }),
                      })}
                    </Button>
                  )}
                </Stack>
              </Paper>
            ) : (
              <Stack gap="sm" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {suggestions.map((s, index) => (
                  <SuggestionCard key={s.offer.id} rank={index + 1} suggestion={s} networkNames={networkNames} onRequest={() => setRequesting(s)} />
                ))}
              </Stack>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xs" style={{ position: isMobile ? undefined : 'sticky', top: 80 }}>
            {region.data ? (
              <OrgMap
                items={markers}
                region={region.data}
                height={isMobile ? 280 : 460}
                label={t('inventory.suggestionsMap')}
                markerColor={(m) => (m.role === 'need' ? NEED_COLOR : OFFER_COLOR)}
                describe={(m) => (m.role === 'need' ? t('inventory.mapNeedOrganization') : t('inventory.mapOfferOrganization'))}
              />
            ) : (
              <Skeleton height={280} />
            )}
            <Group gap="md" component="ul" aria-label={t('map.legend')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              <Group gap={6} component="li" wrap="nowrap">
                <span className="orbita-legend-dot" style={{ background: NEED_COLOR }} aria-hidden />
                <Text size="sm">{need.organization.shortName}</Text>
              </Group>
              {suggestions.length > 0 && (
                <Group gap={6} component="li" wrap="nowrap">
                  <span className="orbita-legend-dot" style={{ background: OFFER_COLOR }} aria-hidden />
                  <Text size="sm">{t('inventory.mapOfferOrganizations')}</Text>
                </Group>
              )}
            </Group>
          </Stack>
        </Grid.Col>
      </Grid>

      {requesting && <ExchangeRequestModal need={need} suggestion={requesting} networkNames={networkNames} onClose={() => setRequesting(null)} />}
    </Stack>
  );
}

function nextDistance(d: DistanceChoice): DistanceChoice {
  return DISTANCE_CHOICES[Math.min(DISTANCE_CHOICES.indexOf(d) + 1, DISTANCE_CHOICES.length - 1)];
}

function NeedSummary({ need }: { need: Need & { organization: OrganizationRef } }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="need-title">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4} id="need-title">
        {t('inventory.theNeed', { category: t(`inventory.categories.${need.category}`).toLowerCase() })}
      </Text>
      <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        <InventoryItemCard
          kind="need"
          item={need}
          extra={
            <Text size="sm">
              <Anchor component={Link} to={`/organizations/${need.organization.id}`}>
                {need.organization.shortName}
              </Anchor>
              <Text span c="dimmed" size="sm">
                {' · '}
                {placeName(need.organization.municipalityName)}
              </Text>
            </Text>
          }
        />
      </Stack>
    </section>
  );
}

/** 3,4 км / 12 км */
function formatKm(km: number): string {
  return (km < 10 ? Math.round(km * 10) / 10 : Math.round(km)).toLocaleString('ru-RU');
}

function SuggestionCard({
  rank,
  suggestion,
  networkNames,
  onRequest,
}: {
  rank: number;
  suggestion: Suggestion;
  networkNames: ReadonlyMap<string, string>;
  onRequest: () => void;
}) {
  const { t } = useTranslation();
  const { offer, organization, reasons, exchange } = suggestion;
  const percent = Math.round(suggestion.score * 100);
  const distance =
    suggestion.distanceKm != null
      ? t('inventory.km', { km: formatKm(suggestion.distanceKm) })
      : offer.mobility === 'remote'
        ? t('inventory.distanceRemote')
        : t('inventory.distanceUnknown');
  const titleId = `suggestion-${offer.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="li" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <ThemeIcon radius="xl" size="lg" variant="light" aria-hidden>
            <Text fw={700} size="sm">
              {rank}
            </Text>
          </ThemeIcon>
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Text fw={600} id={titleId} style={{ overflowWrap: 'anywhere' }}>
              {offer.title}
            </Text>
            <Text size="sm">
              <Anchor component={Link} to={`/organizations/${organization.id}`} fw={500}>
                {organization.shortName}
              </Anchor>
              <Text span c="dimmed" size="sm">
                {' · '}
                {placeName(organization.municipalityName)} · {distance}
              </Text>
            </Text>
          </Stack>
        </Group>

        <div>
          <Group justify="space-between" gap="xs" mb={4}>
            <Text size="xs" c="dimmed">
              {t('inventory.score')}
            </Text>
            <Text size="sm" fw={700}>
              {t('inventory.percent', { percent })}
            </Text>
          </Group>
          <Progress value={percent} size="md" radius="xl" aria-label={t('inventory.scoreLabel', { percent })} />
        </div>

        {suggestion.explanation.length > 0 && (
          <List size="sm" spacing={2}>
            {suggestion.explanation.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        )}

        <Group gap={6}>
          <OfferTerms offer={offer} />
          {reasons.sharedNetworkIds.map((id) => (
            <Badge key={id} size="sm" variant="outline" color="violet" tt="none">
              {t('inventory.sharedNetwork', { name: networkNames.get(id) ?? t('inventory.unnamedNetwork') })}
            </Badge>
          ))}
        </Group>
        <TagBadges tags={offer.tags} highlight={reasons.sharedTags} />
        {offer.description && (
          <Text size="sm" c="dimmed" lineClamp={3}>
            {offer.description}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('inventory.availability')}: {offerAvailability(offer, t)}
        </Text>

        <Group>
          {exchange ? (
            <Button component={Link} to={`/exchanges/${exchange.id}`} variant="light" color="green">
              {t('inventory.requestAlreadySent')}
            </Button>
          ) : (
            <Button onClick={onRequest}>{t('inventory.requestResource')}</Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
