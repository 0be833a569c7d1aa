import { and, desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database';
import { type Fixtures, seedFixtures } from '../../../test/fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { loadConfig } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { buildApp } from '../../platform/http/app';
import type { App } from '../../platform/http/route-kit';
import { hashToken } from '../../platform/secret-tokens';
import { sessions, ssoAttempts, ssoIdentities, users } from './schema';
import { ssoCallbackUrl } from './sso-provider';
import { type TestProvider, passProviderLogin, startTestProvider } from './sso.testkit';

const PUBLIC_URL = 'http://orbita.test';

let provider: TestProvider;
let handle: DatabaseHandle;
let fixtures: Fixtures;
let app: App;

beforeAll(async () => {
  provider = await startTestProvider(ssoCallbackUrl(PUBLIC_URL));
  handle = await openTestDatabase();
  fixtures = await seedFixtures(handle.db);
  const sso = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, name: 'Госуслуги региона' };
  app = await buildApp(handle, { ...loadConfig({}), logLevel: 'silent', signInLimitPerMinute: 1000, publicUrl: PUBLIC_URL, sso });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
  await provider?.close();
});

const cookieOf = (response: LightMyRequestResponse, name: string) => response.cookies.find((c) => c.name === name)?.value ?? null;

/** Opens /api/auth/sso/start as a browser would: the redirect to the provider and the state cookie it sets. */
async function start(query = '') {
  const response = await app.inject({ method: 'GET', url: `/api/auth/sso/start${query}` });
  expect(response.statusCode).toBe(302);
  return { location: response.headers.location as string, stateCookie: cookieOf(response, 'orbita_sso_state') };
}

/** Brings the provider's answer back to our callback, with the state cookie unless told otherwise. */
async function callback(answer: URL, stateCookie: string | null) {
  expect(answer.origin + answer.pathname).toBe(ssoCallbackUrl(PUBLIC_URL));
  const response = await app.inject({ method: 'GET', url: `${answer.pathname}${answer.search}`, headers: stateCookie ? { cookie: `orbita_sso_state=${stateCookie}` } : {} });
  expect(response.statusCode).toBe(302);
  return { location: response.headers.location as string, session: cookieOf(response, 'orbita_session') };
}

/** The whole round: start, sign in at the provider as `subject`, come back. */
async function signInThroughProvider(subject: string, query = '') {
  const started = await start(query);
  const answer = await passProviderLogin(started.location, subject);
  return callback(answer, started.stateCookie);
}

async function whoIs(session: string | null) {
  const response = await app.inject({ method: 'GET', url: '/api/auth/me', headers: session ? { cookie: `orbita_session=${session}` } : {} });
  return response.json().user as { id: string; email: string } | null;
}

const identityOf = (subject: string) =>
  handle.db.select().from(ssoIdentities).where(and(eq(ssoIdentities.issuer, provider.issuer), eq(ssoIdentities.subject, subject)));

const lastAudit = async (action: string, userId: string) =>
  (await handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, action), eq(auditEntries.entityId, userId))).orderBy(desc(auditEntries.id)).limit(1))[0];

