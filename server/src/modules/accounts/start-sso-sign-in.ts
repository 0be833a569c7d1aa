import { lt } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { CommandContext } from '../../platform/context';
import { hashToken } from '../../platform/secret-tokens';
import { findInvitationByToken } from '../people/invitation-token';
import { invitationState } from '../people/present-invitation';
import { ssoAttempts } from './schema';
import { SSO_ATTEMPT_TTL_MS, SsoFailure, type SsoSettings, ssoCallbackUrl, ssoProvider } from './sso-provider';

export interface SsoStart {
  settings: SsoSettings;
  publicUrl: string;
  /** Where to go after signing in; anything but a path on this site is ignored. */
  next: string | null;
  /** The token of an invitation to accept with the provider's identity. */
  invitationToken: string | null;
}

/** A path on this site, or `/`: an absolute or protocol-relative address would make the sign-in an open redirect. */
export function sameSitePath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.length > 500) return '/';
  if (/[\u0000-\u001f\\]/.test(next)) return '/';
  return next;
}

/**
 * Begins a sign-in at the region's OpenID provider: authorisation code with PKCE (S256), a fresh state and
 * nonce. Only the state's hash is kept server-side (with the nonce, the verifier and where to return), for ten
 * minutes; the state itself goes to the provider and to the browser's cookie, which must both bring it back.
 */
export async function startSsoSignIn(context: CommandContext, input: SsoStart) {
  let invitationId: string | null = null;
  if (input.invitationToken) {
    const invitation = await findInvitationByToken(context.db, input.invitationToken, { lock: false }).catch(() => null);
    if (!invitation || invitationState(invitation) !== 'pending') throw new SsoFailure('invitation');
    invitationId = invitation.id;
  }

  const provider = await ssoProvider(input.settings).catch(() => {
    throw new SsoFailure('unavailable');
  });
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const now = Date.now();
  // Abandoned attempts are swept by the next one, so the table holds only the last ten minutes.
  await context.db.delete(ssoAttempts).where(lt(ssoAttempts.expiresAt, new Date(now)));
  await context.db.insert(ssoAttempts).values({
    stateHash: hashToken(state),
    nonce,
    codeVerifier,
    invitationId,
    returnTo: sameSitePath(input.next),
    expiresAt: new Date(now + SSO_ATTEMPT_TTL_MS),
  });
  const authorizationUrl = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: ssoCallbackUrl(input.publicUrl),
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { authorizationUrl: authorizationUrl.href, state };
}
