import { and, desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { outboxMessages } from '../../platform/mail/schema';
import type { Session, TestApp } from '../../../test/app';

let lastAddress = 0;
/** A caller from an address no other call used, so the per-address limits of one test do not reach the next. */
export function fromNewAddress(t: TestApp) {
  lastAddress += 1;
  const remoteAddress = `10.1.${Math.floor(lastAddress / 250)}.${(lastAddress % 250) + 1}`;
  return (method: string, url: string, options: { session?: Session | null; body?: unknown } = {}): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: method as 'GET',
      url,
      remoteAddress,
      headers: options.session ? { cookie: options.session.cookie, 'x-csrf-token': options.session.csrfToken } : {},
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
}

/** The session a successful sign-in (or reset) answer carries. */
export function sessionFrom(response: LightMyRequestResponse): Session {
  const cookie = response.cookies.find((c) => c.name === 'orbita_session');
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  return { cookie: `orbita_session=${cookie.value}`, csrfToken: response.json().csrfToken };
}

/** A new session of its own (not the cached one of t.signIn), as from another device. */
export async function signInAgain(t: TestApp, email: string, password: string): Promise<Session> {
  const response = await fromNewAddress(t)('POST', '/api/auth/sign-in', { body: { email, password } });
  return sessionFrom(response);
}

/** The letters of one kind queued for an address, newest first. */
export function lettersTo(t: TestApp, address: string, kind: string) {
  return t.handle.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, address), eq(outboxMessages.kind, kind)))
    .orderBy(desc(outboxMessages.id));
}

/** The token of the link to `path` in a letter's text, as the reader would open it. */
export function tokenInLetter(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+/${path}/([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no /${path}/ link in the letter:\n${text}`);
  return match[1];
}

/** Calls each endpoint eleven times from an address of its own: ten answers, then 429 (the per-address limit is 10 a minute). */
export async function expectLimitedPerAddress(t: TestApp, endpoints: [method: string, url: string, body: unknown][]) {
  for (const [method, url, body] of endpoints) {
    const call = fromNewAddress(t);
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await call(method, url, { body })).statusCode);
    expect(statuses.slice(0, 10), url).not.toContain(429);
    expect(statuses.at(-1), url).toBe(429);
  }
}
