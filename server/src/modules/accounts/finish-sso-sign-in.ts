import { and, eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { Problem } from '../../platform/problem';
import { hashToken } from '../../platform/secret-tokens';
import { acceptInvitation } from '../people/accept-invitation';
import { findInvitationByToken } from '../people/invitation-token';
import { ssoAttempts, ssoIdentities, users } from './schema';
import { endReplacedSession, loadActor, openSession } from './sessions';
import { SsoFailure, type SsoFailureCode, type SsoSettings, providerUnreachable, ssoCallbackUrl, ssoProvider } from './sso-provider';

export interface SsoCallback {
  settings: SsoSettings;
  publicUrl: string;
  /** The provider's answer: the query string it sent the browser back with (code, state, or an error). */
  query: string;
  /** The state kept in the browser's cookie since the start; a sign-in finishes only in the browser that began it. */
  browserState: string | null;
  /** The invitation link's token, kept in the browser's cookie when the sign-in began on an invitation. */
  invitationToken: string | null;
  userAgent: string | null;
  /** The session the browser came with, if any: a new session from this sign-in takes its place, so it ends. */
  replacedSession?: string | null;
}

/** A new session to set as the cookie, or none when the person stays in the session they came with. */
export interface SsoOutcome {
  actor: Actor;
  session: { token: string; csrfToken: string } | null;
  returnTo: string;
}

type SsoAttempt = typeof ssoAttempts.$inferSelect;
type User = typeof users.$inferSelect;
interface SsoIdentity {
  issuer: string;
  subject: string;
}
interface Verified {
  identity: SsoIdentity;
  claims: oidc.IDToken;
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

/** The address the provider vouches for, lower-cased as accounts keep it; null unless `email_verified` is exactly true. */
const verifiedEmail = (claims: oidc.IDToken) => (claims.email_verified === true && typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null);

async function linkedAccount(db: Database, identity: SsoIdentity): Promise<User | undefined> {
  const [linked] = await db
    .select({ user: users })
    .from(ssoIdentities)
    .innerJoin(users, eq(users.id, ssoIdentities.userId))
    .where(and(eq(ssoIdentities.issuer, identity.issuer), eq(ssoIdentities.subject, identity.subject)))
    .limit(1)
    .for('update');
  return linked?.user;
}

async function activeAccountByEmail(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1).for('update');
  if (user?.disabledAt) throw new SsoFailure('disabled', user.id);
  return user;
}

async function openSsoSession(db: Database, context: CommandContext, actor: Actor, identity: SsoIdentity, userAgent: string | null) {
  const session = await openSession(db, actor.userId, { ip: context.ip, userAgent, method: 'sso' });
  await recordAudit(db, { actor, ip: context.ip }, { action: 'auth.sign_in', entityType: 'user', entityId: actor.userId, after: { method: 'sso', issuer: identity.issuer } });
  return session;
}

const auditLink = (db: Database, context: CommandContext, actor: Actor, identity: SsoIdentity, by: 'verified_email' | 'invitation') =>
  recordAudit(db, { actor, ip: context.ip }, { action: 'auth.sso_linked', entityType: 'user', entityId: actor.userId, after: { issuer: identity.issuer, subject: identity.subject, by } });

/**
 * Without an invitation the identity signs in to the account it is linked to, or else to the active account
 * whose address the provider vouches for (`email_verified: true`), which it then links. Never a match by name.
 */
async function signInWithIdentity(db: Database, context: CommandContext, { identity, claims }: Verified, userAgent: string | null) {
  const linked = await linkedAccount(db, identity);
  if (linked?.disabledAt) throw new SsoFailure('disabled', linked.id);
  let user = linked;
  let linkedNow = false;
  if (!user) {
    const email = verifiedEmail(claims);
    if (!email) throw new SsoFailure('unverified');
    user = await activeAccountByEmail(db, email);
    if (!user) throw new SsoFailure('no-account');
    // Two first sign-ins of one identity at once: the account row lock orders them, and the second finds the link made.
    linkedNow = (await db.insert(ssoIdentities).values({ ...identity, userId: user.id }).onConflictDoNothing().returning()).length > 0;
    if (!user.emailVerifiedAt) await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
  }
  const actor = await loadActor(db, user);
  if (linkedNow) await auditLink(db, context, actor, identity, 'verified_email');
  return { actor, session: await openSsoSession(db, context, actor, identity, userAgent) };
}

/** What the people area's refusal of an invitation means for the person at the sign-in page. */
function invitationRefusal(problem: Problem): SsoFailureCode {
  const code = problem.extra.code;
  if (code === 'account_disabled') return 'disabled';
  if (code === 'sign_in_required') return 'sign-in-first';
  if (code === 'sso_identity_taken') return 'other-account';
  return 'invitation';
}

/**
 * With an invitation, the identity accepts it as the people area does for a password. The account the invitation
 * is addressed to is the person's when the identity is already linked to it, when the provider verified that
 * address, or when they came signed in to it; then the role is added to it. A new address gets a new account
 * linked to the identity. An identity linked to another account cannot take the invitation.
 */
async function acceptWithIdentity(db: Database, context: CommandContext, { identity, claims }: Verified, attempt: SsoAttempt, input: SsoCallback) {
  const invitation = input.invitationToken ? await findInvitationByToken(db, input.invitationToken, { lock: false }).catch(() => null) : null;
  if (!invitation || invitation.id !== attempt.invitationId) throw new SsoFailure('state');
  const linked = await linkedAccount(db, identity);
  if (linked?.disabledAt) throw new SsoFailure('disabled', linked.id);
  if (linked && linked.email !== invitation.email) throw new SsoFailure('other-account', linked.id);
  const vouched = linked ?? (verifiedEmail(claims) === invitation.email ? await activeAccountByEmail(db, invitation.email) : undefined);
  const actor = vouched ? await loadActor(db, vouched) : context.actor;
  const accepted = await acceptInvitation(
    { ...context, db, actor },
    { token: input.invitationToken!, ssoIdentity: linked ? undefined : identity, userAgent: input.userAgent },
  ).catch((error: unknown) => {
    if (error instanceof Problem) throw new SsoFailure(invitationRefusal(error), linked?.id ?? null);
    throw error;
  });
  if (!linked) await auditLink(db, context, accepted.actor, identity, 'invitation');
  if (accepted.session) {
    await recordAudit(db, { actor: accepted.actor, ip: context.ip }, { action: 'auth.sign_in', entityType: 'user', entityId: accepted.actor.userId, after: { method: 'sso', issuer: identity.issuer } });
    return { actor: accepted.actor, session: accepted.session };
  }
  // Someone already signed in to the account keeps their session; otherwise the identity opens one.
  const cameSignedIn = context.actor?.userId === accepted.actor.userId;
  return { actor: accepted.actor, session: cameSignedIn ? null : await openSsoSession(db, context, accepted.actor, identity, input.userAgent) };
}

/**
 * Finishes a sign-in the provider sent back: the state must name a live attempt of this browser (then it is
 * spent), the ID token must carry the attempt's nonce. Then the identity signs in, or accepts the attempt's
 * invitation; a refusal is audited (ids only) and ends as an SsoFailure the sign-in page explains.
 */
export async function finishSsoSignIn(context: CommandContext, input: SsoCallback): Promise<SsoOutcome> {
  const answer = new URL(ssoCallbackUrl(input.publicUrl));
  answer.search = input.query;
  const state = answer.searchParams.get('state');
  const attempt = state ? await takeAttempt(context.db, state) : undefined;
  if (!state || !attempt || attempt.expiresAt <= new Date() || input.browserState !== state) throw new SsoFailure('state');

  const claims = await verifiedClaims(input.settings, answer, state, attempt);
  const verified = { identity: { issuer: claims.iss, subject: claims.sub }, claims };
  try {
    const outcome = await context.db.transaction(async (tx) => {
      const result = attempt.invitationId ? await acceptWithIdentity(tx, context, verified, attempt, input) : await signInWithIdentity(tx, context, verified, input.userAgent);
      if (result.session && input.replacedSession) await endReplacedSession(tx, context, input.replacedSession, 'sso_sign_in');
      return result;
    });
    return { ...outcome, returnTo: attempt.returnTo ?? '/' };
  } catch (error) {
    if (error instanceof SsoFailure) {
      await recordAudit(context.db, context, { action: 'auth.sign_in_failed', entityType: 'user', entityId: error.userId, after: { method: 'sso', issuer: claims.iss, reason: error.code } });
    }
    throw error;
  }
}
