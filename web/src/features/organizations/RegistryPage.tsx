import { useEffect, useMemo, useState } from 'react';
import { Anchor, Button, Grid, Group, Paper, SegmentedControl, Select, Skeleton, Stack, Switch, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import { useRegion } from '../../shared/api/queries';
import { ORGANIZATION_KINDS, ORGANIZATION_STATUSES, type Organization } from '../../shared/api/types';
import { FilterPanel } from '../../shared/components/FilterPanel';
import { Highlighted, hasMatch } from '../../shared/components/Highlighted';
import { CursorPager } from '../../shared/components/Pager';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { formatDate } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useUrlFilters } from '../../shared/hooks/useUrlFilters';
import {
  PAGE_SIZE,
  apiFilters,
  exportUrl,
  filtersToSearch,
  parseFilters,
  useOrganizationList,
  useOrganizationMap,
  type RegistryFilters,
  type SortKey,
  type ViewMode,
} from './api';
import { MapLegend, OrgMap } from './OrgMap';
import { StateBadge, StatusBadges } from './OrgBadges';
import { MunicipalityFilter } from '../../shared/components/MunicipalityFilter';
import { placeName } from '../../shared/i18n/place-names';
import './strings';

export function RegistryPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('registry.title'));
  const { hasRole } = useAuth();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { filters, update, search, replaceAll } = useUrlFilters(parseFilters, filtersToSearch);

  const region = useRegion();
  const list = useOrganizationList(filters);
  const showMap = filters.view !== 'list';
  const map = useOrganizationMap(apiFilters(filters), showMap);

  // a page past the end (an old link, or fewer results now): by number, the last page that exists; by cursor, the first
  useEffect(() => {
    const d = list.data;
    if (!d || list.isPlaceholderData || d.items.length > 0 || d.total === 0 || filters.page <= 1) return;
    if (filters.cursor) update({ page: 1, cursor: null }, { replace: true });
    else update({ page: Math.max(1, Math.ceil(d.total / PAGE_SIZE)) }, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list.data, list.isPlaceholderData]);

  const canManage = hasRole('operator', 'authority');
  const total = list.data?.total ?? 0;
  const page = list.data?.page ?? filters.page;
  const hasFilters = !!(filters.q || filters.kind || filters.municipalityId || filters.status || filters.archived);
  const activeFilterCount = [filters.kind, filters.municipalityId, filters.status, filters.archived || null].filter(Boolean).length;
  const [filtersOpen, setFiltersOpen] = useState(false);

  const kindOptions = ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }));
  const statusOptions = ORGANIZATION_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }));
  const sortOptions = [
    { value: 'relevance', label: t('registry.sortRelevance') },
    { value: 'name', label: t('registry.sortName') },
    { value: '-name', label: t('registry.sortNameDesc') },
    { value: 'updated', label: t('registry.sortUpdated') },
  ];
  const viewOptions = [
    { value: 'list', label: t('registry.viewList') },
    { value: 'map', label: t('registry.viewMap') },
    ...(isMobile ? [] : [{ value: 'split', label: t('registry.viewSplit') }]),
  ];

  const listBlock = (
    <Stack gap="md">
      {list.isError ? (
        // A cursor that no longer reads (a damaged link) starts the list again; anything else is tried again.
        <ErrorState error={list.error} onRetry={() => (filters.cursor ? update({ page: 1, cursor: null }) : list.refetch())} />
      ) : list.isPending ? (
        <ListSkeleton rows={6} height={44} />
      ) : list.data.items.length === 0 ? (
        <EmptyList
          title={t('registry.empty')}
          hint={t('registry.emptyHint')}
          onResetFilters={hasFilters ? () => replaceAll(filtersToSearch({ ...parseFilters(new URLSearchParams()), view: filters.view })) : undefined}
        />
      ) : isMobile || filters.view === 'split' ? (
        <OrgCards items={list.data.items} compact={filters.view === 'split' && !isMobile} />
      ) : (
        <OrgTable items={list.data.items} caption={t('registry.tableCaption', { page })} />
      )}
      {list.data && (
        <CursorPager
          page={page}
          shown={list.data.items.length}
          total={total}
          estimated={list.data.totalIsEstimate}
          pageSize={PAGE_SIZE}
          previous={list.data.previous}
          next={list.data.next}
          onMove={(cursor, to) => update({ cursor, page: to })}
        />
      )}
    </Stack>
  );

  const mapBlock = region.data ? (
    <Stack gap="xs">
      {map.isError ? (
        <ErrorState error={map.error} onRetry={() => map.refetch()} />
      ) : (
        <OrgMap
          items={map.data ?? []}
          region={region.data}
          height={filters.view === 'split' ? 'calc(100dvh - 220px)' : isMobile ? 420 : 560}
        />
      )}
      {map.data && (
        <Text size="sm" c="dimmed">
          {map.data.length < total
            ? t('registry.onMap', { shown: map.data.length, total })
            : t('registry.mapAll', { count: map.data.length })}
        </Text>
      )}
      {map.data && <MapLegend items={map.data} />}
    </Stack>
  ) : region.isError ? (
    <ErrorState error={region.error} onRetry={() => region.refetch()} />
  ) : (
    <Skeleton height={420} />
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <div>
          <Title order={1}>{t('registry.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('registry.subtitle')}
          </Text>
        </div>
        {canManage && (
          <Group gap="sm">
            <Button component={Link} to="/organizations/new">
              {t('registry.create')}
            </Button>
            <Button component={Link} to="/organizations/import" variant="default">
              {t('registry.import')}
            </Button>
          </Group>
        )}
      </Group>

      <FilterPanel
        titleId="registry-filters-title"
        onSubmit={search.submit}
      >
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <TextInput
              label={t('registry.search')}
              placeholder={t('registry.searchPlaceholder')}
              type="search"
              value={search.text}
              onChange={(e) => search.setText(e.currentTarget.value)}
            />
          </Grid.Col>
          {isMobile && (
            <Grid.Col span={12}>
              <Button
                variant="light"
                fullWidth
                onClick={() => setFiltersOpen((o) => !o)}
                aria-expanded={filtersOpen}
                aria-controls="registry-more-filters"
              >
                {t('registry.moreFilters')}
                {activeFilterCount > 0 ? ` (${activeFilterCount})` : ''}
              </Button>
            </Grid.Col>
          )}
          {(!isMobile || filtersOpen) && (
            <>
              <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 5, md: 2 }}>
                <Select
                  label={t('registry.sort')}
                  data={sortOptions}
                  value={filters.sort}
                  onChange={(v) => v && update({ sort: v as SortKey })}
                  allowDeselect={false}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }} order={{ base: 2, md: 3 }} id="registry-more-filters">
                <Select
                  label={t('registry.kind')}
                  placeholder={t('registry.anyKind')}
                  data={kindOptions}
                  value={filters.kind}
                  onChange={(v) => update({ kind: v })}
                  clearable
                  searchable
                  nothingFoundMessage={t('card.mergeNothing')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }} order={{ base: 3, md: 4 }}>
                <MunicipalityFilter value={filters.municipalityId} onChange={(municipalityId) => update({ municipalityId })} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }} order={{ base: 4, md: 5 }}>
                <Select
                  label={t('registry.status')}
                  placeholder={t('registry.anyStatus')}
                  data={statusOptions}
                  value={filters.status}
                  onChange={(v) => update({ status: v })}
                  clearable
                />
              </Grid.Col>
            </>
          )}
        </Grid>
        <Group justify="space-between" mt="md" gap="sm" display={isMobile && !filtersOpen ? 'none' : undefined}>
          <Switch
            label={t('registry.showArchived')}
            checked={filters.archived}
            onChange={(e) => update({ archived: e.currentTarget.checked })}
          />
          {hasFilters && (
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                search.clear();
                replaceAll(filtersToSearch({ ...parseFilters(new URLSearchParams()), view: filters.view, sort: filters.sort }));
              }}
            >
              {t('registry.resetFilters')}
            </Button>
          )}
        </Group>
      </FilterPanel>

      <Group justify="space-between" gap="sm">
        <Text fw={600} aria-live="polite" role="status">
          {list.data
            ? list.data.totalIsEstimate
              ? t('registry.foundAbout', { count: total, total: total.toLocaleString(i18n.language) })
              : t('registry.found', { count: total })
            : '\u00a0'}
        </Text>
        <Group gap="sm">
          <SegmentedControl
            aria-label={t('registry.view')}
            value={filters.view === 'split' && isMobile ? 'list' : filters.view}
            onChange={(v) => update({ view: v as ViewMode, page: filters.page })}
            data={viewOptions}
          />
          <Group gap={6} role="group" aria-label={t('registry.exportHint')}>
            <Button component="a" href={exportUrl(filters, 'xlsx')} download variant="default" size="sm" title={t('registry.exportHint')}>
              {t('registry.exportXlsx')}
            </Button>
            <Button component="a" href={exportUrl(filters, 'csv')} download variant="default" size="sm" title={t('registry.exportHint')}>
              {t('registry.exportCsv')}
            </Button>
          </Group>
        </Group>
      </Group>

      {filters.view === 'list' && listBlock}
      {filters.view === 'map' && mapBlock}
      {filters.view === 'split' &&
        (isMobile ? (
          <>
            {mapBlock}
            {listBlock}
          </>
        ) : (
          <Grid gap="lg">
            <Grid.Col span={5}>{listBlock}</Grid.Col>
            <Grid.Col span={7}>
              <div style={{ position: 'sticky', top: 80 }}>{mapBlock}</div>
            </Grid.Col>
          </Grid>
        ))}
    </Stack>
  );
}

