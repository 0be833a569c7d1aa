import { type SQL, and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import { hasPlatformRole, isOperator } from '../../platform/policy';
import { type MembershipRole, invitations, membershipRoles, memberships, userRoles, users } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { type Role, type RoleTarget, membershipRank, roles } from './roles';

/**
 * One branch of the grant tree: the roles an actor may give, and the place they may give them in.
 * `authority-of` is the authority staff of a municipality; `organizations-of` every organisation in it.
 */
export type GrantScope =
  | { place: 'anywhere'; roles: readonly Role[] }
  | { place: 'authority-of'; municipalityId: string; roles: readonly Role[] }
  | { place: 'organizations-of'; municipalityId: string; roles: readonly Role[] }
  | { place: 'organization'; organizationId: string; roles: readonly Role[] };

/** Parents register themselves: nobody grants the guardian role. */
const grantableRoles = roles.filter((role) => role !== 'guardian');

/** The highest role a staff role may grant in its own organisation: the head any (its own included), the staff admin those below itself. */
const highestGrantableBy: Partial<Record<MembershipRole, MembershipRole>> = { org_admin: 'org_admin', staff_admin: 'deputy_head' };

/**
 * The grant tree, the one rule behind invitations, role grants and revocations, and what lists show:
 * the operator grants anything anywhere; an authority grants the authority of its municipality and any
 * role in the municipality's organisations; an organisation's head any role of it; its staff admin the
 * roles below staff admin. Nobody else grants anything.
 */
export function grantScopes(actor: Actor): GrantScope[] {
  if (isOperator(actor)) return [{ place: 'anywhere', roles: grantableRoles }];
  const scopes: GrantScope[] = [];
  if (hasPlatformRole(actor, 'authority') && actor.municipalityId) {
    scopes.push(
      { place: 'authority-of', municipalityId: actor.municipalityId, roles: ['authority'] },
      { place: 'organizations-of', municipalityId: actor.municipalityId, roles: membershipRoles },
    );
  }
  for (const membership of actor.memberships) {
    const highest = highestGrantableBy[membership.role];
    if (highest) scopes.push({ place: 'organization', organizationId: membership.organizationId, roles: membershipRoles.slice(membershipRank(highest)) });
  }
  return scopes;
}

type Place = Pick<RoleTarget, 'organizationId' | 'municipalityId'>;

function covers(scope: GrantScope, place: Place): boolean {
  switch (scope.place) {
    case 'anywhere':
      return true;
    case 'authority-of':
      return place.organizationId === null && place.municipalityId === scope.municipalityId;
    case 'organizations-of':
      return place.organizationId !== null && place.municipalityId === scope.municipalityId;
    case 'organization':
      return place.organizationId === scope.organizationId;
  }
}

/** Whether the actor may give (or take away, or invite to) this role in this place. */
export const grantableBy = (actor: Actor, target: RoleTarget) => grantScopes(actor).some((scope) => covers(scope, target) && scope.roles.includes(target.role));

/** Whether the actor sees an organisation's staff: wherever one grants roles, one sees who holds them. */
export const seesStaffOf = (actor: Actor, organization: { id: string; municipalityId: string }) =>
  grantScopes(actor).some((scope) => covers(scope, { organizationId: organization.id, municipalityId: organization.municipalityId }));

/** The ids of a municipality's organisations, as a subquery. */
export const organizationsOf = (municipalityId: string) => sql`(select ${organizations.id} from ${organizations} where ${organizations.municipalityId} = ${municipalityId})`;

function invitationPlace(scope: GrantScope): SQL | undefined {
  switch (scope.place) {
    case 'anywhere':
      return undefined;
    case 'authority-of':
      return and(isNull(invitations.organizationId), eq(invitations.municipalityId, scope.municipalityId));
    case 'organizations-of':
      return sql`${invitations.organizationId} in ${organizationsOf(scope.municipalityId)}`;
    case 'organization':
      return eq(invitations.organizationId, scope.organizationId);
  }
}

/** `grantableBy` as a condition on invitations: those the actor may list, resend and revoke. */
export function manageableInvitations(actor: Actor): SQL {
  const conditions = grantScopes(actor).map((scope) => and(invitationPlace(scope), inArray(invitations.role, [...scope.roles]))!);
  return conditions.length ? or(...conditions)! : sql`false`;
}

/** A condition on users: works in the organisation, in whatever role. */
export const worksIn = (organizationId: string): SQL =>
  sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.organizationId} = ${organizationId})`;

/** A condition on users: works in some organisation of the municipality. */
export const worksInMunicipality = (municipalityId: string): SQL =>
  sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.organizationId} in ${organizationsOf(municipalityId)})`;

/** `seesStaffOf` as a condition on users: the people the actor sees in lists and cards (the operator: everyone). */
export function visiblePeople(actor: Actor): SQL {
  const conditions = grantScopes(actor).map((scope): SQL => {
    switch (scope.place) {
      case 'anywhere':
        return sql`true`;
      case 'authority-of':
        return and(
          eq(users.municipalityId, scope.municipalityId),
          sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'authority')`,
        )!;
      case 'organizations-of':
        return worksInMunicipality(scope.municipalityId);
      case 'organization':
        return worksIn(scope.organizationId);
    }
  });
  return conditions.length ? or(...conditions)! : sql`false`;
}

export const peoplePolicy = {
  /** Lists people and invitations: anyone with a branch of the grant tree. */
  manage: (actor: Actor) => grantScopes(actor).length > 0,
  grant: grantableBy,
  seeStaff: seesStaffOf,
  /** Switching an account off or on again is the operator's. */
  deactivate: isOperator,
  reactivate: isOperator,
};
