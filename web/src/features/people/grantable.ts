import type { Me, MembershipRole } from '../../shared/api/types';
import { type AnyRole, INVITABLE_PLATFORM_ROLES, MEMBERSHIP_ROLES } from './types';

/** What a staff admin (named by the head) may hand out: anyone below the head and themselves. */
const STAFF_ADMIN_GRANTS: readonly MembershipRole[] = ['deputy_head', 'coordinator', 'teacher', 'programme_teacher'];

/**
 * The roles the user may offer in a form, by the server's rule (people/policy.ts, grantableBy), so that a form
 * never shows a choice the server would refuse. The server still decides.
 *
 * Without `organization` — the «Администрирование» invitation form — every role the user may grant somewhere;
 * with it — an organisation's «Сотрудники» — the roles of that organisation the user may grant.
 */
export function grantableRoles(user: Me | null | undefined, organization?: { id: string; municipalityId: string }): AnyRole[] {
  if (!user) return [];
  const operator = user.platformRoles.includes('operator');
  const authority = user.platformRoles.includes('authority') && !!user.municipalityId;
  if (!organization) {
    if (operator) return [...INVITABLE_PLATFORM_ROLES, ...MEMBERSHIP_ROLES];
    if (authority) return ['authority', ...MEMBERSHIP_ROLES];
    return [];
  }
  if (operator || (authority && user.municipalityId === organization.municipalityId)) return [...MEMBERSHIP_ROLES];
  const own = user.memberships.filter((m) => m.organizationId === organization.id).map((m) => m.role);
  if (own.includes('org_admin')) return [...MEMBERSHIP_ROLES];
  if (own.includes('staff_admin')) return [...STAFF_ADMIN_GRANTS];
  return [];
}

/** May the user see and manage an organisation's staff at all? */
export function managesStaffOf(user: Me | null | undefined, organization: { id: string; municipalityId: string }): boolean {
  return grantableRoles(user, organization).length > 0;
}
