import { Anchor, Button, Grid, Group, Paper, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import { administeredOrganizationIds } from '../../shared/auth/administered';
import { FilterPanel } from '../../shared/components/FilterPanel';
import { Pager } from '../../shared/components/Pager';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { isoString } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useUrlFilters } from '../../shared/hooks/useUrlFilters';
import { EVENTS_PAGE_SIZE, type EventFilters, type EventWhen, eventFiltersToSearch, parseEventFilters, useEventList } from './api';
import { EventBadges, SeatsText, audienceText, eventWhen, placeText } from './labels';
import { EVENT_AUDIENCES, EVENT_FORMATS, EVENT_KINDS, type EventSummary } from './types';
import './strings';

/**
 * /events: the events a person may see — upcoming first, or past ones — with the filters people think in (kind,
 * audience, format, words), and for organisers their own events, drafts included. Each card says when, where, for
 * whom and how many seats are left.
 */
export function EventListPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('events.listTitle'));
  const { user } = useAuth();
  const { filters, update, search, replaceAll } = useUrlFilters(parseEventFilters, eventFiltersToSearch);
  const list = useEventList(filters);
  const canCreate = administeredOrganizationIds(user).length > 0;
  const hasFilters = !!(filters.q || filters.kind || filters.audience || filters.format || filters.mine || filters.state);
  const resetFilters = () => {
    search.clear();
    replaceAll(new URLSearchParams());
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('events.listTitle')}</Title>
          <Text c="dimmed" mt={4} maw={820}>
            {t('events.listSubtitle')}
          </Text>
        </div>
        <Group gap="xs">
          {user && (
            <Button component={Link} to="/events/mine" variant="default">
              {t('events.myRegistrations')}
            </Button>
          )}
          {canCreate && (
            <Button component={Link} to="/events/new">
              {t('events.create')}
            </Button>
          )}
        </Group>
      </Group>

      <FilterPanel titleId="event-filters-title" onSubmit={search.submit}>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TextInput label={t('events.filter.search')} placeholder={t('events.filter.searchPlaceholder')} type="search" value={search.text} onChange={(e) => search.setText(e.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Text component="span" size="sm" fw={500} id="event-when-label" display="block" mb={4}>
              {t('events.filter.when')}
            </Text>
            <SegmentedControl
              aria-labelledby="event-when-label"
              value={filters.when}
              onChange={(when) => update({ when: when as EventWhen })}
              data={(['upcoming', 'past', 'all'] as const).map((w) => ({ value: w, label: t(`events.filter.whens.${w}`) }))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select
              label={t('events.field.kind')}
              placeholder={t('events.filter.any')}
              data={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))}
              value={filters.kind}
              onChange={(v) => update({ kind: v as EventFilters['kind'] })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select
              label={t('events.field.audience')}
              placeholder={t('events.filter.any')}
              data={EVENT_AUDIENCES.map((a) => ({ value: a, label: t(`events.audiences.${a}`) }))}
              value={filters.audience}
              onChange={(v) => update({ audience: v as EventFilters['audience'] })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select
              label={t('events.field.format')}
              placeholder={t('events.filter.any')}
              data={EVENT_FORMATS.map((f) => ({ value: f, label: t(`events.formats.${f}`) }))}
              value={filters.format}
              onChange={(v) => update({ format: v as EventFilters['format'] })}
              clearable
            />
          </Grid.Col>
          {user && (
            <Grid.Col span={{ base: 6, md: 3 }}>
              <Switch label={t('events.filter.mine')} checked={filters.mine} onChange={(e) => update({ mine: e.currentTarget.checked })} mb={8} />
            </Grid.Col>
          )}
        </Grid>
      </FilterPanel>

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <ListSkeleton rows={5} height={110} />
      ) : list.data.items.length === 0 ? (
        <EmptyList title={t('events.empty')} hint={hasFilters ? t('events.emptyFiltered') : t(`events.emptyHint.${filters.when}`)} onResetFilters={hasFilters ? resetFilters : undefined} />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('events.found', { count: list.data.total })}
          </Text>
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {list.data.items.map((event) => (
              <EventCard key={event.id} event={event} />
            ))}
          </Stack>
          <Pager page={filters.page} total={list.data.total} pageSize={EVENTS_PAGE_SIZE} onChange={(page) => update({ page })} />
        </Stack>
      )}
    </Stack>
  );
}

function EventCard({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  return (
    <Paper component="li" withBorder radius="md" p="md">
      <Stack gap={6}>
        <EventBadges event={event} />
        <Anchor component={Link} to={`/events/${event.id}`} fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
          {event.title}
        </Anchor>
        <Text size="sm">
          <time dateTime={isoString(event.startsAt)}>{eventWhen(event)}</time>
          {' · '}
          {placeText(event, t)}
        </Text>
        <Text size="sm" c="dimmed">
          {event.organization.shortName}
          {event.network ? ` · ${event.network.name}` : ''}
          {' · '}
          {audienceText(event, t)}
        </Text>
        <Group gap="sm">
          <SeatsText event={event} />
          {event.state === 'published' && !event.registrationOpen && (
            <Text size="sm" c="dimmed">
              {t('events.registrationClosedShort')}
            </Text>
          )}
          {event.state === 'published' && event.approvalRequired && (
            <Text size="sm" c="dimmed">
              {t('events.approvalShort')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
