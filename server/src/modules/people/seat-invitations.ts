import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation } from '../../platform/db/errors';
import { enqueueMail } from '../../platform/mail/outbox';
import { Problem, notSignedIn } from '../../platform/problem';
import { hashToken, randomToken } from '../../platform/secret-tokens';
import { COUNCIL_SEAT, invitations, users } from '../accounts/schema';
import { councilMembers } from '../councils/schema';
import { networks } from '../networks/schema';
import { regionTimezone } from '../territory/region-clock';
import { regionInstantText, seatInvitationLetter } from './invitation-letter';
import { type InvitationOptions, invitationExpiry, invitationUrl, normalizeEmail } from './invite-person';
import type { InvitationRow } from './present-invitation';

/**
 * Invitations to a council seat for a person outside the member organisations (a parent, a pupil, an
 * enterprise's or the public's representative): the same invitations as any other — one table, a hashed
 * single-use link, a letter in the outbox, the same page to accept — with role `council_seat` and the seat's id
 * instead of a role and a place. Accepting gives an account with no role at all (not staff of anything) and
 * links it to the seat. The councils area decides who may invite (its coordinator) and calls this in its
 * transaction; the people area's lists, resend and revoke never touch these rows (the grant tree does not
 * reach them): the council page sends a new link instead, which revokes the old one.
 */
export interface SeatInvitationDraft {
  email: string;
  fullName: string;
  councilMemberId: string;
  /** «член координационного совета сети «…» — представитель родителей», for the letter. */
  seatDescription: string;
}

/** Revokes the seat's live invitations (a new link replaces them), with an audit entry each. */
export async function revokeSeatInvitations(tx: Database, context: CommandContext, councilMemberId: string) {
  const revoked = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.councilMemberId, councilMemberId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id, email: invitations.email });
  for (const row of revoked) {
    await recordAudit(tx, context, { action: 'invitation.revoked', entityType: 'invitation', entityId: row.id, after: { email: row.email, role: COUNCIL_SEAT, councilMemberId } });
  }
}

/** Issues a seat invitation in the caller's transaction; a live one for the same seat is revoked first. */
export async function issueSeatInvitation(tx: Database, context: CommandContext, draft: SeatInvitationDraft, options: Omit<InvitationOptions, 'batchId'>): Promise<InvitationRow> {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  await revokeSeatInvitations(tx, context, draft.councilMemberId);
  const email = normalizeEmail(draft.email);
  const now = new Date();
  const token = randomToken();
  const row: InvitationRow = {
    id: randomUUID(),
    email,
    fullName: draft.fullName.trim(),
    role: COUNCIL_SEAT,
    organizationId: null,
    municipalityId: null,
    councilMemberId: draft.councilMemberId,
    tokenHash: hashToken(token),
    invitedBy: actor.userId,
    importId: null,
    createdAt: now,
    expiresAt: invitationExpiry(now, options.ttlDays),
    lastSentAt: now,
    sendCount: 1,
    acceptedAt: null,
    acceptedUserId: null,
    revokedAt: null,
  };
  try {
    // A savepoint: a clash on the unique index must not spoil the caller's transaction before we explain it.
    await tx.transaction(async (inner) => {
      await inner.insert(invitations).values(row);
    });
  } catch (error) {
    if (uniqueViolation(error) !== 'invitations_pending_unique') throw error;
    throw new Problem(409, 'Приглашение уже отправлено', `${email} уже приглашён(а) в совет другой сети и ещё не принял(а) приглашение. Когда он(а) примет его, пригласите снова.`, {
      code: 'invitation_exists',
      errors: [{ field: 'email', message: 'По этому адресу уже есть непринятое приглашение в совет' }],
    });
  }
  await recordAudit(tx, context, { action: 'invitation.created', entityType: 'invitation', entityId: row.id, after: { email, role: COUNCIL_SEAT, councilMemberId: draft.councilMemberId } });
  const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  await enqueueMail(tx, [
    {
      to: email,
      kind: 'invitation',
      letter: seatInvitationLetter({
        fullName: row.fullName,
        inviterName: actor.fullName,
        seatDescription: draft.seatDescription,
        url: invitationUrl(options.publicUrl, token),
        validUntil: regionInstantText(row.expiresAt, await regionTimezone(tx)),
        accountExists: !!account,
      }),
    },
  ]);
  return row;
}

/** What a seat invitation's page says it is for: the network and what the seat stands for. */
export async function describeSeat(db: Database, councilMemberId: string | null) {
  if (!councilMemberId) return null;
  const [seat] = await db
    .select({ networkId: councilMembers.networkId, networkName: networks.name, kind: councilMembers.kind })
    .from(councilMembers)
    .innerJoin(networks, eq(networks.id, councilMembers.networkId))
    .where(eq(councilMembers.id, councilMemberId));
  return seat ?? null;
}

/**
 * Accepting a seat invitation: the seat row is locked and must still be current and without an account;
 * the person may hold one seat per council. Inside acceptInvitation's transaction.
 */
export async function takeCouncilSeat(tx: Database, context: Pick<CommandContext, 'actor' | 'ip'>, invitation: InvitationRow, personId: string) {
  const [seat] = await tx.select().from(councilMembers).where(eq(councilMembers.id, invitation.councilMemberId!)).for('update');
  if (!seat || seat.removedAt) {
    throw new Problem(409, 'Места в совете больше нет', 'Вас исключили из совета после того, как отправили приглашение. Если это ошибка, обратитесь к координатору сети.', { code: 'seat_gone' });
  }
  if (seat.userId && seat.userId !== personId) {
    throw new Problem(409, 'Место уже связано с учётной записью', 'Это место в совете уже связано с другой учётной записью. Обратитесь к координатору сети.', { code: 'seat_taken' });
  }
  const [other] = await tx
    .select({ id: councilMembers.id })
    .from(councilMembers)
    .where(and(eq(councilMembers.networkId, seat.networkId), eq(councilMembers.userId, personId), isNull(councilMembers.removedAt), ne(councilMembers.id, seat.id)))
    .limit(1);
  if (other) throw new Problem(409, 'Вы уже в этом совете', 'Ваша учётная запись уже занимает место в совете этой сети: одно место на человека.', { code: 'seat_held' });
  await tx.update(councilMembers).set({ userId: personId }).where(eq(councilMembers.id, seat.id));
  await recordAudit(tx, context, {
    action: 'council.member_account_linked',
    entityType: 'council_member',
    entityId: seat.id,
    before: { userId: seat.userId },
    after: { userId: personId, invitationId: invitation.id },
  });
}
