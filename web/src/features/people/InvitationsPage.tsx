import { useState } from 'react';
import { Button, Grid, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../shared/auth/AuthContext';
import { FilterPanel } from '../../shared/components/FilterPanel';
import { Pager } from '../../shared/components/Pager';
import { EmptyList, ErrorState, ListSkeleton } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useUrlFilters } from '../../shared/hooks/useUrlFilters';
import { AdminPageTitle } from './AdminSection';
import { useInvitations } from './api';
import { InvitationList } from './InvitationList';
import { InviteModal } from './InviteModal';
import { type PlaceFilters, PlaceFilterFields, readPlaceFilters, writePlaceFilters } from './placeFilters';
import { INVITATION_STATES, type InvitationState } from './types';
import './strings';

interface Filters extends PlaceFilters {
  /** unused: invitations have no text search, but the URL filters keep one */
  q: string;
  state: InvitationState | null;
}

function parseFilters(sp: URLSearchParams): Filters {
  const state = sp.get('state');
  // pending first: that is what someone opens the page for; «all» is asked for explicitly
  return { ...readPlaceFilters(sp), q: '', state: state === 'all' ? null : (INVITATION_STATES.find((s) => s === state) ?? 'pending') };
}

function filtersToSearch(f: Filters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.state !== 'pending') sp.set('state', f.state ?? 'all');
  return writePlaceFilters(sp, f);
}

/** /admin/invitations: the invitations the user may manage, waiting ones first; invite from here. */
export function InvitationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('people.invitations.title'));
  const { hasRole } = useAuth();
  const operator = hasRole('operator');
  const { filters, update, replaceAll } = useUrlFilters(parseFilters, filtersToSearch);
  const invitations = useInvitations(filters);
  const [inviting, setInviting] = useState(false);
  const narrowed = !!(filters.municipalityId || filters.organizationId);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <AdminPageTitle title={t('people.invitations.title')} intro={t('people.invitations.intro')} />
        <Button onClick={() => setInviting(true)}>{t('people.invite.open')}</Button>
      </Group>

      <FilterPanel titleId="invitation-filters-title" onSubmit={() => undefined}>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <Select
              label={t('people.invitations.stateFilter')}
              data={[...INVITATION_STATES.map((s) => ({ value: s, label: t(`people.invitations.states.${s}`) })), { value: 'all', label: t('people.invitations.states.all') }]}
              value={filters.state ?? 'all'}
              onChange={(state) => update({ state: state === 'all' ? null : (state as InvitationState) })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          </Grid.Col>
          <PlaceFilterFields filters={filters} update={update} operator={operator} />
        </Grid>
      </FilterPanel>

      {invitations.isError ? (
        <ErrorState error={invitations.error} onRetry={() => invitations.refetch()} />
      ) : invitations.isPending ? (
        <ListSkeleton rows={5} height={96} />
      ) : invitations.data.items.length === 0 ? (
        <EmptyList
          title={t(`people.invitations.empty.${filters.state ?? 'all'}`)}
          hint={t('people.invitations.emptyHint')}
          onResetFilters={narrowed || filters.state !== 'pending' ? () => replaceAll(new URLSearchParams()) : undefined}
        />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {t('people.invitations.found', { count: invitations.data.total })}
          </Text>
          <InvitationList invitations={invitations.data.items} busy={invitations.isPlaceholderData} />
          <Pager page={filters.page} total={invitations.data.total} pageSize={invitations.data.pageSize} onChange={(page) => update({ page })} />
        </Stack>
      )}
      {inviting && <InviteModal onClose={() => setInviting(false)} />}
    </Stack>
  );
}