function OrgName({ org }: { org: Organization }) {
  return (
    <Anchor component={Link} to={`/organizations/${org.id}`} className="orbita-row-link">
      {org.shortName ? <Highlighted text={org.shortName} segments={org.highlight?.shortName} /> : <Highlighted text={org.fullName} segments={org.highlight?.fullName} />}
    </Anchor>
  );
}

/** The address, shown in the list only when the query found a word in it, so a person sees why the row is there. */
function FoundAddress({ org }: { org: Organization }) {
  const { t } = useTranslation();
  if (!hasMatch(org.highlight?.address)) return null;
  return (
    <Text size="xs" c="dimmed">
      {t('org.address')}: <Highlighted text={org.address} segments={org.highlight?.address} />
    </Text>
  );
}

function OrgTable({ items, caption }: { items: Organization[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="sm" horizontalSpacing="md" bg="white" withTableBorder>
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('org.name')}</Table.Th>
            <Table.Th scope="col">{t('org.kind')}</Table.Th>
            <Table.Th scope="col">{t('org.municipality')}</Table.Th>
            <Table.Th scope="col">{t('org.statuses')}</Table.Th>
            <Table.Th scope="col">{t('org.updatedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((org) => (
            <Table.Tr key={org.id}>
              <Table.Td maw={420}>
                <Group gap={8} wrap="nowrap" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <OrgName org={org} />
                    {org.shortName && org.fullName !== org.shortName && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        <Highlighted text={org.fullName} segments={org.highlight?.fullName} />
                      </Text>
                    )}
                    <FoundAddress org={org} />
                  </div>
                  {org.state !== 'verified' && <StateBadge state={org.state} size="xs" />}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`kinds.${org.kind}`)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{placeName(org.municipalityName) || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadges statuses={org.statuses} size="sm" />
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(org.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function OrgCards({ items, compact }: { items: Organization[]; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((org) => (
        <Paper key={org.id} withBorder radius="md" p={compact ? 'sm' : 'md'} component="li">
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <OrgName org={org} />
              {org.state !== 'verified' && <StateBadge state={org.state} size="xs" />}
            </Group>
            {!compact && org.shortName && org.fullName !== org.shortName && (
              <Text size="xs" c="dimmed" lineClamp={2}>
                <Highlighted text={org.fullName} segments={org.highlight?.fullName} />
              </Text>
            )}
            <FoundAddress org={org} />
            <Text size="sm" c="dimmed">
              {t(`kinds.${org.kind}`)}
              {org.municipalityName ? ` · ${placeName(org.municipalityName)}` : ''}
            </Text>
            <StatusBadges statuses={org.statuses} size="xs" />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
