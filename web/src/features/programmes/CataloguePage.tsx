import { useMemo, useState } from 'react';
import { Anchor, Button, Checkbox, Flex, Grid, Group, Paper, SegmentedControl, Select, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRegion } from '../../shared/api/queries';
import { useAuth } from '../../shared/auth/AuthContext';
import { administeredOrganizationIds } from '../../shared/auth/administered';
import { FilterPanel } from '../../shared/components/FilterPanel';
import { Highlighted } from '../../shared/components/Highlighted';
import { Pager } from '../../shared/components/Pager';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useUrlFilters } from '../../shared/hooks/useUrlFilters';
import { OrganizationPicker } from '../networks/OrganizationPicker';
import { OrgMap } from '../organizations/OrgMap';
import { CATALOGUE_PAGE_SIZE, RADIUS_OPTIONS, type CatalogueFilters, type CatalogueView, catalogueFiltersToSearch, parseCatalogueFilters, useProgrammeCatalogue, useProgrammeMap, useSchoolName } from './api';
import { ProgrammeBadges, SeatsText, audienceText, scheduleText } from './labels';
import { PROGRAMME_DIRECTIONS, PROGRAMME_KINDS, WEEKDAYS, type ProgrammeSummary } from './types';
import { MunicipalityFilter } from '../../shared/components/MunicipalityFilter';
import { placeName } from '../../shared/i18n/place-names';
import '../learning/strings';
import './strings';

const GRADES = Array.from({ length: 11 }, (_, i) => i + 1);

/**
 * The public catalogue of network programmes: Russian search, filters a parent or a director thinks in
 * (kind, direction, grade, municipality, day, free places, distance from a school), a list of cards and a
 * map of where classes take place.
 */
