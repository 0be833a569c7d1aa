import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../shared/api/client';
import { queryKeys } from '../../shared/api/queries';
import type { Page } from '../../shared/api/types';
import { INVITABLE_PLATFORM_ROLES, MEMBERSHIP_ROLES, isMembershipRole } from './types';
import type {
  AnyRole,
  GrantScope,
  Invitation,
  InvitationInput,
  InvitationPreview,
  InvitationState,
  ManagedMunicipality,
  MunicipalityInput,
  OrganizationStaff,
  Person,
  RoleGrant,
} from './types';

const enc = encodeURIComponent;

export interface PeopleFilters {
  q: string;
  municipalityId: string | null;
  organizationId: string | null;
  role: string | null;
  state: 'active' | 'disabled' | null;
  page: number;
}

export interface InvitationFilters {
  organizationId?: string | null;
  municipalityId?: string | null;
  state: InvitationState | null;
  page: number;
}

export const peopleKeys = {
  all: ['people'] as const,
  list: (f: PeopleFilters) => ['people', 'list', f] as const,
  one: (id: string) => ['people', 'one', id] as const,
  invitations: ['invitations'] as const,
  invitationList: (f: InvitationFilters) => ['invitations', 'list', f] as const,
  byToken: (token: string) => ['invitations', 'by-token', token] as const,
  staff: (organizationId: string) => ['organization-staff', organizationId] as const,
  grantable: ['people', 'grantable'] as const,
  managedMunicipalities: ['municipalities', 'managed'] as const,
};

export function usePeople(filters: PeopleFilters) {
  return useQuery({
    queryKey: peopleKeys.list(filters),
    queryFn: ({ signal }) =>
      http.get<Page<Person>>(
        '/people',
        {
          q: filters.q.trim() || undefined,
          municipalityId: filters.municipalityId,
          organizationId: filters.organizationId,
          role: filters.role,
          state: filters.state,
          page: filters.page,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: peopleKeys.one(id), queryFn: ({ signal }) => http.get<Person>(`/people/${enc(id)}`, undefined, signal) });
}

/** The branches of the grant tree the caller holds: the server's own rule, asked rather than copied. */
function useGrantScopes() {
  return useQuery({
    queryKey: peopleKeys.grantable,
    queryFn: ({ signal }) => http.get<{ scopes: GrantScope[] }>('/people/grantable', undefined, signal),
    select: (d) => d.scopes,
    staleTime: 60_000,
  });
}

const ORDERED_ROLES: AnyRole[] = [...INVITABLE_PLATFORM_ROLES, ...MEMBERSHIP_ROLES];

/** Whether a branch reaches an organisation. */
function reaches(scope: GrantScope, organization: { id: string; municipalityId: string }): boolean {
  if (scope.place === 'anywhere') return true;
  if (scope.place === 'organizations-of') return scope.municipalityId === organization.municipalityId;
  return scope.place === 'organization' && scope.organizationId === organization.id;
}

/**
 * The roles the user may offer in a form, as the server says (undefined while it is asked). Without `organization` —
 * the «Администрирование» forms — the roles the user grants region-wide; with it — an organisation's «Сотрудники» —
 * the roles the user grants in that organisation.
 */
export function useGrantableRoles(organization?: { id: string; municipalityId: string }): AnyRole[] | undefined {
  const scopes = useGrantScopes();
  if (!scopes.data) return scopes.isError ? [] : undefined;
  const offered = scopes.data.filter((scope) => (organization ? reaches(scope, organization) : scope.place !== 'organization'));
  const granted = new Set(offered.flatMap((scope) => scope.roles));
  return ORDERED_ROLES.filter((role) => granted.has(role) && (!organization || isMembershipRole(role)));
}

/** A change to one person answers with the person: it replaces the cached card, and lists are refreshed. */
function usePersonMutation<Input>(id: string, send: (input: Input) => Promise<Person>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (person) => {
      qc.setQueryData(peopleKeys.one(id), person);
      void qc.invalidateQueries({ queryKey: ['people', 'list'] });
      void qc.invalidateQueries({ queryKey: ['organization-staff'] });
    },
  });
}

export const useDeactivatePerson = (id: string) => usePersonMutation(id, (reason: string) => http.post<Person>(`/people/${enc(id)}/deactivate`, { reason }));
export const useReactivatePerson = (id: string) => usePersonMutation(id, (reason: string) => http.post<Person>(`/people/${enc(id)}/reactivate`, { reason }));
export const useGrantRole = (id: string) => usePersonMutation(id, (input: RoleGrant & { reason: string }) => http.post<Person>(`/people/${enc(id)}/roles`, input));
export const useRevokeRole = (id: string) => usePersonMutation(id, (input: RoleGrant & { reason: string }) => http.post<Person>(`/people/${enc(id)}/roles/revoke`, input));

export function useInvitations(filters: InvitationFilters, enabled = true) {
  return useQuery({
    queryKey: peopleKeys.invitationList(filters),
    queryFn: ({ signal }) =>
      http.get<Page<Invitation>>(
        '/invitations',
        { organizationId: filters.organizationId, municipalityId: filters.municipalityId, state: filters.state, page: filters.page },
        signal,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Any change to invitations shows in the lists and in an organisation's staff. */
function useInvitationMutation<Input, Output>(send: (input: Input) => Promise<Output>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: peopleKeys.invitations });
      void qc.invalidateQueries({ queryKey: ['organization-staff'] });
    },
  });
}

export const useInvite = () => useInvitationMutation((input: InvitationInput) => http.post<Invitation>('/invitations', input));
export const useResendInvitation = () => useInvitationMutation((id: string) => http.post<Invitation>(`/invitations/${enc(id)}/resend`));
export const useRevokeInvitation = () => useInvitationMutation((id: string) => http.post<Invitation>(`/invitations/${enc(id)}/revoke`));

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: peopleKeys.byToken(token),
    queryFn: ({ signal }) => http.get<InvitationPreview>(`/invitations/by-token/${enc(token)}`, undefined, signal),
    retry: false,
    staleTime: Infinity,
  });
}

export function useOrganizationStaff(organizationId: string) {
  return useQuery({
    queryKey: peopleKeys.staff(organizationId),
    queryFn: ({ signal }) => http.get<OrganizationStaff>(`/organizations/${enc(organizationId)}/staff`, undefined, signal),
  });
}

/** Every municipality, archived ones included, for the operator's «Муниципалитеты». */
export function useManagedMunicipalities() {
  return useQuery({
    queryKey: peopleKeys.managedMunicipalities,
    queryFn: ({ signal }) => http.get<{ items: ManagedMunicipality[] }>('/municipalities', { includeArchived: true }, signal),
    select: (d) => d.items,
  });
}

/** A municipality changed: the pickers everywhere (which leave archived ones out) follow. */
function useMunicipalityMutation<Input>(send: (input: Input) => Promise<ManagedMunicipality>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.municipalities });
    },
  });
}

export const useCreateMunicipality = () => useMunicipalityMutation((input: MunicipalityInput) => http.post<ManagedMunicipality>('/municipalities', input));
export const useRenameMunicipality = (id: string) => useMunicipalityMutation((input: Partial<MunicipalityInput>) => http.patch<ManagedMunicipality>(`/municipalities/${enc(id)}`, input));
export const useArchiveMunicipality = (id: string) => useMunicipalityMutation(() => http.post<ManagedMunicipality>(`/municipalities/${enc(id)}/archive`));
export const useRestoreMunicipality = (id: string) => useMunicipalityMutation(() => http.post<ManagedMunicipality>(`/municipalities/${enc(id)}/restore`));