describe('single sign-on through OpenID Connect', () => {
  it('tells the sign-in page whether SSO is on and what it is called', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/auth/sso' });
    expect(response.json()).toEqual({ enabled: true, name: 'Госуслуги региона' });
  });

  it('sends the browser to the provider with the authorisation code flow, PKCE S256, state and nonce, and keeps only the state hash', async () => {
    const { location, stateCookie } = await start('?next=%2Fnetworks');
    const url = new URL(location);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(provider.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(ssoCallbackUrl(PUBLIC_URL));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toBeTruthy();
    const state = url.searchParams.get('state')!;
    expect(stateCookie).toBe(state);
    const [attempt] = await handle.db.select().from(ssoAttempts).where(eq(ssoAttempts.stateHash, hashToken(state)));
    expect(attempt).toMatchObject({ returnTo: '/networks', invitationId: null });
    expect(attempt.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60 * 1000);
    expect(JSON.stringify(await handle.db.select().from(ssoAttempts))).not.toContain(state);
  });

  it('signs a linked identity in to its account, as a session opened by SSO, and returns to the page asked for', async () => {
    const teacherId = fixtures.actors.teacher!.userId;
    await handle.db.insert(ssoIdentities).values({ issuer: provider.issuer, subject: 'teacher-sub', userId: teacherId });
    // The link decides, not the address the provider now reports.
    provider.people.set('teacher-sub', { email: 'someone-else@test.orbita', email_verified: false });
    const { location, session } = await signInThroughProvider('teacher-sub', '?next=%2Fprogrammes%3Fq%3D1');
    expect(location).toBe('/programmes?q=1');
    expect((await whoIs(session))?.id).toBe(teacherId);
    const [row] = await handle.db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(session!)));
    expect(row.method).toBe('sso');
    expect((await lastAudit('auth.sign_in', teacherId))?.after).toEqual({ method: 'sso', issuer: provider.issuer });
  });

  it('links the active account whose address the provider has verified, and later signs in by the link alone', async () => {
    const expertId = fixtures.actors.expert!.userId;
    provider.people.set('expert-sub', { email: fixtures.emails.expert.toUpperCase(), email_verified: true });
    const first = await signInThroughProvider('expert-sub');
    expect(first.location).toBe('/');
    expect((await whoIs(first.session))?.id).toBe(expertId);
    expect(await identityOf('expert-sub')).toEqual([expect.objectContaining({ userId: expertId })]);
    const linked = await lastAudit('auth.sso_linked', expertId);
    expect(linked?.actorId).toBe(expertId);
    expect(JSON.stringify(linked)).not.toContain(fixtures.emails.expert);
    const [user] = await handle.db.select().from(users).where(eq(users.id, expertId));
    expect(user.emailVerifiedAt).not.toBeNull();

    provider.people.set('expert-sub', { email: 'changed@elsewhere.test', email_verified: false });
    const second = await signInThroughProvider('expert-sub');
    expect((await whoIs(second.session))?.id).toBe(expertId);
  });

  it('refuses an address the provider has not verified, linking nothing', async () => {
    provider.people.set('unverified-sub', { email: fixtures.emails.orgAdmin, email_verified: false });
    const { location, session } = await signInThroughProvider('unverified-sub');
    expect(location).toBe('/sign-in?sso=unverified');
    expect(session).toBeNull();
    expect(await identityOf('unverified-sub')).toEqual([]);
    provider.people.set('no-email-sub', { name: 'Пользователь orgAdmin' });
    expect((await signInThroughProvider('no-email-sub')).location).toBe('/sign-in?sso=unverified');
  });

  it('refuses a verified address that has no account, asking for an invitation', async () => {
    provider.people.set('stranger-sub', { email: 'stranger@test.orbita', email_verified: true, name: 'Пользователь guardian' });
    const { location, session } = await signInThroughProvider('stranger-sub');
    expect(location).toBe('/sign-in?sso=no-account');
    expect(session).toBeNull();
    expect(await identityOf('stranger-sub')).toEqual([]);
  });

  it('refuses a deactivated account, whether found by its address or by its link', async () => {
    const guardianId = fixtures.actors.guardian!.userId;
    const otherOrgAdminId = fixtures.actors.otherOrgAdmin!.userId;
    await handle.db.insert(ssoIdentities).values({ issuer: provider.issuer, subject: 'disabled-linked-sub', userId: otherOrgAdminId });
    await handle.db.update(users).set({ disabledAt: new Date(), disabledReason: 'уволен' }).where(eq(users.id, guardianId));
    await handle.db.update(users).set({ disabledAt: new Date(), disabledReason: 'уволен' }).where(eq(users.id, otherOrgAdminId));
    try {
      provider.people.set('disabled-sub', { email: fixtures.emails.guardian, email_verified: true });
      const byAddress = await signInThroughProvider('disabled-sub');
      expect(byAddress).toEqual({ location: '/sign-in?sso=disabled', session: null });
      expect(await identityOf('disabled-sub')).toEqual([]);
      expect((await lastAudit('auth.sign_in_failed', guardianId))?.after).toEqual({ method: 'sso', issuer: provider.issuer, reason: 'disabled' });

      provider.people.set('disabled-linked-sub', {});
      expect(await signInThroughProvider('disabled-linked-sub')).toEqual({ location: '/sign-in?sso=disabled', session: null });
    } finally {
      await handle.db.update(users).set({ disabledAt: null, disabledReason: null }).where(eq(users.id, guardianId));
      await handle.db.update(users).set({ disabledAt: null, disabledReason: null }).where(eq(users.id, otherOrgAdminId));
    }
  });

  describe('the state', () => {
    const linkedSubject = 'state-sub';
    beforeAll(async () => {
      await handle.db.insert(ssoIdentities).values({ issuer: provider.issuer, subject: linkedSubject, userId: fixtures.actors.orgAdmin!.userId });
      provider.people.set(linkedSubject, {});
    });

    it('is refused when tampered with, and the real one still works once', async () => {
      const started = await start();
      const answer = await passProviderLogin(started.location, linkedSubject);
      const tampered = new URL(answer);
      tampered.searchParams.set('state', `${answer.searchParams.get('state')}x`);
      expect(await callback(tampered, `${started.stateCookie}x`)).toEqual({ location: '/sign-in?sso=state', session: null });
      const honest = await callback(answer, started.stateCookie);
      expect((await whoIs(honest.session))?.id).toBe(fixtures.actors.orgAdmin!.userId);
    });

    it('works only once: the same answer replayed is refused', async () => {
      const started = await start();
      const answer = await passProviderLogin(started.location, linkedSubject);
      expect((await callback(answer, started.stateCookie)).session).not.toBeNull();
      expect(await callback(answer, started.stateCookie)).toEqual({ location: '/sign-in?sso=state', session: null });
    });

    it('is refused in a browser that did not start the sign-in (no or another state cookie)', async () => {
      const started = await start();
      const answer = await passProviderLogin(started.location, linkedSubject);
      expect(await callback(answer, null)).toEqual({ location: '/sign-in?sso=state', session: null });
      // The attempt is spent by the refused answer, so the victim's browser cannot be signed in with it later either.
      expect(await callback(answer, started.stateCookie)).toEqual({ location: '/sign-in?sso=state', session: null });
    });

    it('is refused after ten minutes', async () => {
      const started = await start();
      const state = new URL(started.location).searchParams.get('state')!;
      await handle.db.update(ssoAttempts).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(ssoAttempts.stateHash, hashToken(state)));
      const answer = await passProviderLogin(started.location, linkedSubject);
      expect(await callback(answer, started.stateCookie)).toEqual({ location: '/sign-in?sso=state', session: null });
    });
  });

  it('refuses an ID token whose nonce is not the attempt’s', async () => {
    const started = await start();
    const state = new URL(started.location).searchParams.get('state')!;
    await handle.db.update(ssoAttempts).set({ nonce: 'a-nonce-the-provider-never-saw' }).where(eq(ssoAttempts.stateHash, hashToken(state)));
    const answer = await passProviderLogin(started.location, 'teacher-sub');
    expect(await callback(answer, started.stateCookie)).toEqual({ location: '/sign-in?sso=state', session: null });
  });

  it('says so when the person cancels at the provider', async () => {
    const started = await start();
    const answer = await passProviderLogin(started.location, 'teacher-sub', { abort: true });
    expect(answer.searchParams.get('error')).toBe('access_denied');
    expect(await callback(answer, started.stateCookie)).toEqual({ location: '/sign-in?sso=denied', session: null });
  });

  it('returns only to a path on this site', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const { location } = await start(`?next=${encodeURIComponent(next)}`);
      const state = new URL(location).searchParams.get('state')!;
      const [attempt] = await handle.db.select().from(ssoAttempts).where(eq(ssoAttempts.stateHash, hashToken(state)));
      expect(attempt.returnTo).toBe('/');
    }
  });
});

describe('single sign-on when the provider is away or not configured', () => {
  it('redirects to the sign-in page saying the provider is unavailable', async () => {
    const closed = await startTestProvider(ssoCallbackUrl(PUBLIC_URL));
    await closed.close();
    const unreachable = { issuer: closed.issuer, clientId: 'orbita', clientSecret: 'x', name: 'Вход' };
    const away = await buildApp(handle, { ...loadConfig({}), logLevel: 'silent', publicUrl: PUBLIC_URL, sso: unreachable });
    const off = await buildApp(handle, { ...loadConfig({}), logLevel: 'silent', publicUrl: PUBLIC_URL });
    try {
      expect((await away.inject({ method: 'GET', url: '/api/auth/sso/start' })).headers.location).toBe('/sign-in?sso=unavailable');
      expect((await off.inject({ method: 'GET', url: '/api/auth/sso' })).json()).toEqual({ enabled: false, name: null });
      expect((await off.inject({ method: 'GET', url: '/api/auth/sso/start' })).headers.location).toBe('/sign-in?sso=unavailable');
    } finally {
      await away.close();
      await off.close();
    }
  });
});