export function CataloguePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('programmes.catalogueTitle'));
  const { user } = useAuth();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { filters, update, search, replaceAll } = useUrlFilters(parseCatalogueFilters, catalogueFiltersToSearch);

  const region = useRegion();
  const list = useProgrammeCatalogue(filters);
  const map = useProgrammeMap(filters, filters.view === 'map');
  const nearSchool = useSchoolName(filters.nearOrganizationId);
  const nearName = filters.nearOrganizationId ? (nearSchool.data ?? null) : null;
  const total = list.data?.total ?? 0;
  const hasFilters = !!(
    filters.q ||
    filters.kind ||
    filters.direction ||
    filters.grade !== null ||
    filters.municipalityId ||
    filters.weekday !== null ||
    filters.freeOnly ||
    filters.nearOrganizationId
  );
  const canCreate = administeredOrganizationIds(user).length > 0;
  // On a phone only the search is open; the other filters fold under one button, as in the registry.
  const activeFilterCount = [filters.kind, filters.direction, filters.grade, filters.weekday, filters.municipalityId, filters.nearOrganizationId, filters.freeOnly || null].filter(
    (value) => value !== null && value !== undefined && value !== '',
  ).length;
  const [filtersOpen, setFiltersOpen] = useState(false);

  const resetFilters = () => {
    search.clear();
    replaceAll(filters.view === 'list' ? new URLSearchParams() : new URLSearchParams({ view: filters.view }));
  };

  // programmes at one place share a marker: the first leads to its page, the list shows the rest
  const places = useMemo(() => {
    const byPlace = new Map<string, { id: string; shortName: string; lat: number; lon: number; count: number }>();
    for (const point of map.data ?? []) {
      const key = `${point.lat},${point.lon}`;
      const known = byPlace.get(key);
      if (known) known.count += 1;
      else byPlace.set(key, { id: point.id, shortName: point.title, lat: point.lat, lon: point.lon, count: 1 });
    }
    return [...byPlace.values()];
  }, [map.data]);

  const listBlock = list.isError ? (
    <ErrorState error={list.error} onRetry={() => list.refetch()} />
  ) : list.isPending ? (
    <ListSkeleton rows={5} height={120} />
  ) : list.data.items.length === 0 ? (
    <EmptyList
      title={t('programmes.catalogueEmpty')}
      hint={hasFilters ? t('programmes.catalogueEmptyFiltered') : t('programmes.catalogueEmptyHint')}
      onResetFilters={hasFilters ? resetFilters : undefined}
    />
  ) : (
    <Stack gap="md">
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {list.data.items.map((programme) => (
          <ProgrammeCard key={programme.id} programme={programme} />
        ))}
      </Stack>
      <Pager page={filters.page} total={total} pageSize={CATALOGUE_PAGE_SIZE} onChange={(page) => update({ page })} />
    </Stack>
  );

  const mapBlock = region.data && map.data ? (
    <OrgMap
      items={places}
      region={region.data}
      height={isMobile ? 360 : 'calc(100dvh - 320px)'}
      label={t('programmes.mapLabel')}
      markerColor={() => '#5f3dc4'}
      linkTo={(place) => `/programmes/${place.id}`}
      describe={(place) => (place.count > 1 ? t('programmes.mapMore', { count: place.count - 1 }) : t('programmes.mapOpen'))}
    />
  ) : map.isError ? (
    <ErrorState error={map.error} onRetry={() => map.refetch()} />
  ) : (
    <Skeleton height={360} />
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('programmes.catalogueTitle')}</Title>
          <Text c="dimmed" mt={4} maw={820}>
            {t('programmes.catalogueSubtitle')}
          </Text>
        </div>
        {canCreate && (
          <Button component={Link} to="/programmes/new">
            {t('programmes.create')}
          </Button>
        )}
      </Group>

      <FilterPanel titleId="programme-filters-title" onSubmit={search.submit}>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TextInput
              label={t('registry.search')}
              placeholder={t('programmes.searchPlaceholder')}
              type="search"
              value={search.text}
              onChange={(e) => search.setText(e.currentTarget.value)}
            />
          </Grid.Col>
          {isMobile && (
            <Grid.Col span={12}>
              <Button variant="light" fullWidth onClick={() => setFiltersOpen((o) => !o)} aria-expanded={filtersOpen} aria-controls="programme-more-filters">
                {t('programmes.filter.more')}
                {activeFilterCount > 0 ? ` (${activeFilterCount})` : ''}
              </Button>
            </Grid.Col>
          )}
          {(!isMobile || filtersOpen) && (
            <>
              <Grid.Col span={{ base: 6, md: 3 }} id="programme-more-filters">
                <Select
                  label={t('programmes.field.kind')}
                  placeholder={t('programmes.anyKind')}
                  data={PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`programmes.kinds.${k}`) }))}
                  value={filters.kind}
                  onChange={(v) => update({ kind: v as CatalogueFilters['kind'] })}
                  clearable
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <Select
                  label={t('programmes.field.direction')}
                  placeholder={t('programmes.anyDirection')}
                  data={PROGRAMME_DIRECTIONS.map((d) => ({ value: d, label: t(`programmes.directions.${d}`) }))}
                  value={filters.direction}
                  onChange={(v) => update({ direction: v as CatalogueFilters['direction'] })}
                  clearable
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
                <Select
                  label={t('programmes.filter.grade')}
                  placeholder={t('programmes.anyGrade')}
                  data={GRADES.map((g) => ({ value: String(g), label: t('programmes.filter.gradeOption', { grade: g }) }))}
                  value={filters.grade === null ? null : String(filters.grade)}
                  onChange={(v) => update({ grade: v === null ? null : Number(v) })}
                  clearable
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
                <Select
                  label={t('programmes.filter.weekday')}
                  placeholder={t('programmes.anyWeekday')}
                  data={WEEKDAYS.map((d) => ({ value: String(d), label: t(`learning.weekdays.long.${d}`) }))}
                  value={filters.weekday === null ? null : String(filters.weekday)}
                  onChange={(v) => update({ weekday: v === null ? null : Number(v) })}
                  clearable
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
                <MunicipalityFilter value={filters.municipalityId} onChange={(municipalityId) => update({ municipalityId })} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8, md: 3 }}>
                <OrganizationPicker
                  label={t('programmes.filter.near')}
                  placeholder={t('programmes.filter.nearPlaceholder')}
                  value={filters.nearOrganizationId ? { id: filters.nearOrganizationId, name: nearName ?? t('common.loading') } : null}
                  onChange={(school) => update({ nearOrganizationId: school?.id ?? null, maxKm: school ? (filters.maxKm ?? 10) : null })}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
                <Select
                  label={t('programmes.filter.radius')}
                  placeholder={t('programmes.filter.anyDistance')}
                  disabled={!filters.nearOrganizationId}
                  data={RADIUS_OPTIONS.map((km) => ({ value: String(km), label: t('programmes.filter.withinKm', { km }) }))}
                  value={filters.maxKm === null ? null : String(filters.maxKm)}
                  onChange={(v) => update({ maxKm: v === null ? null : Number(v) })}
                  clearable
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 'content' }}>
                <Checkbox
                  label={t('programmes.filter.freeOnly')}
                  checked={filters.freeOnly}
                  onChange={(e) => update({ freeOnly: e.currentTarget.checked })}
                  mb={8}
                />
              </Grid.Col>
            </>
          )}
        </Grid>
        {hasFilters && (
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" size="compact-sm" onClick={resetFilters}>
              {t('registry.resetFilters')}
            </Button>
          </Group>
        )}
      </FilterPanel>

      <Group justify="space-between" gap="sm">
        <Text fw={600} aria-live="polite" role="status">
          {list.data ? t('programmes.found', { count: total }) : '\u00a0'}
          {list.data && nearName && (
            <Text span c="dimmed" fw={400}>
              {' · '}
              {filters.maxKm ? t('programmes.nearWithin', { km: filters.maxKm, school: nearName }) : t('programmes.nearSorted', { school: nearName })}
            </Text>
          )}
        </Text>
        <SegmentedControl
          aria-label={t('registry.view')}
          value={filters.view}
          onChange={(v) => update({ view: v as CatalogueView, page: filters.page })}
          data={[
            { value: 'list', label: t('programmes.viewList') },
            { value: 'map', label: t('programmes.viewMap') },
          ]}
        />
      </Group>

      {filters.view === 'map' ? mapBlock : listBlock}
    </Stack>
  );
}

