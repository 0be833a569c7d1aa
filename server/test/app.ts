import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/platform/config';
import type { DatabaseHandle } from '../src/platform/db/client';
import { buildApp } from '../src/platform/http/app';
import type { App } from '../src/platform/http/route-kit';
import { openTestDatabase } from './database';
import { FIXTURE_PASSWORD, type FixtureRole, type Fixtures, seedFixtures } from './fixtures';

export interface Session {
  cookie: string;
  csrfToken: string;
}

export interface TestApp {
  app: App;
  handle: DatabaseHandle;
  fixtures: Fixtures;
  /** Signs in as a fixture role and returns the cookie and CSRF token to send. */
  signIn(role: Exclude<FixtureRole, 'anonymous'>): Promise<Session>;
  /** An HTTP call with an optional session; writes carry its CSRF token. */
  call(method: string, url: string, options?: { session?: Session | null; body?: unknown }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openTestApp(): Promise<TestApp> {
  const handle = await openTestDatabase();
  const fixtures = await seedFixtures(handle.db);
  // Its own data directory: published audit heads of a demo server in ./data must not meet this database.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbita-test-data-'));
  const app = await buildApp(handle, { ...loadConfig({}), dataDir, logLevel: 'silent' });
  await app.ready();
  const sessions = new Map<string, Session>();

  const call: TestApp['call'] = (method, url, options = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: options.session ? { cookie: options.session.cookie, 'x-csrf-token': options.session.csrfToken } : {},
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });

  return {
    app,
    handle,
    fixtures,
    call,
    async signIn(role) {
      const cached = sessions.get(role);
      if (cached) return cached;
      const response = await call('POST', '/api/auth/sign-in', { body: { email: fixtures.emails[role], password: FIXTURE_PASSWORD } });
      if (response.statusCode !== 200) throw new Error(`sign-in as ${role} failed: ${response.body}`);
      const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const session = { cookie, csrfToken: response.json().csrfToken as string };
      sessions.set(role, session);
      return session;
    },
    async close() {
      await app.close();
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
