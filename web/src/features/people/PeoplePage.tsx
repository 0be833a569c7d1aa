import { useState } from 'react';
import { Anchor, Button, Grid, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import { FilterPanel } from '../../shared/components/FilterPanel';
import { Pager } from '../../shared/components/Pager';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useUrlFilters } from '../../shared/hooks/useUrlFilters';
import { AdminPageTitle } from './AdminSection';
import { BorderedList } from './BorderedList';
import { type PeopleFilters, usePeople } from './api';
import { InviteModal } from './InviteModal';
import { type PlaceFilters, PlaceFilterFields, readPlaceFilters, writePlaceFilters } from './placeFilters';
import { DisabledBadge, RoleBadges, heldRoles, lastSeenText } from './labels';
import { INVITABLE_PLATFORM_ROLES, MEMBERSHIP_ROLES, type Person } from './types';
import './strings';

type Filters = Omit<PeopleFilters, 'page'> & PlaceFilters;

function parseFilters(sp: URLSearchParams): Filters {
  const state = sp.get('state');
  return {
    ...readPlaceFilters(sp),
    q: sp.get('q') ?? '',
    role: sp.get('role') || null,
    state: state === 'active' || state === 'disabled' ? state : null,
  };
}

function filtersToSearch(f: Filters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.role) sp.set('role', f.role);
  if (f.state) sp.set('state', f.state);
  return writePlaceFilters(sp, f);
}

/** /admin/people: everyone the user may see — the operator the whole region, an authority its municipality. */
export function PeoplePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('people.list.title'));
  const { hasRole } = useAuth();
  const operator = hasRole('operator');
  const { filters, update, search, replaceAll } = useUrlFilters(parseFilters, filtersToSearch);
  const { organizationName: _name, ...apiFilters } = filters;
  const people = usePeople(apiFilters);
  const [inviting, setInviting] = useState(false);
  const hasFilters = !!(filters.q || filters.municipalityId || filters.organizationId || filters.role || filters.state);
  // on a phone the four choices fold under one button, as in the registry
  const isMobile = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [filtersOpen, setFiltersOpen] = useState(false);
  const chosen = [filters.municipalityId, filters.organizationId, filters.role, filters.state].filter(Boolean).length;
  const roleOptions = [...INVITABLE_PLATFORM_ROLES, 'guardian', ...MEMBERSHIP_ROLES].map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <AdminPageTitle title={t('people.list.title')} intro={operator ? t('people.list.introOperator') : t('people.list.introAuthority')} />
        <Button onClick={() => setInviting(true)}>{t('people.invite.open')}</Button>
      </Group>

      <FilterPanel titleId="people-filters-title" onSubmit={search.submit}>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: operator ? 4 : 6 }}>
            <TextInput
              label={t('people.list.search')}
              placeholder={t('people.list.searchPlaceholder')}
              type="search"
              value={search.text}
              onChange={(e) => search.setText(e.currentTarget.value)}
            />
          </Grid.Col>
          {isMobile && (
            <Grid.Col span={12}>
              <Button variant="light" fullWidth onClick={() => setFiltersOpen((o) => !o)} aria-expanded={filtersOpen} aria-controls="people-more-filters">
                {t('people.list.moreFilters')}
                {chosen > 0 ? ` (${chosen})` : ''}
              </Button>
            </Grid.Col>
          )}
          {(!isMobile || filtersOpen) && (
            <>
              <PlaceFilterFields filters={filters} update={update} operator={operator} organizationColumnId="people-more-filters" />
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t('people.list.role')}
                  placeholder={t('people.list.anyRole')}
                  data={roleOptions}
                  value={filters.role}
                  onChange={(role) => update({ role })}
                  clearable
                  comboboxProps={{ withinPortal: true }}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t('people.list.state')}
                  placeholder={t('people.list.anyState')}
                  data={[
                    { value: 'active', label: t('people.list.stateActive') },
                    { value: 'disabled', label: t('people.list.stateDisabled') },
                  ]}
                  value={filters.state}
                  onChange={(state) => update({ state: state as Filters['state'] })}
                  clearable
                  comboboxProps={{ withinPortal: true }}
                />
              </Grid.Col>
            </>
          )}
        </Grid>
      </FilterPanel>

      {people.isError ? (
        <ErrorState error={people.error} onRetry={() => people.refetch()} />
      ) : people.isPending ? (
        <ListSkeleton rows={6} height={72} />
      ) : people.data.items.length === 0 ? (
        <EmptyList
          title={hasFilters ? t('people.list.emptyFiltered') : t('people.list.empty')}
          hint={hasFilters ? t('people.list.emptyFilteredHint') : t('people.list.emptyHint')}
          onResetFilters={
            hasFilters
              ? () => {
                  search.clear();
                  replaceAll(new URLSearchParams());
                }
              : undefined
          }
        />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {t('people.list.found', { count: people.data.total })}
          </Text>
          <BorderedList items={people.data.items} keyOf={(p) => p.id} rowTestId="person-row" busy={people.isPlaceholderData}>
            {(person) => <PersonRow person={person} />}
          </BorderedList>
          <Pager page={filters.page} total={people.data.total} pageSize={people.data.pageSize} onChange={(page) => update({ page })} />
        </Stack>
      )}
      {inviting && <InviteModal onClose={() => setInviting(false)} />}
    </Stack>
  );
}

function PersonRow({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="flex-start" gap="sm" p="md">
        <Stack gap={4} style={{ flex: '1 1 360px', minWidth: 0 }}>
          <Group gap="xs">
            <Anchor component={Link} to={`/admin/people/${person.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
              {person.fullName}
            </Anchor>
            <DisabledBadge disabledAt={person.disabledAt} />
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {person.email}
          </Text>
          <RoleBadges roles={heldRoles(person)} none={t('people.person.noRoles')} />
        </Stack>
        <Text size="sm" c="dimmed" style={{ flex: '0 0 auto' }}>
          {lastSeenText(t, person.lastSeenAt)}
        </Text>
    </Group>
  );
}