/** One programme in the catalogue: what, who runs it and where, for whom, when, and whether there are places. */
export function ProgrammeCard({ programme, showProvider = true }: { programme: ProgrammeSummary; showProvider?: boolean }) {
  const { t } = useTranslation();
  const elsewhere = programme.venue.id !== programme.provider.id;
  return (
    <Paper withBorder radius="md" p="md" component="li">
      {/* Side by side from a small tablet up; on a phone the seats go under the title, which keeps the width to wrap at words. */}
      <Flex direction={{ base: 'column', xs: 'row' }} justify="space-between" align="flex-start" gap={{ base: 6, xs: 'md' }}>
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/programmes/${programme.id}`} fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
            <Highlighted text={programme.title} segments={programme.highlight?.title} />
          </Anchor>
          {showProvider && (
            <Text size="sm">
              <Anchor component={Link} to={`/organizations/${programme.provider.id}`} fw={500}>
                {programme.provider.shortName}
              </Anchor>
              <Text span c="dimmed" size="sm">
                {' · '}
                {elsewhere ? t('programmes.at', { venue: programme.venue.shortName }) : placeName(programme.municipalityName)}
              </Text>
            </Text>
          )}
          <ProgrammeBadges programme={programme} />
          <Text size="sm">
            <Text span fw={500}>
              {audienceText(programme, t)}
            </Text>
            {' · '}
            {scheduleText(programme, t)}
          </Text>
        </Stack>
        <Stack gap={4} style={{ flexShrink: 0 }}>
          <SeatsText programme={programme} />
          {programme.distanceKm !== null && (
            <Text size="sm" c="dimmed">
              {t('programmes.distance', { km: programme.distanceKm.toLocaleString('ru-RU') })}
            </Text>
          )}
        </Stack>
      </Flex>
    </Paper>
  );
}
