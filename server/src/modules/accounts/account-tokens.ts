import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { Problem } from '../../platform/problem';
import { hashToken, randomToken } from '../../platform/secret-tokens';
import { accountTokens, users } from './schema';

export type AccountTokenPurpose = (typeof accountTokens.$inferSelect)['purpose'];
export type AccountToken = typeof accountTokens.$inferSelect;
/** The links that act on an existing account, whose row therefore names it. */
export type AccountPurpose = Exclude<AccountTokenPurpose, 'registration'>;
type OwnedToken = AccountToken & { userId: string };

/** What a link from a letter can be: usable, already used, too old, or not ours (mistyped, replaced by a newer one). */
export type LinkState = 'valid' | 'used' | 'expired' | 'unknown';

/**
 * Makes a single-use link token, for a person or (a registration) for an address with no account yet. Older
 * unused links of the same purpose for that person or address stop working, so only the latest letter counts;
 * only the token's hash is stored.
 */
export async function issueAccountToken(
  db: Database,
  input:
    | { userId: string; purpose: AccountPurpose; ttlMs: number; newEmail?: string }
    | { userId: null; purpose: 'registration'; ttlMs: number; newEmail: string; fullName: string },
): Promise<string> {
  if (input.userId === null) {
    await db
      .delete(accountTokens)
      .where(and(eq(accountTokens.newEmail, input.newEmail), eq(accountTokens.purpose, input.purpose), isNull(accountTokens.usedAt)));
  } else {
    await voidUnusedTokens(db, input.userId, [input.purpose]);
  }
  const token = randomToken();
  await db.insert(accountTokens).values({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashToken(token),
    newEmail: input.newEmail ?? null,
    fullName: 'fullName' in input ? input.fullName : null,
    expiresAt: new Date(Date.now() + input.ttlMs),
  });
  return token;
}

/** Ends the person's links that are still waiting, e.g. when the address they went to is no longer theirs. */
export async function voidUnusedTokens(db: Database, userId: string, purposes: AccountTokenPurpose[]) {
  for (const purpose of purposes) {
    await db.delete(accountTokens).where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
  }
}

/**
 * Finds a link token and says whether it may be used. With `lock`, its row stays locked until the transaction
 * ends, so of two confirmations of one link one wins and the other sees it used. A deactivated account's links
 * do not work.
 */
export async function findAccountToken(
  db: Database,
  token: string,
  purpose: AccountPurpose,
  options?: { lock?: boolean },
): Promise<{ state: 'valid'; row: OwnedToken } | { state: Exclude<LinkState, 'valid'>; row: OwnedToken | null }>;
export async function findAccountToken(
  db: Database,
  token: string,
  purpose: AccountTokenPurpose,
  options?: { lock?: boolean },
): Promise<{ state: 'valid'; row: AccountToken } | { state: Exclude<LinkState, 'valid'>; row: AccountToken | null }>;
export async function findAccountToken(db: Database, token: string, purpose: AccountTokenPurpose, options: { lock?: boolean } = {}) {
  const query = db
    .select({ token: accountTokens, disabledAt: users.disabledAt })
    .from(accountTokens)
    .leftJoin(users, eq(users.id, accountTokens.userId))
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose)))
    .limit(1);
  const [found] = options.lock ? await query.for('update', { of: accountTokens }) : await query;
  if (!found || found.disabledAt) return { state: 'unknown', row: null };
  if (found.token.usedAt) return { state: 'used', row: found.token };
  if (found.token.expiresAt <= new Date()) return { state: 'expired', row: found.token };
  return { state: 'valid', row: found.token };
}

const linkMessages: Record<AccountTokenPurpose, Record<Exclude<LinkState, 'valid'>, string>> = {
  password_reset: {
    used: 'По этой ссылке пароль уже сменили. Если нужно сменить его снова, запросите новую ссылку на странице «Забыли пароль?».',
    expired: 'Ссылка действовала 1 час, и этот срок прошёл. Запросите новую ссылку на странице «Забыли пароль?».',
    unknown: 'Ссылка не действует: возможно, вы запросили ещё одну (работает только последняя) или адрес скопирован не полностью. Откройте последнее письмо или запросите новую ссылку.',
  },
  email_change: {
    used: 'Этот адрес уже подтверждён по этой ссылке. Входите с новым адресом.',
    expired: 'Ссылка действовала 24 часа, и этот срок прошёл. Запросите смену адреса ещё раз в разделе «Мой профиль».',
    unknown: 'Ссылка не действует: возможно, смену адреса запросили ещё раз (работает только последняя ссылка), её отменила смена пароля, или адрес скопирован не полностью.',
  },
  registration: {
    used: 'Учётная запись по этой ссылке уже создана. Войдите с этим адресом; если не помните пароль, восстановите его.',
    expired: 'Ссылка действовала 24 часа, и этот срок прошёл. Зарегистрируйтесь ещё раз — придёт новое письмо.',
    unknown: 'Ссылка не действует: возможно, регистрацию начали ещё раз (работает только последняя ссылка) или адрес скопирован не полностью. Откройте последнее письмо или зарегистрируйтесь заново.',
  },
};

/** The answer to a link that cannot be used: 410, with the reason as `code` and what to do next. */
export function linkProblem(purpose: AccountTokenPurpose, state: Exclude<LinkState, 'valid'>) {
  const title = { used: 'Ссылка уже использована', expired: 'Срок действия ссылки истёк', unknown: 'Ссылка не действует' }[state];
  return new Problem(410, title, linkMessages[purpose][state], { code: `link_${state}` });
}
