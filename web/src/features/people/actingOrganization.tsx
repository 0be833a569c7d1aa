import { useLocalStorage } from '@mantine/hooks';
import type { Me, MembershipRole } from '../../shared/api/types';
import { useAuth } from '../../shared/auth/AuthContext';
import type { NamedRef } from './types';

const STORAGE_KEY = 'orbita.actingOrganization';

/** The organisations where the user holds one of `roles`, each once, in the order of their memberships. */
export function organizationsWithRole(user: Me | null | undefined, roles: readonly MembershipRole[]): NamedRef[] {
  const seen = new Map<string, NamedRef>();
  for (const m of user?.memberships ?? []) {
    if (roles.includes(m.role) && !seen.has(m.organizationId)) seen.set(m.organizationId, { id: m.organizationId, name: m.organizationName });
  }
  return [...seen.values()];
}

/**
 * The organisation a person with several places (a head of two schools, a teacher in two) acts for: the one they
 * last chose, remembered in this browser, among those where they hold one of `roles`; the first one otherwise.
 * Forms that act for one organisation start from it; the user menu switches it.
 */
export function useActingOrganization(roles: readonly MembershipRole[] = ['org_admin']) {
  const { user } = useAuth();
  const [chosen, setChosen] = useLocalStorage<string | null>({ key: STORAGE_KEY, defaultValue: null, getInitialValueInEffect: false });
  const organizations = organizationsWithRole(user, roles);
  const acting = organizations.find((o) => o.id === chosen) ?? organizations[0] ?? null;
  return { organizations, acting, setActing: (id: string) => setChosen(id) };
}
