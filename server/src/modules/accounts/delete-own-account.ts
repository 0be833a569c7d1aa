import { and, asc, count, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { outboxMessages } from '../../platform/mail/schema';
import { authorize } from '../../platform/policy';
import { Problem, invalid } from '../../platform/problem';
import { hashToken } from '../../platform/secret-tokens';
import { deleteChild } from '../families/delete-child';
import { children } from '../families/schema';
import { notifications } from '../notifications/schema';
import { organizations } from '../organizations/schema';
import { verifyPassword } from './passwords';
import { accountPolicy } from './policy';
import { accountTokens, invitations, memberships, sessions, ssoIdentities, userRoles, users } from './schema';

/** An account without a password (SSO only) proves it is its owner by a sign-in this recent. */
export const RECENT_SIGN_IN_MS = 10 * 60_000;
/** What a deleted account keeps in its name: nothing of the person. */
export const DELETED_ACCOUNT_NAME = 'Удалённая учётная запись';

/** What deleting the caller's account would take with it, and what stands in its way; the page shows it before the person confirms. */
export async function describeAccountDeletion(context: CommandContext) {
  const { actor } = context;
  authorize(actor, accountPolicy.manageOwnAccount);
  const [user] = await context.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  const [childRows, blockers] = await Promise.all([
    context.db.select({ id: children.id, fullName: children.fullName }).from(children).where(eq(children.guardianUserId, actor.userId)).orderBy(asc(children.createdAt)),
    deletionBlockers(context.db, actor.userId),
  ]);
  return { children: childRows, blockers, confirmWith: user.passwordHash === null ? ('recent_sign_in' as const) : ('password' as const) };
}

/**
 * What only this person holds, so the account cannot go: the only head of an organisation (nobody would act
 * and sign for it) and the only operator of the platform (nobody could invite the next one). With `lock`, the
 * organisations and the operators' roles stay locked to the end of the transaction, so two heads of one
 * organisation deleting themselves at once cannot both go.
 */
async function deletionBlockers(db: Database, userId: string, options: { lock?: boolean } = {}): Promise<string[]> {
  const headed = await db
    .select({ organizationId: memberships.organizationId, name: organizations.shortName })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'org_admin')));
  if (options.lock && headed.length) {
    await db.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, headed.map((h) => h.organizationId))).orderBy(asc(organizations.id)).for('update');
  }
  const blockers: string[] = [];
  for (const place of headed) {
    const [{ others }] = await db
      .select({ others: count() })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, place.organizationId), eq(memberships.role, 'org_admin'), ne(memberships.userId, userId), isNull(users.disabledAt)));
    if (others === 0) {
      blockers.push(`Вы — единственный руководитель организации «${place.name}». Сначала пригласите другого руководителя или передайте ему эту роль, затем удалите учётную запись.`);
    }
  }
  const [operator] = await db.select({ role: userRoles.role }).from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'operator')));
  if (operator) {
    if (options.lock) await db.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'operator')).orderBy(asc(userRoles.userId)).for('update');
    const [{ others }] = await db
      .select({ others: count() })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, 'operator'), ne(userRoles.userId, userId), isNull(users.disabledAt)));
    if (others === 0) blockers.push('Вы — единственный оператор платформы. Сначала пригласите другого оператора, затем удалите учётную запись.');
  }
  return blockers;
}

/**
 * The person deletes their own account (152-ФЗ): confirmed by their password, or for an account without one,
 * by a sign-in in the last ten minutes. A guardian's children go first, each through the families area's own
 * deletion (their places end and seats pass to the next in line). Then everything that names the person goes —
 * roles, sessions, links, SSO links, notifications, letters, invitations to their address — and the account row
 * stays only as an id with no name or address, because documents, decisions and records others keep point at
 * it; it can never sign in again, and the address is free to register anew. Invitations the person sent stay.
 * The audit entry holds ids only.
 */
export async function deleteOwnAccount(context: CommandContext, input: { password?: string; currentSessionToken: string | null }) {
  const { actor } = context;
  authorize(actor, accountPolicy.manageOwnAccount);
  const [user] = await context.db.select().from(users).where(eq(users.id, actor.userId));
  await proveOwner(context.db, user, input);

  await context.db.transaction(async (tx) => {
    const blockers = await deletionBlockers(tx, user.id, { lock: true });
    if (blockers.length) throw new Problem(409, 'Учётную запись нельзя удалить', blockers.join(' '), { code: 'account_needed', blockers });
    const childRows = await tx.select({ id: children.id }).from(children).where(eq(children.guardianUserId, user.id));
    for (const child of childRows) await deleteChild({ ...context, db: tx }, child.id);
    await tx.delete(userRoles).where(eq(userRoles.userId, user.id));
    await tx.delete(memberships).where(eq(memberships.userId, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await tx.delete(accountTokens).where(or(eq(accountTokens.userId, user.id), eq(accountTokens.newEmail, user.email)));
    await tx.delete(ssoIdentities).where(eq(ssoIdentities.userId, user.id));
    await tx.delete(notifications).where(eq(notifications.userId, user.id));
    await tx.delete(outboxMessages).where(or(eq(outboxMessages.userId, user.id), eq(outboxMessages.toAddress, user.email)));
    await tx.delete(invitations).where(or(eq(invitations.email, user.email), eq(invitations.acceptedUserId, user.id)));
    await tx
      .update(users)
      .set({
        email: `deleted-${user.id}@deleted.invalid`,
        fullName: DELETED_ACCOUNT_NAME,
        passwordHash: null,
        municipalityId: null,
        emailVerifiedAt: null,
        disabledAt: new Date(),
        disabledReason: 'deleted_by_owner',
        mailPreference: 'off',
        lastDigestAt: null,
      })
      .where(eq(users.id, user.id));
    await recordAudit(tx, context, { action: 'auth.account_deleted', entityType: 'user', entityId: user.id, after: { childIds: childRows.map((c) => c.id) } });
  });
}

async function proveOwner(db: Database, user: typeof users.$inferSelect, input: { password?: string; currentSessionToken: string | null }) {
  if (user.passwordHash !== null) {
    if (!input.password || !(await verifyPassword(user.passwordHash, input.password))) {
      throw invalid('Пароль введён неверно: учётная запись не удалена.', [{ field: 'password', message: 'Неверный пароль' }]);
    }
    return;
  }
  const [session] = input.currentSessionToken
    ? await db.select({ createdAt: sessions.createdAt }).from(sessions).where(eq(sessions.tokenHash, hashToken(input.currentSessionToken)))
    : [];
  if (!session || session.createdAt.getTime() < Date.now() - RECENT_SIGN_IN_MS) {
    throw new Problem(
      409,
      'Войдите заново',
      'У учётной записи нет пароля, поэтому перед удалением нужно подтвердить, что это вы: выйдите и войдите снова через единый вход, затем в течение 10 минут удалите учётную запись.',
      { code: 'recent_sign_in_required' },
    );
  }
}
