import { type SQL, and, eq, isNull, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { invitations } from '../accounts/schema';
import { manageableInvitations, organizationsOf, peoplePolicy } from './policy';
import { type InvitationState, invitationStateCondition, selectInvitations } from './present-invitation';

export interface InvitationFilter {
  organizationId?: string | null;
  municipalityId?: string | null;
  state?: InvitationState;
  page?: number;
  pageSize?: number;
}

/** A municipality's invitations: to its authority staff and to its organisations. */
const inMunicipality = (municipalityId: string): SQL =>
  or(and(isNull(invitations.organizationId), eq(invitations.municipalityId, municipalityId)), sql`${invitations.organizationId} in ${organizationsOf(municipalityId)}`)!;

/** The invitations the caller may manage (the grant tree decides), newest first. */
export async function listInvitations(context: CommandContext, filter: InvitationFilter) {
  authorize(context.actor, peoplePolicy.manage);
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 20;
  const where = and(
    manageableInvitations(context.actor),
    filter.organizationId ? eq(invitations.organizationId, filter.organizationId) : undefined,
    filter.municipalityId ? inMunicipality(filter.municipalityId) : undefined,
    filter.state ? invitationStateCondition(filter.state) : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    selectInvitations(context.db, where, { limit: pageSize, offset: (page - 1) * pageSize }),
    context.db.select({ total: sql<number>`count(*)::int` }).from(invitations).where(where),
  ]);
  return { items, total: Number(total), page, pageSize };
}
