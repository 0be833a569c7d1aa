import type { Me } from '../api/types';

/** The organisations the user administers (acts and answers for), by id. */
export function administeredOrganizationIds(user: Me | null | undefined): string[] {
  return (user?.memberships ?? []).filter((m) => m.role === 'org_admin').map((m) => m.organizationId);
}

/** The user's own organisation among a network's active members: the first one they administer. */
export function ownActiveMember<M extends { organizationId: string; state: string }>(members: readonly M[], user: Me | null | undefined): M | undefined {
  const ids = administeredOrganizationIds(user);
  return members.find((m) => m.state === 'active' && ids.includes(m.organizationId));
}
