import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { invitations, users } from '../accounts/schema';
import { findInvitationByToken } from './invitation-token';
import { selectInvitations } from './present-invitation';
import { describeSeat } from './seat-invitations';

/**
 * What the invitation page shows before the person acts: who is invited where, whether the link still
 * works, and whether the address already has an account (then they sign in instead of choosing a password).
 * Public: holding the link is the only credential, and an unknown link is the same 404 as a malformed one.
 */
export async function getInvitationByToken(context: CommandContext, token: string) {
  const row = await findInvitationByToken(context.db, token, { lock: false });
  const [[view], [account], seat] = await Promise.all([
    selectInvitations(context.db, eq(invitations.id, row.id)),
    context.db.select({ id: users.id }).from(users).where(eq(users.email, row.email)).limit(1),
    describeSeat(context.db, row.councilMemberId),
  ]);
  return {
    state: view.state === 'accepted' ? ('used' as const) : view.state,
    fullName: view.fullName,
    email: view.email,
    role: view.role,
    organizationId: view.organization?.id ?? null,
    organizationName: view.organization?.name ?? null,
    // an organisation's role carries the organisation's municipality
    municipalityId: view.municipality?.id ?? null,
    municipalityName: view.municipality?.name ?? null,
    expiresAt: view.expiresAt,
    /** For role `council_seat`: the council the seat is on and what it stands for. */
    councilSeat: seat ? { networkId: seat.networkId, networkName: seat.networkName, kind: seat.kind } : null,
    accountExists: !!account,
  };
}
