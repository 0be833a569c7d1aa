import { useMemo } from 'react';
import { Anchor, Badge, Button, Grid, Group, Paper, Select, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRegion } from '../../shared/api/queries';
import { FilterPanel } from '../../shared/components/FilterPanel';
import { Highlighted } from '../../shared/components/Highlighted';
import { Pager } from '../../shared/components/Pager';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useUrlFilters } from '../../shared/hooks/useUrlFilters';
import { OrgMap } from '../organizations/OrgMap';
import {
  CATALOGUE_MAP_SIZE,
  CATALOGUE_PAGE_SIZE,
  catalogueFiltersToSearch,
  parseCatalogueFilters,
  useCatalogue,
  useCatalogueMap,
  type CatalogueFilters,
} from './api';
import { OfferTerms, TagBadges, offerAvailability } from './InventoryItemView';
import { RESOURCE_CATEGORIES, RESOURCE_CONDITIONS, type CatalogueOffer, type OrganizationRef, type ResourceCategory } from './types';
import { MunicipalityFilter } from '../../shared/components/MunicipalityFilter';
import { placeName } from '../../shared/i18n/place-names';
import './strings';

/** The region's public resource catalogue: active offers with search, filters and a map of who offers them. */
export function CataloguePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('inventory.catalogueTitle'));
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { filters, update, search, replaceAll } = useUrlFilters(parseCatalogueFilters, catalogueFiltersToSearch);

  const region = useRegion();
  const list = useCatalogue(filters);
  const mapList = useCatalogueMap(filters);
  const total = list.data?.total ?? 0;
  const hasFilters = !!(filters.q || filters.category || filters.municipalityId || filters.conditions);

  // one marker per organisation offering something found
  const organizations = useMemo(() => {
    const byId = new Map<string, OrganizationRef & { offers: number }>();
    for (const item of mapList.data?.items ?? []) {
      const known = byId.get(item.organization.id);
      if (known) known.offers += 1;
      else byId.set(item.organization.id, { ...item.organization, offers: 1 });
    }
    return [...byId.values()].filter((o): o is typeof o & { lat: number; lon: number } => o.lat != null && o.lon != null);
  }, [mapList.data]);

  const resetFilters = () => {
    search.clear();
    replaceAll(new URLSearchParams());
  };

  const listBlock = list.isError ? (
    <ErrorState error={list.error} onRetry={() => list.refetch()} />
  ) : list.isPending ? (
    <ListSkeleton rows={5} height={96} />
  ) : list.data.items.length === 0 ? (
    <EmptyList title={t('inventory.catalogueEmpty')} hint={t('inventory.catalogueEmptyHint')} onResetFilters={hasFilters ? resetFilters : undefined} />
  ) : (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {list.data.items.map((offer) => (
        <CatalogueCard key={offer.id} offer={offer} />
      ))}
    </Stack>
  );

  const mapBlock = region.data ? (
    <Stack gap="xs">
      <OrgMap
        items={organizations}
        region={region.data}
        height={isMobile ? 320 : 'calc(100dvh - 260px)'}
        label={t('inventory.catalogueMap')}
        markerColor={() => '#1c7ed6'}
        describe={(o) => `${placeName(o.municipalityName)} · ${t('inventory.offersFound', { count: o.offers })}`}
      />
      {mapList.data && mapList.data.total > CATALOGUE_MAP_SIZE && (
        <Text size="xs" c="dimmed">
          {t('inventory.catalogueMapNote', { shown: CATALOGUE_MAP_SIZE, total: mapList.data.total })}
        </Text>
      )}
    </Stack>
  ) : (
    <Skeleton height={320} />
  );

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('inventory.catalogueTitle')}</Title>
        <Text c="dimmed" mt={4} maw={820}>
          {t('inventory.catalogueSubtitle')}
        </Text>
      </div>

      <FilterPanel
        titleId="catalogue-filters-title"
        onSubmit={search.submit}
      >
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput
              label={t('registry.search')}
              placeholder={t('inventory.catalogueSearchPlaceholder')}
              type="search"
              value={search.text}
              onChange={(e) => search.setText(e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, md: 3 }}>
            <Select
              label={t('inventory.category')}
              placeholder={t('inventory.anyCategory')}
              data={RESOURCE_CATEGORIES.map((c) => ({ value: c, label: t(`inventory.categories.${c}`) }))}
              value={filters.category}
              onChange={(v) => update({ category: v as ResourceCategory | null })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4, md: 3 }} order={{ base: 4, sm: 3 }}>
            <MunicipalityFilter value={filters.municipalityId} onChange={(municipalityId) => update({ municipalityId })} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4, md: 2 }} order={{ base: 3, sm: 4 }}>
            <Select
              label={t('inventory.conditionsLabel')}
              placeholder={t('inventory.anyConditions')}
              data={RESOURCE_CONDITIONS.map((c) => ({ value: c, label: t(`inventory.conditions.${c}`) }))}
              value={filters.conditions}
              onChange={(v) => update({ conditions: v })}
              clearable
            />
          </Grid.Col>
        </Grid>
        {hasFilters && (
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" size="compact-sm" onClick={resetFilters}>
              {t('registry.resetFilters')}
            </Button>
          </Group>
        )}
      </FilterPanel>

      <Text fw={600} aria-live="polite" role="status">
        {list.data
          ? list.data.totalIsEstimate
            ? t('inventory.catalogueFoundAbout', { count: total, total: total.toLocaleString(i18n.language) })
            : t('inventory.catalogueFound', { count: total })
          : '\u00a0'}
      </Text>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {listBlock}
            <Pager page={filters.page} total={total} estimated={list.data?.totalIsEstimate} pageSize={CATALOGUE_PAGE_SIZE} onChange={(page) => update({ page })} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <div style={{ position: isMobile ? undefined : 'sticky', top: 80 }}>{mapBlock}</div>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function CatalogueCard({ offer }: { offer: CatalogueOffer }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="li">
      <Stack gap={6}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          <Highlighted text={offer.title} segments={offer.highlight?.title} />
        </Text>
        <Text size="sm">
          <Anchor component={Link} to={`/organizations/${offer.organization.id}`} fw={500}>
            {offer.organization.shortName}
          </Anchor>
          <Text span c="dimmed" size="sm">
            {' · '}
            {placeName(offer.organization.municipalityName)}
          </Text>
        </Text>
        <Group gap={6}>
          <Badge size="sm" variant="light" color="blue" tt="none">
            {t(`inventory.categories.${offer.category}`)}
          </Badge>
          <OfferTerms offer={offer} />
        </Group>
        {offer.description && (
          <Text size="sm" c="dimmed" lineClamp={2}>
            <Highlighted text={offer.description} segments={offer.highlight?.description} />
          </Text>
        )}
        <TagBadges tags={offer.tags} />
        <Text size="xs" c="dimmed">
          {t('inventory.availability')}: {offerAvailability(offer, t)}
        </Text>
      </Stack>
    </Paper>
  );
}
