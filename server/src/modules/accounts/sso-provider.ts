import * as oidc from 'openid-client';
import type { Config } from '../../platform/config';

export type SsoSettings = NonNullable<Config['sso']>;

/** Why a sign-in through SSO ended without a session; the sign-in page explains each code (`/sign-in?sso=<code>`). */
export type SsoFailureCode =
  | 'state'
  | 'denied'
  | 'unverified'
  | 'no-account'
  | 'disabled'
  | 'invitation'
  | 'sign-in-first'
  | 'other-account'
  | 'unavailable';

/** A refused or failed SSO sign-in; the route turns it into a redirect to the sign-in page, never an error page. */
export class SsoFailure extends Error {
  constructor(
    readonly code: SsoFailureCode,
    /** The account the refusal concerns, for the audit log. */
    readonly userId: string | null = null,
  ) {
    super(`SSO sign-in refused: ${code}`);
  }
}

/** Where the provider sends the person back; it must be registered with the provider exactly so. */
export const ssoCallbackUrl = (publicUrl: string) => `${publicUrl}/api/auth/sso/callback`;

/** How long a started sign-in may take at the provider. */
export const SSO_ATTEMPT_TTL_MS = 10 * 60 * 1000;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const discovered = new Map<string, Promise<oidc.Configuration>>();

/**
 * The provider's metadata and keys, discovered once per process; a failed discovery is forgotten so the next
 * sign-in tries again. Plain HTTP is allowed only for a provider on this machine (a developer's Keycloak, the tests).
 */
export function ssoProvider(settings: SsoSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer}\n${settings.clientId}`;
  let configuration = discovered.get(key);
  if (!configuration) {
    const issuer = new URL(settings.issuer);
    const loopbackHttp = issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname);
    configuration = oidc.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret || undefined,
      settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
      { execute: loopbackHttp ? [oidc.allowInsecureRequests] : [], timeout: 10 },
    );
    configuration.catch(() => discovered.delete(key));
    discovered.set(key, configuration);
  }
  return configuration;
}

/** The provider could not be reached or answered with a server error, as opposed to refusing this answer. */
export function providerUnreachable(error: unknown): boolean {
  if (error instanceof oidc.ResponseBodyError) return error.status >= 500;
  if (error instanceof oidc.ClientError) return error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_RESPONSE_IS_NOT_JSON';
  // fetch throws TypeError when the connection fails and a DOMException when the timeout aborts it
  return error instanceof TypeError || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
}
