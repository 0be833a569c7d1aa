import { Alert, Anchor, Button, Grid, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FilterPanel } from '../../shared/components/FilterPanel';
import { Pager } from '../../shared/components/Pager';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { formatDateTime } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useUrlFilters } from '../../shared/hooks/useUrlFilters';
import { OUTBOX_PAGE_SIZE, OUTBOX_STATES, type OutboxItem, type OutboxState, outboxFiltersToSearch, parseOutboxFilters, useOutbox } from './api';
import { OutboxStateBadge, useKindLabel } from './OutboxStateBadge';
import './strings';

/** /admin/outbox: every letter of the platform for the operator, by state and search; without a mail server, the place to read them. */
export function OutboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('outbox.title'));
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { filters, update, search, replaceAll } = useUrlFilters(parseOutboxFilters, outboxFiltersToSearch);
  const list = useOutbox(filters);
  const counts = list.data?.counts;
  const hasFilters = !!(filters.q || filters.state);
  const reset = () => {
    search.clear();
    replaceAll(new URLSearchParams());
  };
  const countOf = (state: OutboxState | 'all') => (counts ? (state === 'all' ? counts.waiting + counts.sent + counts.failed : counts[state]) : null);
  const stateOptions = (['all', ...OUTBOX_STATES] as const).map((state) => ({
    value: state,
    label: `${state === 'all' ? t('outbox.all') : t(`outbox.state.${state}`)}${countOf(state) === null ? '' : ` · ${countOf(state)}`}`,
  }));

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('outbox.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('outbox.intro')}
        </Text>
      </div>

      {list.data && !list.data.smtpConfigured && (
        <Alert color="yellow" variant="light" data-testid="no-smtp">
          <Stack gap={4}>
            <Text size="sm" fw={700}>
              {t('outbox.noSmtp')}
            </Text>
            <Text size="sm">{t('outbox.noSmtpLinks')}</Text>
            <Text size="sm">{t('outbox.noSmtpHow')}</Text>
          </Stack>
        </Alert>
      )}

      <FilterPanel titleId="outbox-filters-title" onSubmit={search.submit}>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
              <Text component="legend" size="sm" mb={4} style={{ fontWeight: 600 }}>
                {t('outbox.stateFilter')}
              </Text>
              <SegmentedControl
                data={stateOptions}
                value={filters.state ?? 'all'}
                onChange={(value) => update({ state: value === 'all' ? null : (value as OutboxState) })}
                orientation={isMobile ? 'vertical' : 'horizontal'}
                fullWidth
              />
            </fieldset>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <TextInput
              label={t('outbox.search')}
              placeholder={t('outbox.searchPlaceholder')}
              type="search"
              value={search.text}
              onChange={(e) => search.setText(e.currentTarget.value)}
            />
          </Grid.Col>
        </Grid>
        {hasFilters && (
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" size="compact-sm" onClick={reset}>
              {t('registry.resetFilters')}
            </Button>
          </Group>
        )}
      </FilterPanel>

      <Text fw={600} aria-live="polite" role="status">
        {list.data ? t('outbox.found', { count: list.data.total }) : '\u00a0'}
      </Text>

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <ListSkeleton rows={5} height={76} />
      ) : list.data.items.length === 0 ? (
        <EmptyList
          title={hasFilters ? t('outbox.emptyFiltered') : t('outbox.empty')}
          hint={hasFilters ? t('outbox.emptyFilteredHint') : t('outbox.emptyHint')}
          onResetFilters={hasFilters ? reset : undefined}
        />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.data.items.map((item) => (
            <OutboxRow key={item.id} item={item} />
          ))}
        </Stack>
      )}

      {list.data && <Pager page={filters.page} total={list.data.total} pageSize={OUTBOX_PAGE_SIZE} onChange={(page) => update({ page })} />}
    </Stack>
  );
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  return (
    <Paper component="li" withBorder radius="md" p="sm" data-testid="outbox-row">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Anchor component={Link} to={`/admin/outbox/${item.id}`} fw={600} style={{ overflowWrap: 'anywhere', flex: '1 1 240px' }}>
            {item.subject}
          </Anchor>
          <OutboxStateBadge state={item.state} />
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('outbox.to')}: {item.to} · {kindLabel(item.kind)}
        </Text>
        <Text size="sm" c="dimmed">
          {t('outbox.created')} {formatDateTime(item.createdAt)}
          {item.sentAt && ` · ${t('outbox.sentAt')} ${formatDateTime(item.sentAt)}`}
          {item.state === 'waiting' && item.attempts > 0 && ` · ${t('outbox.attempts')}: ${item.attempts} · ${t('outbox.nextAttempt')} ${formatDateTime(item.nextAttemptAt)}`}
          {item.state === 'failed' && ` · ${t('outbox.attempts')}: ${item.attempts}`}
        </Text>
        {item.state !== 'sent' && item.lastError && (
          <Text size="sm" c="red.8" style={{ overflowWrap: 'anywhere' }}>
            {t('outbox.lastError')}: {item.lastError}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
