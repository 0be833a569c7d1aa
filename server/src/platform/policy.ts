import type { MembershipRole, PlatformRole } from '../modules/accounts/schema';
import type { Actor } from './context';
import { forbidden, notSignedIn } from './problem';

/** Throws 401 for anonymous callers and 403 when the rule says no; the only way commands check rights. */
export function authorize(actor: Actor | null, allowed: (actor: Actor) => boolean): asserts actor is Actor {
  if (!actor) throw notSignedIn();
  if (!allowed(actor)) throw forbidden();
}

export const hasPlatformRole = (actor: Actor, role: PlatformRole) => actor.platformRoles.includes(role);

export const isOperator = (actor: Actor) => hasPlatformRole(actor, 'operator');

export const isAuthorityOf = (actor: Actor, municipalityId: string | null | undefined) =>
  hasPlatformRole(actor, 'authority') && !!municipalityId && actor.municipalityId === municipalityId;

export const hasMembership = (actor: Actor, organizationId: string, roles: readonly MembershipRole[] = ['org_admin']) =>
  actor.memberships.some((m) => m.organizationId === organizationId && roles.includes(m.role));

/** Anyone who works in the organisation, whatever their role there. */
export const isStaffOf = (actor: Actor, organizationId: string) => actor.memberships.some((m) => m.organizationId === organizationId);
