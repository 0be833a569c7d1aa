import type { FastifyReply } from 'fastify';
import type { Config } from '../../platform/config';
import { SESSION_COOKIE, SESSION_TTL_MS } from './sessions';

// Unreadable to scripts, sent on same-site navigation only, secure behind HTTPS.
const cookieOptions = (config: Pick<Config, 'secureCookies'>) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies });

/** Hands the browser the session just opened (sign-in, sign-up, reset, invitation, SSO), for the session's lifetime. */
export function setSessionCookie(reply: FastifyReply, config: Pick<Config, 'secureCookies'>, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(config), maxAge: SESSION_TTL_MS / 1000 });
}

/** Tells the browser to forget a session that has ended. */
export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, 'secureCookies'>) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(config));
}
