import { Anchor, Badge, Grid, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FilterPanel } from '../../shared/components/FilterPanel';
import { Highlighted } from '../../shared/components/Highlighted';
import { Pager } from '../../shared/components/Pager';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useUrlFilters } from '../../shared/hooks/useUrlFilters';
import { PRACTICE_PAGE_SIZE, type PracticeFilters, parsePracticeFilters, practiceFiltersToSearch, usePracticeList } from './api';
import type { FacetValue, PracticeSummary } from './types';
import './strings';

/**
 * The library of practices: Russian search with highlighted snippets, facets with counts (direction, level,
 * audience), results newest or best first. Publishing and the form come with the next slice (API: /api/practices).
 */
export function PracticesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('practices.title'));
  const { filters, update, search, replaceAll } = useUrlFilters(parsePracticeFilters, practiceFiltersToSearch);
  const list = usePracticeList(filters);
  const hasFilters = !!(filters.q || filters.direction || filters.level || filters.audience || filters.municipalityId);
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
      <div>
        <Title order={1}>{t('practices.title')}</Title>
        <Text c="dimmed" mt={4} maw={820}>
          {t('practices.subtitle')}
        </Text>
      </div>
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
        </Grid>
      </FilterPanel>
      <Text fw={600} aria-live="polite" role="status">
        {list.data ? t('practices.found', { count: list.data.total }) : '\u00a0'}
      </Text>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
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
          <Pager page={filters.page} total={list.data.total} pageSize={PRACTICE_PAGE_SIZE} onChange={(page) => update({ page })} />
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
          <Badge variant="outline" color="gray">
            {t('practices.notReviewed')}
          </Badge>
        </Group>
      </Stack>
    </Paper>
  );
}
