import { Anchor, Badge, Button, Grid, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FilterPanel } from '../../shared/components/FilterPanel';
import { Highlighted } from '../../shared/components/Highlighted';
import { CursorPager } from '../../shared/components/Pager';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { useAuth } from '../../shared/auth/AuthContext';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useUrlFilters } from '../../shared/hooks/useUrlFilters';
import { PRACTICE_PAGE_SIZE, type PracticeFilters, parsePracticeFilters, practiceFiltersToSearch, usePracticeList } from './api';
import { LibraryExport } from './PracticeExport';
import { ReviewBadge } from './ReviewBadge';
import { ADOPTION_BUCKETS, type FacetValue, PRACTICE_SORTS, type PracticeSummary, REVIEW_STATUSES } from './types';
import './strings';

/**
 * The library of practices: Russian search with highlighted snippets, facets with counts (direction, level, audience,
 * municipality, network, review, adoptions), four orders, pages by cursor as in the registry (API: /api/practices); «Новая практика» for those who work in a school, the
 * result as one PDF.
 */
export function PracticesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('practices.title'));
  const { filters, update, search, replaceAll } = useUrlFilters(parsePracticeFilters, practiceFiltersToSearch);
  const list = usePracticeList(filters);
  const { user } = useAuth();
  const mayStart = !!user && (user.memberships.length > 0 || user.platformRoles.includes('operator'));
  const hasFilters = !!(filters.q || filters.direction || filters.level || filters.audience || filters.municipalityId || filters.networkId || filters.review || filters.adoptions);
  const sortOptions = PRACTICE_SORTS.map((sort) => ({ value: sort, label: t(`practices.sorts.${sort}`) }));
  const reset = () => {
    search.clear();
    replaceAll(new URLSearchParams());
  };
  const facetOptions = (values: FacetValue[] | undefined, label: (value: string) => string, chosen: string | null) => {
    const options = (values ?? []).map((f) => ({ value: f.value, label: `${f.label ?? label(f.value)} (${f.count})` }));
    if (chosen && !options.some((o) => o.value === chosen)) options.push({ value: chosen, label: label(chosen) });
    return options;
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={1}>{t('practices.title')}</Title>
          <Text c="dimmed" mt={4} maw={820}>
            {t('practices.subtitle')}
          </Text>
        </div>
        {mayStart && (
          <Button component={Link} to="/practices/new">
            {t('practices.form.newTitle')}
          </Button>
        )}
      </Group>
      <FilterPanel titleId="practice-filters-title" onSubmit={search.submit}>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TextInput label={t('registry.search')} placeholder={t('practices.searchPlaceholder')} type="search" value={search.text} onChange={(e) => search.setText(e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 6 }}>
            <Select
              label={t('practices.direction')}
              placeholder={t('practices.anyDirection')}
              data={facetOptions(list.data?.facets.direction, (v) => v, filters.direction)}
              value={filters.direction}
              onChange={(v) => update({ direction: v })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select
              label={t('practices.level')}
              placeholder={t('practices.anyLevel')}
              data={facetOptions(list.data?.facets.level, (v) => t(`practices.levels.${v}`), filters.level)}
              value={filters.level}
              onChange={(v) => update({ level: v as PracticeFilters['level'] })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 6 }}>
            <Select
              label={t('practices.municipality')}
              placeholder={t('practices.anyMunicipality')}
              data={facetOptions(list.data?.facets.municipality, () => t('practices.chosenMunicipality'), filters.municipalityId)}
              value={filters.municipalityId}
              onChange={(v) => update({ municipalityId: v })}
              clearable
              searchable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select
              label={t('practices.audience')}
              placeholder={t('practices.anyAudience')}
              data={facetOptions(list.data?.facets.audience, (v) => t(`practices.audiences.${v}`), filters.audience)}
              value={filters.audience}
              onChange={(v) => update({ audience: v as PracticeFilters['audience'] })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 6 }}>
            <Select
              label={t('practices.network')}
              placeholder={t('practices.anyNetwork')}
              data={facetOptions(list.data?.facets.network, () => t('practices.chosenNetwork'), filters.networkId)}
              value={filters.networkId}
              onChange={(v) => update({ networkId: v })}
              clearable
              searchable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select
              label={t('practices.review')}
              placeholder={t('practices.anyReview')}
              data={facetOptions(list.data?.facets.review, (v) => t(`practices.reviews.${v}`), filters.review)}
              value={filters.review}
              onChange={(v) => update({ review: REVIEW_STATUSES.find((s) => s === v) ?? null })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select
              label={t('practices.adoptions')}
              placeholder={t('practices.anyAdoptions')}
              data={facetOptions(list.data?.facets.adoptions, (v) => t(`practices.adoptionBuckets.${v}`), filters.adoptions)}
              value={filters.adoptions}
              onChange={(v) => update({ adoptions: ADOPTION_BUCKETS.find((b) => b === v) ?? null })}
              clearable
            />
          </Grid.Col>
        </Grid>
      </FilterPanel>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text fw={600} aria-live="polite" role="status">
          {list.data ? t('practices.found', { count: list.data.total }) : '\u00a0'}
        </Text>
        <Group gap="xs" align="flex-end">
          <LibraryExport filters={filters} total={list.data?.total ?? 0} />
          <Select
            label={t('practices.sort')}
            data={sortOptions}
            value={filters.sort}
            onChange={(v) => update({ sort: PRACTICE_SORTS.find((s) => s === v) ?? 'relevance' })}
            allowDeselect={false}
            w={240}
          />
        </Group>
      </Group>
      {list.isError ? (
        // A cursor that no longer reads (a damaged link) starts the list again; anything else is tried again.
        <ErrorState error={list.error} onRetry={() => (filters.cursor ? update({ page: 1, cursor: null }) : list.refetch())} />
      ) : list.isPending ? (
        <ListSkeleton rows={4} height={120} />
      ) : list.data.items.length === 0 ? (
        <EmptyList title={t('practices.empty')} hint={hasFilters ? t('practices.emptyFiltered') : t('practices.emptyHint')} onResetFilters={hasFilters ? reset : undefined} />
      ) : (
        <Stack gap="md">
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {list.data.items.map((practice) => (
              <PracticeCard key={practice.id} practice={practice} />
            ))}
          </Stack>
          <CursorPager
            page={list.data.page}
            shown={list.data.items.length}
            total={list.data.total}
            pageSize={PRACTICE_PAGE_SIZE}
            previous={list.data.previous}
            next={list.data.next}
            onMove={(cursor, page) => update({ cursor, page })}
          />
        </Stack>
      )}
    </Stack>
  );
}

function PracticeCard({ practice }: { practice: PracticeSummary }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="li">
      <Stack gap={6}>
        <Anchor component={Link} to={`/practices/${practice.id}`} fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
          <Highlighted text={practice.title} segments={practice.highlight?.title} />
        </Anchor>
        <Text size="sm" c="dimmed">
          {practice.organizations.map((o) => o.shortName).join(', ')} · {practice.direction}
        </Text>
        <Text size="sm">
          <Highlighted text={practice.description} segments={practice.highlight?.description} />
        </Text>
        <Group gap={6}>
          {practice.levels.map((level) => (
            <Badge key={level} variant="light" color="blue">
              {t(`practices.levels.${level}`)}
            </Badge>
          ))}
          <ReviewBadge practice={practice} />
          {practice.adoptionCount > 0 && (
            <Badge variant="light" color="teal">
              {t('practices.adoptedBy', { count: practice.adoptionCount })}
            </Badge>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
