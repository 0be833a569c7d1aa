import { and, eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { hashToken } from '../../platform/secret-tokens';
import { ssoAttempts, ssoIdentities, users } from './schema';
import { loadActor, openSession } from './sessions';
import { SsoFailure, type SsoFailureCode, type SsoSettings, providerUnreachable, ssoCallbackUrl, ssoProvider } from './sso-provider';

export interface SsoCallback {
  settings: SsoSettings;
  publicUrl: string;
  /** The provider's answer: the query string it sent the browser back with (code, state, or an error). */
  query: string;
  /** The state kept in the browser's cookie since the start; a sign-in finishes only in the browser that began it. */
  browserState: string | null;
  userAgent: string | null;
}

type SsoAttempt = typeof ssoAttempts.$inferSelect;
type User = typeof users.$inferSelect;
interface SsoIdentity {
  issuer: string;
  subject: string;
}

/** Takes the attempt the state names, so a state works once however many times the answer is replayed. */
async function takeAttempt(db: Database, state: string): Promise<SsoAttempt | undefined> {
  const [attempt] = await db.delete(ssoAttempts).where(eq(ssoAttempts.stateHash, hashToken(state))).returning();
  return attempt;
}

/** Exchanges the code (with the PKCE verifier) and checks the ID token: signature, issuer, audience, expiry and our nonce. */
async function verifiedClaims(settings: SsoSettings, answer: URL, state: string, attempt: SsoAttempt): Promise<oidc.IDToken> {
  const provider = await ssoProvider(settings).catch(() => {
    throw new SsoFailure('unavailable');
  });
  try {
    const tokens = await oidc.authorizationCodeGrant(provider, answer, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new SsoFailure('state');
    return claims;
  } catch (error) {
    if (error instanceof SsoFailure) throw error;
    if (error instanceof oidc.AuthorizationResponseError) throw new SsoFailure(error.error === 'access_denied' ? 'denied' : 'unavailable');
    throw new SsoFailure(providerUnreachable(error) ? 'unavailable' : 'state');
  }
}

type Resolution = { user: User; linked: boolean } | { refused: SsoFailureCode; userId: string | null };

/**
 * The account an identity signs in to: the one it is linked to, or else the active account whose address the
 * provider vouches for (`email_verified: true`), which it then links. Never a match by name.
 */
async function resolveAccount(db: Database, identity: SsoIdentity, claims: oidc.IDToken): Promise<Resolution> {
  const [linked] = await db
    .select({ user: users })
    .from(ssoIdentities)
    .innerJoin(users, eq(users.id, ssoIdentities.userId))
    .where(and(eq(ssoIdentities.issuer, identity.issuer), eq(ssoIdentities.subject, identity.subject)))
    .limit(1);
  if (linked) return linked.user.disabledAt ? { refused: 'disabled', userId: linked.user.id } : { user: linked.user, linked: false };

  if (claims.email_verified !== true || typeof claims.email !== 'string') return { refused: 'unverified', userId: null };
  const [user] = await db.select().from(users).where(eq(users.email, claims.email.trim().toLowerCase())).limit(1).for('update');
  if (!user) return { refused: 'no-account', userId: null };
  if (user.disabledAt) return { refused: 'disabled', userId: user.id };
  const inserted = await db.insert(ssoIdentities).values({ ...identity, userId: user.id }).onConflictDoNothing().returning();
  if (!user.emailVerifiedAt) await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
  return { user, linked: inserted.length > 0 };
}

/**
 * Finishes a sign-in the provider sent back: the state must name a live attempt of this browser (then it is
 * spent), the ID token must carry the attempt's nonce. The identity then signs in to its linked account, accepts
 * the attempt's invitation, or links the active account with the verified address; anything else is refused.
 */
export async function finishSsoSignIn(context: CommandContext, input: SsoCallback) {
  const answer = new URL(ssoCallbackUrl(input.publicUrl));
  answer.search = input.query;
  const state = answer.searchParams.get('state');
  const attempt = state ? await takeAttempt(context.db, state) : undefined;
  if (!state || !attempt || attempt.expiresAt <= new Date() || input.browserState !== state) throw new SsoFailure('state');

  const claims = await verifiedClaims(input.settings, answer, state, attempt);
  const identity = { issuer: claims.iss, subject: claims.sub };
  const meta = { ip: context.ip, userAgent: input.userAgent, method: 'sso' as const };

  const outcome = await context.db.transaction(async (tx) => {
    const resolution = await resolveAccount(tx, identity, claims);
    if ('refused' in resolution) return resolution;
    const { user, linked } = resolution;
    const actor = await loadActor(tx, user);
    const audit = { actor, ip: context.ip };
    if (linked) await recordAudit(tx, audit, { action: 'auth.sso_linked', entityType: 'user', entityId: user.id, after: { issuer: identity.issuer, subject: identity.subject, by: 'verified_email' } });
    const session = await openSession(tx, user.id, meta);
    await recordAudit(tx, audit, { action: 'auth.sign_in', entityType: 'user', entityId: user.id, after: { method: 'sso', issuer: identity.issuer } });
    return { actor, ...session };
  });
  if ('refused' in outcome) {
    await recordAudit(context.db, context, { action: 'auth.sign_in_failed', entityType: 'user', entityId: outcome.userId, after: { method: 'sso', issuer: identity.issuer, reason: outcome.refused } });
    throw new SsoFailure(outcome.refused);
  }
  return { ...outcome, returnTo: attempt.returnTo ?? '/' };
}
