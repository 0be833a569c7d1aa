import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicWriteRoutes } from '../src/modules/accounts/policy.scenarios';
import { type TestApp, openTestApp } from './app';
import { type Target, multipartPayload, roles, sessionOf } from './policy-matrix';
import { writeScenarios } from './policy-scenarios';

/**
 * The authorisation matrix: every write route × every role × the caller's own / another organisation
 * (or municipality). It is generated from the routes the app registers, so a new write route
 * without a scenario in its module's policy.scenarios.ts fails the suite.
 */
const scenarios = writeScenarios;

describe('authorisation matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('has a scenario for every write route the app registers, and every write route names its policy', () => {
    const writeRoutes = t.app.routeTable.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    expect(writeRoutes.length).toBeGreaterThan(5);
    const missing = writeRoutes.map((r) => `${r.method} ${r.url}`).filter((key) => !scenarios[key] && !publicWriteRoutes[key]);
    expect(missing, 'write routes without an authorisation scenario').toEqual([]);
    expect(writeRoutes.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`), 'write routes that declare no policy').toEqual([]);
  });

  for (const [key, scenario] of Object.entries(scenarios)) {
    const [method] = key.split(' ');
    for (const role of roles) {
      for (const target of ['own', 'other'] as Target[]) {
        const allowed = scenario.allowed[role][target === 'own' ? 0 : 1];
        it(`${key} — ${role}, ${target}: ${allowed ? 'allowed' : 'refused'}`, async () => {
          const request = await scenario.request(t, target, role);
          const session = await sessionOf(t, role);
          const auth = session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {};
          const multipart = request.multipart ? multipartPayload(request.multipart.fileName, request.multipart.content) : null;
          const response = await t.app.inject({
            method: method as 'POST',
            url: request.url,
            headers: { ...auth, ...(multipart?.headers ?? {}), ...(request.headers ?? {}) },
            ...(multipart ? { payload: multipart.payload } : request.body !== undefined ? { payload: request.body as object } : {}),
          });
          if (!allowed) {
            expect(response.statusCode, response.body).toBe(role === 'anonymous' ? 401 : (scenario.refusedStatus?.(role, target) ?? 403));
            expect(response.headers['content-type']).toContain('application/problem+json');
          } else if (scenario.allowedStatus) {
            expect(response.statusCode, response.body).toBe(scenario.allowedStatus);
          } else {
            expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
            expect(response.statusCode, response.body).toBeLessThan(300);
          }
        });
      }
    }
  }
});
