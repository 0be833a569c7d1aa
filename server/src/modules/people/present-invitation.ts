import { type SQL, and, desc, eq, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../platform/db/client';
import { invitations, users } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';

export type InvitationRow = typeof invitations.$inferSelect;
export const invitationStates = ['pending', 'expired', 'accepted', 'revoked'] as const;
export type InvitationState = (typeof invitationStates)[number];

const DAY_MS = 24 * 3600 * 1000;

export function invitationState(row: Pick<InvitationRow, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now = new Date()): InvitationState {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

/** `invitationState` as a condition, for filtering in SQL. */
export function invitationStateCondition(state: InvitationState, now = new Date()): SQL {
  const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));
  switch (state) {
    case 'accepted':
      return isNotNull(invitations.acceptedAt);
    case 'revoked':
      return and(isNull(invitations.acceptedAt), isNotNull(invitations.revokedAt))!;
    case 'expired':
      return and(open, lte(invitations.expiresAt, now))!;
    case 'pending':
      return and(open, gt(invitations.expiresAt, now))!;
  }
}

const inviters = alias(users, 'inviter');

/**
 * Invitations as lists show them, newest first, with the names of their place and of who invited. An
 * organisation's role is shown with the organisation's municipality.
 */
export async function selectInvitations(db: Database, where: SQL | undefined, page?: { limit: number; offset: number }) {
  const query = db
    .select({
      invitation: invitations,
      organizationName: organizations.shortName,
      municipalityId: municipalities.id,
      municipalityName: municipalities.name,
      inviterName: inviters.fullName,
    })
    .from(invitations)
    .leftJoin(organizations, eq(organizations.id, invitations.organizationId))
    .leftJoin(municipalities, eq(municipalities.id, sql`coalesce(${invitations.municipalityId}, ${organizations.municipalityId})`))
    .leftJoin(inviters, eq(inviters.id, invitations.invitedBy))
    .where(where)
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .$dynamic();
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  const now = new Date();
  return rows.map(({ invitation: row, ...names }) => ({
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    role: row.role,
    organization: row.organizationId ? { id: row.organizationId, name: names.organizationName ?? '' } : null,
    municipality: names.municipalityId ? { id: names.municipalityId, name: names.municipalityName ?? '' } : null,
    state: invitationState(row, now),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastSentAt: row.lastSentAt,
    sendCount: row.sendCount,
    invitedBy: { id: row.invitedBy, fullName: names.inviterName ?? '' },
    acceptedAt: row.acceptedAt,
    ageDays: Math.floor((now.getTime() - row.createdAt.getTime()) / DAY_MS),
  }));
}

export type Invitation = Awaited<ReturnType<typeof selectInvitations>>[number];

export async function presentInvitation(db: Database, id: string): Promise<Invitation> {
  const [view] = await selectInvitations(db, eq(invitations.id, id));
  return view;
}
