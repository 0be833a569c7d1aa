import { Anchor, Badge, Button, Grid, Group, Paper, Select, Skeleton, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Me } from '../../shared/api/types';
import { useAuth } from '../../shared/auth/AuthContext';
import { FilterPanel } from '../../shared/components/FilterPanel';
import { ErrorState } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useUrlSearch } from '../../shared/hooks/useUrlSearch';
import { networkFiltersToSearch, parseNetworkFilters, useNetworkList, type NetworkFilters } from './api';
import { KindBadge, LaunchStage } from './NetworkBadges';
import { NETWORK_KINDS, type NetworkKind, type NetworkListItem } from './types';
import { MunicipalityFilter } from '../../shared/components/MunicipalityFilter';
import './strings';

/** Who is offered «Создать сеть»; the server decides for which managing organisation. */
export function mayFoundNetworks(user: Me | null | undefined): boolean {
  if (!user) return false;
  return user.platformRoles.includes('operator') || user.platformRoles.includes('authority') || user.memberships.some((m) => m.role === 'org_admin');
}

export function NetworksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('networks.title'));
  const { user } = useAuth();
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseNetworkFilters(searchParams);

  const update = (patch: Partial<NetworkFilters>, opts?: { replace?: boolean }) =>
    setSearchParams(networkFiltersToSearch({ ...filters, ...patch }), opts);

  // the search box types freely; the URL follows after a pause
  const search = useUrlSearch(filters.q, (q, replace) => update({ q }, { replace }));

  const list = useNetworkList({
    q: filters.q.trim() || undefined,
    kind: filters.kind ?? undefined,
    municipalityId: filters.municipalityId ?? undefined,
  });
  const hasFilters = !!(filters.q || filters.kind || filters.municipalityId);
  const count = list.data?.length ?? 0;

  const kindOptions = NETWORK_KINDS.map((k) => ({ value: k, label: t(`networkKinds.${k}`) }));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <div style={{ flex: '1 1 420px', minWidth: 0 }}>
          <Title order={1}>{t('networks.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('networks.subtitle')}
          </Text>
        </div>
        {mayFoundNetworks(user) && (
          <Button component={Link} to="/networks/new">
            {t('networks.create')}
          </Button>
        )}
      </Group>

      <FilterPanel
        titleId="networks-filters-title"
        onSubmit={search.submit}
      >
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TextInput
              label={t('registry.search')}
              placeholder={t('networks.searchPlaceholder')}
              type="search"
              value={search.text}
              onChange={(e) => search.setText(e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Select
              label={t('networks.field.kind')}
              placeholder={t('networks.anyKind')}
              data={kindOptions}
              value={filters.kind}
              onChange={(v) => update({ kind: (v as NetworkKind | null) ?? null })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <MunicipalityFilter value={filters.municipalityId} onChange={(municipalityId) => update({ municipalityId })} />
          </Grid.Col>
        </Grid>
        {hasFilters && (
          <Group justify="flex-end" mt="sm">
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                search.clear();
                setSearchParams(new URLSearchParams());
              }}
            >
              {t('registry.resetFilters')}
            </Button>
          </Group>
        )}
      </FilterPanel>

      <Text fw={600} aria-live="polite" role="status">
        {list.data ? t('networks.found', { count }) : '\u00a0'}
      </Text>

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <Stack gap="xs" aria-busy="true">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={52} />
          ))}
        </Stack>
      ) : list.data.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Stack gap="xs" align="center">
            <Text fw={600}>{hasFilters ? t('networks.emptyFiltered') : t('networks.empty')}</Text>
            <Text c="dimmed" size="sm" ta="center">
              {hasFilters ? t('registry.emptyHint') : mayFoundNetworks(user) ? t('networks.emptyHintCreate') : t('networks.emptyHint')}
            </Text>
            {hasFilters && (
              <Button variant="light" onClick={() => setSearchParams(new URLSearchParams())}>
                {t('registry.resetFilters')}
              </Button>
            )}
          </Stack>
        </Paper>
      ) : isMobile ? (
        <NetworkCards items={list.data} />
      ) : (
        <NetworkTable items={list.data} />
      )}
    </Stack>
  );
}

function NetworkName({ n }: { n: NetworkListItem }) {
  return (
    <Anchor component={Link} to={`/networks/${n.id}`} className="orbita-row-link">
      {n.name}
    </Anchor>
  );
}

function MembersOnly({ n }: { n: NetworkListItem }) {
  const { t } = useTranslation();
  if (n.visibility !== 'members') return null;
  return (
    <Badge color="gray" variant="outline" size="xs" tt="none">
      {t('networks.visibility.membersShort')}
    </Badge>
  );
}

function NetworkTable({ items }: { items: NetworkListItem[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="sm" horizontalSpacing="md" bg="white" withTableBorder>
        <VisuallyHidden component="caption">{t('networks.tableCaption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('networks.field.name')}</Table.Th>
            <Table.Th scope="col">{t('networks.field.kind')}</Table.Th>
            <Table.Th scope="col">{t('networks.field.managing')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('networks.field.memberCount')}
            </Table.Th>
            <Table.Th scope="col">{t('networks.field.launch')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td maw={380}>
                <Stack gap={4}>
                  <NetworkName n={n} />
                  <MembersOnly n={n} />
                </Stack>
              </Table.Td>
              <Table.Td maw={240}>
                <KindBadge kind={n.kind} />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/organizations/${n.managingOrganizationId}`} size="sm">
                  {n.managingOrganizationName}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{n.memberCount}</Text>
              </Table.Td>
              <Table.Td>
                <LaunchStage launchedAt={n.launchedAt} launchGate={n.launchGate} done={n.launchStepsDone} total={n.launchStepsTotal} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function NetworkCards({ items }: { items: NetworkListItem[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((n) => (
        <Paper key={n.id} withBorder radius="md" p="md" component="li">
          <Stack gap={8}>
            <NetworkName n={n} />
            <Group gap={6}>
              <KindBadge kind={n.kind} />
              <MembersOnly n={n} />
            </Group>
            <Text size="sm">
              <Text span c="dimmed" size="sm">
                {t('networks.field.managing')}:{' '}
              </Text>
              {n.managingOrganizationName}
            </Text>
            <Group justify="space-between" gap="xs">
              <Text size="sm" c="dimmed">
                {t('networks.membersCount', { count: n.memberCount })}
              </Text>
              <LaunchStage launchedAt={n.launchedAt} launchGate={n.launchGate} done={n.launchStepsDone} total={n.launchStepsTotal} compact />
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
