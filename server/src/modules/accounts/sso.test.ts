import { and, desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database';
import { FIXTURE_PASSWORD, type Fixtures, seedFixtures } from '../../../test/fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { loadConfig } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { buildApp } from '../../platform/http/app';
import type { App } from '../../platform/http/route-kit';
import { hashToken, randomToken } from '../../platform/secret-tokens';
import { invitations, memberships, sessions, ssoAttempts, ssoIdentities, users } from './schema';
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

/** The cookies a response sets, as the Cookie header a browser would send back. */
const cookieHeader = (response: LightMyRequestResponse) => response.cookies.filter((c) => c.value).map((c) => `${c.name}=${c.value}`).join('; ');

/** Opens /api/auth/sso/start as a browser would: the redirect to the provider and the cookies it sets. */
async function start(query = '', cookie = '') {
  const response = await app.inject({ method: 'GET', url: `/api/auth/sso/start${query}`, headers: cookie ? { cookie } : {} });
  expect(response.statusCode).toBe(302);
  return { location: response.headers.location as string, stateCookie: cookieOf(response, 'orbita_sso_state'), cookies: [cookieHeader(response), cookie].filter(Boolean).join('; ') };
}

/** Brings the provider's answer back to our callback with the browser's cookies. */
async function callback(answer: URL, cookies: string | null) {
  expect(answer.origin + answer.pathname).toBe(ssoCallbackUrl(PUBLIC_URL));
  const response = await app.inject({ method: 'GET', url: `${answer.pathname}${answer.search}`, headers: cookies ? { cookie: cookies } : {} });
  expect(response.statusCode).toBe(302);
  return { location: response.headers.location as string, session: cookieOf(response, 'orbita_session') };
}

/** The whole round: start, sign in at the provider as `subject`, come back. */
async function signInThroughProvider(subject: string, query = '', cookie = '') {
  const started = await start(query, cookie);
  const answer = await passProviderLogin(started.location, subject);
  return callback(answer, started.cookies);
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

  it('ends the session of someone else signed in on the same browser when the identity opens its own', async () => {
    const signedIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: fixtures.emails.orgAdmin, password: FIXTURE_PASSWORD } });
    const previous = signedIn.cookies.find((c) => c.name === 'orbita_session')!.value;
    const teacherId = fixtures.actors.teacher!.userId;
    await handle.db.insert(ssoIdentities).values({ issuer: provider.issuer, subject: 'teacher-on-shared-pc', userId: teacherId });
    const { session } = await signInThroughProvider('teacher-on-shared-pc', '', cookieHeader(signedIn));
    expect((await whoIs(session))?.id).toBe(teacherId);
    expect(await whoIs(previous)).toBeNull();
    expect((await lastAudit('auth.sign_out', fixtures.actors.orgAdmin!.userId))?.after).toEqual({ reason: 'sso_sign_in' });
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
      expect(await callback(tampered, `orbita_sso_state=${started.stateCookie}x`)).toEqual({ location: '/sign-in?sso=state', session: null });
      const honest = await callback(answer, started.cookies);
      expect((await whoIs(honest.session))?.id).toBe(fixtures.actors.orgAdmin!.userId);
    });

    it('works only once: the same answer replayed is refused', async () => {
      const started = await start();
      const answer = await passProviderLogin(started.location, linkedSubject);
      expect((await callback(answer, started.cookies)).session).not.toBeNull();
      expect(await callback(answer, started.cookies)).toEqual({ location: '/sign-in?sso=state', session: null });
    });

    it('is refused in a browser that did not start the sign-in (no or another state cookie)', async () => {
      const started = await start();
      const answer = await passProviderLogin(started.location, linkedSubject);
      expect(await callback(answer, null)).toEqual({ location: '/sign-in?sso=state', session: null });
      // The attempt is spent by the refused answer, so the victim's browser cannot be signed in with it later either.
      expect(await callback(answer, started.cookies)).toEqual({ location: '/sign-in?sso=state', session: null });
    });

    it('is refused after ten minutes', async () => {
      const started = await start();
      const state = new URL(started.location).searchParams.get('state')!;
      await handle.db.update(ssoAttempts).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(ssoAttempts.stateHash, hashToken(state)));
      const answer = await passProviderLogin(started.location, linkedSubject);
      expect(await callback(answer, started.cookies)).toEqual({ location: '/sign-in?sso=state', session: null });
    });
  });

  it('refuses an ID token whose nonce is not the attempt’s', async () => {
    const started = await start();
    const state = new URL(started.location).searchParams.get('state')!;
    await handle.db.update(ssoAttempts).set({ nonce: 'a-nonce-the-provider-never-saw' }).where(eq(ssoAttempts.stateHash, hashToken(state)));
    const answer = await passProviderLogin(started.location, 'teacher-sub');
    expect(await callback(answer, started.cookies)).toEqual({ location: '/sign-in?sso=state', session: null });
  });

  it('says so when the person cancels at the provider', async () => {
    const started = await start();
    const answer = await passProviderLogin(started.location, 'teacher-sub', { abort: true });
    expect(answer.searchParams.get('error')).toBe('access_denied');
    expect(await callback(answer, started.cookies)).toEqual({ location: '/sign-in?sso=denied', session: null });
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

describe('accepting an invitation through single sign-on', () => {
  let serial = 0;
  /** An invitation from the head of the own school, with the link's token (only its hash is stored). */
  async function invite(email: string, role: 'teacher' | 'coordinator' | 'deputy_head', expiresAt = new Date(Date.now() + 14 * 86_400_000)) {
    const token = randomToken();
    const [row] = await handle.db
      .insert(invitations)
      .values({ email, fullName: `Приглашённый ${++serial}`, role, organizationId: fixtures.ownOrganizationId, tokenHash: hashToken(token), invitedBy: fixtures.actors.orgAdmin!.userId, expiresAt })
      .returning();
    return { token, id: row.id };
  }
  const rolesIn = (userId: string) => handle.db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.organizationId, fixtures.ownOrganizationId)));
  const invitationRow = async (id: string) => (await handle.db.select().from(invitations).where(eq(invitations.id, id)))[0];

  it('makes a new account for a new address, linked to the identity whatever address the provider reports', async () => {
    const { token, id } = await invite('new.teacher@test.orbita', 'teacher');
    provider.people.set('newcomer-sub', { email: 'private@mail.example', email_verified: false });
    const { location, session } = await signInThroughProvider('newcomer-sub', `?invitation=${token}&next=%2Forganizations`);
    expect(location).toBe('/organizations');
    const me = await whoIs(session);
    expect(me?.email).toBe('new.teacher@test.orbita');
    expect(await identityOf('newcomer-sub')).toEqual([expect.objectContaining({ userId: me!.id })]);
    expect(await rolesIn(me!.id)).toEqual([{ role: 'teacher' }]);
    const [account] = await handle.db.select().from(users).where(eq(users.id, me!.id));
    expect(account.passwordHash).toBeNull();
    expect((await invitationRow(id)).acceptedUserId).toBe(me!.id);
    const [row] = await handle.db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(session!)));
    expect(row.method).toBe('sso');
    expect((await lastAudit('auth.sso_linked', me!.id))?.after).toMatchObject({ by: 'invitation', subject: 'newcomer-sub' });
    // The link is spent: the same invitation cannot start another sign-in.
    expect((await start(`?invitation=${token}`)).location).toBe('/sign-in?sso=invitation');
  });

  it('adds the role to the account the provider verified the invitation address of', async () => {
    const teacherId = fixtures.actors.teacher!.userId;
    const { token } = await invite(fixtures.emails.teacher, 'coordinator');
    provider.people.set('teacher-second-sub', { email: fixtures.emails.teacher, email_verified: true });
    const { session } = await signInThroughProvider('teacher-second-sub', `?invitation=${token}`);
    expect((await whoIs(session))?.id).toBe(teacherId);
    expect((await rolesIn(teacherId)).map((r) => r.role).sort()).toEqual(['coordinator', 'teacher']);
    expect(await identityOf('teacher-second-sub')).toEqual([expect.objectContaining({ userId: teacherId })]);
  });

  it('asks a person whose address has an account to sign in to it first, unless they came signed in to it', async () => {
    const authorityId = fixtures.actors.authority!.userId;
    const { token, id } = await invite(fixtures.emails.authority, 'deputy_head');
    provider.people.set('authority-sub', { email: fixtures.emails.authority, email_verified: false });
    expect(await signInThroughProvider('authority-sub', `?invitation=${token}`)).toEqual({ location: '/sign-in?sso=sign-in-first', session: null });
    expect((await invitationRow(id)).acceptedAt).toBeNull();
    expect(await identityOf('authority-sub')).toEqual([]);

    const signedIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: fixtures.emails.authority, password: FIXTURE_PASSWORD } });
    const sessionCookie = cookieHeader(signedIn);
    const accepted = await signInThroughProvider('authority-sub', `?invitation=${token}`, sessionCookie);
    expect(accepted).toEqual({ location: '/', session: null });
    expect(await rolesIn(authorityId)).toEqual([{ role: 'deputy_head' }]);
    expect(await identityOf('authority-sub')).toEqual([expect.objectContaining({ userId: authorityId })]);
  });

  it('refuses an invitation to another address for an identity linked to an account already', async () => {
    const { token, id } = await invite('someone.new@test.orbita', 'teacher');
    // teacher-sub is linked to the teacher's account by an earlier test
    expect(await signInThroughProvider('teacher-sub', `?invitation=${token}`)).toEqual({ location: '/sign-in?sso=other-account', session: null });
    expect((await invitationRow(id)).acceptedAt).toBeNull();
    expect(await handle.db.select().from(users).where(eq(users.email, 'someone.new@test.orbita'))).toEqual([]);
  });

  it('refuses an invitation expired before the start, or revoked while the person was at the provider', async () => {
    const expired = await invite('late@test.orbita', 'teacher', new Date(Date.now() - 1000));
    expect((await start(`?invitation=${expired.token}`)).location).toBe('/sign-in?sso=invitation');
    expect((await start('?invitation=not-a-token')).location).toBe('/sign-in?sso=invitation');

    const revoked = await invite('revoked@test.orbita', 'teacher');
    provider.people.set('revoked-sub', {});
    const started = await start(`?invitation=${revoked.token}`);
    await handle.db.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, revoked.id));
    const answer = await passProviderLogin(started.location, 'revoked-sub');
    expect(await callback(answer, started.cookies)).toEqual({ location: '/sign-in?sso=invitation', session: null });
    expect(await identityOf('revoked-sub')).toEqual([]);
  });

  it('finishes only with the invitation the sign-in began with', async () => {
    const { token, id } = await invite('swapped@test.orbita', 'teacher');
    const other = await invite('other@test.orbita', 'teacher');
    provider.people.set('swap-sub', {});
    const started = await start(`?invitation=${token}`);
    const answer = await passProviderLogin(started.location, 'swap-sub');
    const swapped = started.cookies.replace(token, other.token);
    expect(await callback(answer, swapped)).toEqual({ location: '/sign-in?sso=state', session: null });
    expect((await invitationRow(id)).acceptedAt).toBeNull();
    expect((await invitationRow(other.id)).acceptedAt).toBeNull();
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
