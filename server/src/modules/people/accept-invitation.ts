import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation } from '../../platform/db/errors';
import { Problem, invalid } from '../../platform/problem';
import { createUser } from '../accounts/create-user';
import { COUNCIL_SEAT, invitations, ssoIdentities, users } from '../accounts/schema';
import { endReplacedSession, loadActor, openSession } from '../accounts/sessions';
import { regionTimezone } from '../territory/region-clock';
import { regionInstantText } from './invitation-letter';
import { findInvitationByToken } from './invitation-token';
import { type InvitationRow, invitationState } from './present-invitation';
import { addRole } from './role-assignments';
import { resolveRoleTarget } from './role-target';
import { takeCouncilSeat } from './seat-invitations';

export interface AcceptInvitationInput {
  token: string;
  /** The new account's password; required when the address has no account yet and no SSO identity is given. */
  password?: string;
  /** An identity the region's SSO has just verified: linked to the account, which then needs no password. */
  ssoIdentity?: { issuer: string; subject: string };
  userAgent?: string | null;
  /** The session the request came with, if any: a new account's session takes its place, so it ends here. */
  replacedSession?: string | null;
}

export interface AcceptedInvitation {
  /** The account as it is after accepting, with the new role. */
  actor: Actor;
  accountCreated: boolean;
  /** A session for a new account (the route sets its cookie); null when the caller was already signed in as the account. */
  session: { token: string; csrfToken: string } | null;
}

async function refuseClosed(db: Database, invitation: InvitationRow) {
  const state = invitationState(invitation);
  if (state === 'accepted') {
    throw new Problem(409, 'Приглашение уже принято', 'По этой ссылке уже приняли приглашение. Войдите со своей почтой и паролем.', { code: 'invitation_used' });
  }
  if (state === 'revoked') {
    throw new Problem(409, 'Приглашение отозвано', 'Пригласивший отозвал это приглашение. Если это ошибка, попросите прислать новое.', { code: 'invitation_revoked' });
  }
  if (state === 'expired') {
    const until = regionInstantText(invitation.expiresAt, await regionTimezone(db));
    throw new Problem(409, 'Срок приглашения истёк', `Ссылка действовала до ${until}. Попросите пригласившего отправить приглашение повторно.`, { code: 'invitation_expired' });
  }
}

/**
 * Accepts an invitation once. The invitation row is locked and its state checked inside the transaction,
 * so two presses at once give one account and one role. A new address gets an account (its address proven
 * by the link, a password or an SSO identity) and a session. An address that already has an account adds the
 * role to it, and only when the caller is signed in as that account: a forwarded link cannot take it over.
 */
export async function acceptInvitation(context: CommandContext, input: AcceptInvitationInput): Promise<AcceptedInvitation> {
  return context.db
    .transaction(async (tx) => {
      const invitation = await findInvitationByToken(tx, input.token, { lock: true });
      await refuseClosed(tx, invitation);
      // A council seat carries no role: accepting links the account to the seat (seat-invitations.ts).
      const placed = invitation.role === COUNCIL_SEAT ? null : await resolveRoleTarget(tx, { ...invitation, role: invitation.role }, 'grant');
      const [account] = await tx.select().from(users).where(eq(users.email, invitation.email)).for('update');
      let person: typeof users.$inferSelect;
      if (account) {
        if (account.disabledAt) {
          throw new Problem(409, 'Учётная запись отключена', 'Учётная запись с этим адресом отключена. Обратитесь к оператору платформы.', { code: 'account_disabled' });
        }
        if (context.actor?.userId !== account.id) {
          throw new Problem(409, `Войдите как ${account.email}`, `С адресом ${account.email} уже есть учётная запись. Войдите в неё и откройте ссылку снова: роль добавится к ней.`, {
            code: 'sign_in_required',
            email: account.email,
          });
        }
        // Following the link proves the address, as a new account's does.
        await tx.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.id, account.id));
        person = account;
      } else {
        if (!input.ssoIdentity && !input.password) throw invalid('Придумайте пароль для новой учётной записи.', [{ field: 'password', message: 'Придумайте пароль' }]);
        person = await createUser(
          { ...context, db: tx },
          {
            email: invitation.email,
            password: input.ssoIdentity ? null : input.password!,
            fullName: invitation.fullName,
            platformRoles: [],
            municipalityId: null,
            memberships: [],
            emailVerifiedAt: new Date(),
          },
        );
      }
      if (placed) await addRole(tx, person, placed.target, invitation.invitedBy);
      if (input.ssoIdentity) await tx.insert(ssoIdentities).values({ ...input.ssoIdentity, userId: person.id });
      await tx.update(invitations).set({ acceptedAt: new Date(), acceptedUserId: person.id }).where(eq(invitations.id, invitation.id));
      const [updated] = await tx.select().from(users).where(eq(users.id, person.id));
      const actor = await loadActor(tx, updated);
      await recordAudit(tx, { actor, ip: context.ip }, { action: 'invitation.accepted', entityType: 'invitation', entityId: invitation.id, after: { userId: person.id, accountCreated: !account } });
      if (placed) {
        const role = { role: placed.target.role, organizationId: placed.target.organizationId, municipalityId: placed.target.municipalityId };
        await recordAudit(tx, { actor, ip: context.ip }, {
          action: 'person.role_granted',
          entityType: 'user',
          entityId: person.id,
          after: { ...role, grantedBy: invitation.invitedBy, reason: 'Принято приглашение', invitationId: invitation.id },
        });
      } else {
        await takeCouncilSeat(tx, { actor, ip: context.ip }, invitation, person.id);
      }
      const session = account
        ? null
        : await openSession(tx, person.id, { ip: context.ip, userAgent: input.userAgent ?? null, method: input.ssoIdentity ? 'sso' : 'invitation' });
      if (session && input.replacedSession) await endReplacedSession(tx, context, input.replacedSession, 'invitation_accepted');
      return { actor, accountCreated: !account, session };
    })
    .catch((error: unknown) => {
      const constraint = uniqueViolation(error);
      if (constraint === 'users_email_unique') {
        // Another invitation to the same new address was accepted a moment earlier and made the account.
        throw new Problem(409, 'Учётная запись уже создана', 'С этим адресом только что создана учётная запись. Войдите в неё и откройте ссылку снова.', { code: 'sign_in_required' });
      }
      if (constraint === 'sso_identities_issuer_subject_pk') {
        throw new Problem(409, 'Вход уже привязан', 'Эта учётная запись единого входа уже привязана к другому человеку в «Орбите». Обратитесь к оператору платформы.', {
          code: 'sso_identity_taken',
        });
      }
      throw error;
    });
}
