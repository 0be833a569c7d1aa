import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { enqueueMail } from '../../platform/mail/outbox';
import { Problem } from '../../platform/problem';
import { hashToken, randomToken } from '../../platform/secret-tokens';
import { invitations, users } from '../accounts/schema';
import { regionTimezone } from '../territory/region-clock';
import { invitationLetter, regionInstantText } from './invitation-letter';
import { type InvitationOptions, invitationExpiry, invitationUrl } from './invite-person';
import { type Invitation, presentInvitation } from './present-invitation';
import { lockManagedInvitation } from './revoke-invitation';
import { resolveRoleTarget } from './role-target';

/**
 * Sends an invitation again with a new link and a new term: the old link stops working (only the new
 * token's hash is kept), and the count of letters sent grows. A revoked invitation is not revived.
 */
export async function resendInvitation(context: CommandContext, id: string, options: Omit<InvitationOptions, 'batchId'>): Promise<Invitation> {
  await context.db.transaction(async (tx) => {
    const { row, placed: held } = await lockManagedInvitation(tx, context, id);
    if (row.revokedAt) {
      throw new Problem(409, 'Приглашение отозвано', 'Отозванное приглашение не отправляют повторно. Пригласите человека заново.', { code: 'invitation_revoked' });
    }
    // lockManagedInvitation refused council seats: the row names a role and its place.
    const placed = await resolveRoleTarget(tx, { ...row, role: held.target.role }, 'grant');
    const token = randomToken();
    const now = new Date();
    const expiresAt = invitationExpiry(now, options.ttlDays);
    await tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt, lastSentAt: now, sendCount: sql`${invitations.sendCount} + 1` })
      .where(eq(invitations.id, id));
    const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email)).limit(1);
    await enqueueMail(tx, [
      {
        to: row.email,
        kind: 'invitation',
        letter: invitationLetter({
          fullName: row.fullName,
          inviterName: context.actor!.fullName,
          placed,
          url: invitationUrl(options.publicUrl, token),
          validUntil: regionInstantText(expiresAt, await regionTimezone(tx)),
          accountExists: !!account,
          resent: true,
        }),
      },
    ]);
    await recordAudit(tx, context, { action: 'invitation.resent', entityType: 'invitation', entityId: id, after: { sendCount: row.sendCount + 1, expiresAt } });
  });
  return presentInvitation(context.db, id);
}
