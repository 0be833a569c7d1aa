import { and, eq, isNull } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notFound, notSignedIn } from '../../platform/problem';
import { invitations, users } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { manageableInvitations, seesStaffOf, worksIn } from './policy';
import { selectInvitations } from './present-invitation';
import { byName, personColumns, presentPeople } from './present-person';

/**
 * An organisation's staff with their roles in it, and the invitations to it not yet accepted or revoked
 * (pending or expired, to resend), for those who see its staff: its head and staff admin, its
 * municipality's authority, the operator.
 */
export async function listStaff(context: CommandContext, organizationId: string) {
  if (!context.actor) throw notSignedIn();
  const [organization] = await context.db
    .select({ id: organizations.id, municipalityId: organizations.municipalityId })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!organization) throw notFound('Организация');
  authorize(context.actor, (actor) => seesStaffOf(actor, organization));
  const rows = await context.db
    .select(personColumns)
    .from(users)
    .where(worksIn(organizationId))
    .orderBy(...byName);
  const [people, open] = await Promise.all([
    presentPeople(context.db, rows),
    selectInvitations(
      context.db,
      and(eq(invitations.organizationId, organizationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), manageableInvitations(context.actor)),
    ),
  ]);
  const members = people.map((person) => ({ ...person, roles: person.memberships.filter((m) => m.organizationId === organizationId).map((m) => m.role) }));
  return { members, invitations: open };
}
