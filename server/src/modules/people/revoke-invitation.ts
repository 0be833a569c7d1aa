import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { Problem, notFound, notSignedIn } from '../../platform/problem';
import { COUNCIL_SEAT, invitations } from '../accounts/schema';
import { grantableBy } from './policy';
import { type Invitation, type InvitationRow, presentInvitation } from './present-invitation';
import { type PlacedRole, resolveRoleTarget } from './role-target';

/**
 * Locks an invitation the caller may manage — one whose role and place the grant tree lets them give —
 * and refuses one already accepted (a council seat's invitation is not the grant tree's: 404): the person holds the role now, and taking it away is a role change.
 */
export async function lockManagedInvitation(tx: Database, context: CommandContext, id: string): Promise<{ row: InvitationRow; placed: PlacedRole }> {
  if (!context.actor) throw notSignedIn();
  const [row] = await tx.select().from(invitations).where(eq(invitations.id, id)).for('update');
  // A council seat's invitation is the council's: its coordinator sends a new link from the council page.
  if (!row || row.role === COUNCIL_SEAT) throw notFound('Приглашение');
  const placed = await resolveRoleTarget(tx, { ...row, role: row.role }, 'revoke');
  authorize(context.actor, (actor) => grantableBy(actor, placed.target));
  if (row.acceptedAt) {
    throw new Problem(409, 'Приглашение уже принято', 'Человек уже принял приглашение и получил роль. Чтобы забрать её, снимите роль на его странице.', { code: 'invitation_used' });
  }
  return { row, placed };
}

/** Makes a pending invitation's link stop working; revoking it again changes nothing. */
export async function revokeInvitation(context: CommandContext, id: string): Promise<Invitation> {
  await context.db.transaction(async (tx) => {
    const { row } = await lockManagedInvitation(tx, context, id);
    if (row.revokedAt) return;
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, id));
    await recordAudit(tx, context, { action: 'invitation.revoked', entityType: 'invitation', entityId: id, after: { email: row.email, role: row.role } });
  });
  return presentInvitation(context.db, id);
}
