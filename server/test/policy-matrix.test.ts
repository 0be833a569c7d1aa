import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { russianSortKey } from '../src/algorithms/russian-sort-key';
import { memberships } from '../src/modules/accounts/schema';
import { openSession } from '../src/modules/accounts/sessions';
import { organizations } from '../src/modules/organizations/schema';
import { type Session, type TestApp, openTestApp } from './app';
import type { FixtureRole } from './fixtures';

/**
 * The authorisation matrix: every write route × every role × the caller's own / another organisation
 * (or municipality). It is generated from the routes the app registers, so a new write route
 * without a scenario here fails the suite.
 */

type Target = 'own' | 'other';
type Expectation = Record<FixtureRole, [own: boolean, other: boolean]>;

interface Scenario {
  /** Builds the request against fresh data, so earlier calls cannot turn a refusal into a conflict. */
  request(t: TestApp, target: Target): Promise<{ url: string; body?: unknown; multipart?: { fileName: string; content: string } }>;
  allowed: Expectation;
  /** What an allowed call answers; 2xx unless the scenario says otherwise. */
  allowedStatus?: number;
  /** What a refused signed-in caller gets; 403 unless the resource's existence is hidden (404). */
  refusedStatus?: (role: FixtureRole) => number;
}

const roles: FixtureRole[] = ['anonymous', 'operator', 'authority', 'authorityElsewhere', 'expert', 'guardian', 'orgAdmin', 'teacher', 'otherOrgAdmin'];
const everyone = (own: boolean, other = own): Expectation => Object.fromEntries(roles.map((r) => [r, [own, other]])) as Expectation;
const only = (grants: Partial<Expectation>): Expectation => ({ ...everyone(false), ...grants });
const signedIn: Expectation = { ...everyone(true), anonymous: [false, false] };

/** Write routes anyone may call by design, with the reason. */
const publicWriteRoutes: Record<string, string> = {
  'POST /api/auth/sign-in': 'signing in is how a person becomes someone; rate-limited instead',
};

let serial = 0;
async function freshOrganization(t: TestApp, target: Target) {
  serial += 1;
  const municipalityId = target === 'own' ? t.fixtures.municipalityId : t.fixtures.otherMunicipalityId;
  const shortName = `Школа матрицы ${serial}`;
  const [org] = await t.handle.db
    .insert(organizations)
    .values({ kind: 'school', fullName: `${shortName} полное`, shortName, sortKey: russianSortKey(shortName), municipalityId })
    .returning();
  const members = target === 'own'
    ? [{ userId: t.fixtures.actors.orgAdmin!.userId, role: 'org_admin' as const }, { userId: t.fixtures.actors.teacher!.userId, role: 'teacher' as const }]
    : [{ userId: t.fixtures.actors.otherOrgAdmin!.userId, role: 'org_admin' as const }];
  await t.handle.db.insert(memberships).values(members.map((m) => ({ ...m, organizationId: org.id })));
  return org;
}

const validCsv = 'Полное наименование;Краткое наименование;Тип;Муниципалитет\nМуниципальное учреждение «Школа № 777»;Школа № 777;Школа;Городской округ Первый\n';

const scenarios: Record<string, Scenario> = {
  'POST /api/auth/sign-out': { request: async () => ({ url: '/api/auth/sign-out' }), allowed: signedIn },
  'POST /api/auth/change-password': {
    // A wrong current password proves the caller got past authorisation without changing anything.
    request: async () => ({ url: '/api/auth/change-password', body: { currentPassword: 'not-the-password', newPassword: 'another-password-1' } }),
    allowed: signedIn,
    allowedStatus: 400,
  },
  'POST /api/organizations': {
    request: async (t, target) => ({
      url: '/api/organizations',
      body: { kind: 'school', fullName: `Новая школа ${++serial}`, shortName: `Новая школа ${serial}`, municipalityId: target === 'own' ? t.fixtures.municipalityId : t.fixtures.otherMunicipalityId },
    }),
    allowed: only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true] }),
  },
  'PATCH /api/organizations/:id': {
    request: async (t, target) => {
      const org = await freshOrganization(t, target);
      return { url: `/api/organizations/${org.id}`, body: { version: org.version, phone: '+7 900 000-00-00' } };
    },
    allowed: only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] }),
  },
  'POST /api/organizations/:id/verify': {
    request: async (t, target) => {
      const org = await freshOrganization(t, target);
      return { url: `/api/organizations/${org.id}/verify`, body: { version: org.version } };
    },
    allowed: only({ operator: [true, true] }),
  },
  'POST /api/organizations/:id/archive': {
    request: async (t, target) => {
      const org = await freshOrganization(t, target);
      return { url: `/api/organizations/${org.id}/archive`, body: { version: org.version } };
    },
    allowed: only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true] }),
  },
  'POST /api/organizations/:id/merge': {
    request: async (t, target) => {
      const survivor = await freshOrganization(t, target);
      const duplicate = await freshOrganization(t, target);
      return { url: `/api/organizations/${survivor.id}/merge`, body: { duplicateId: duplicate.id } };
    },
    allowed: only({ operator: [true, true] }),
  },
  'POST /api/organizations/imports': {
    request: async () => ({ url: '/api/organizations/imports', multipart: { fileName: 'registry.csv', content: validCsv } }),
    allowed: only({ operator: [true, true], authority: [true, true], authorityElsewhere: [true, true] }),
  },
  'POST /api/organizations/imports/:id/commit': {
    // The preview belongs to the operator: only its author may commit it.
    request: async (t) => {
      const operator = (await sessionOf(t, 'operator'))!;
      const { payload, headers } = multipartPayload('registry.csv', validCsv.replace(/777/g, String(1000 + ++serial)));
      const preview = await t.app.inject({ method: 'POST', url: '/api/organizations/imports', payload, headers: { ...headers, cookie: operator.cookie, 'x-csrf-token': operator.csrfToken } });
      return { url: `/api/organizations/imports/${preview.json().id}/commit` };
    },
    allowed: only({ operator: [true, true] }),
    // Importers other than the author are told the preview does not exist; everyone else may not import at all.
    refusedStatus: (role) => (role === 'authority' || role === 'authorityElsewhere' ? 404 : 403),
  },
};

const BOUNDARY = 'orbita-matrix-boundary';
function multipartPayload(fileName: string, content: string) {
  const payload = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${BOUNDARY}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

async function sessionOf(t: TestApp, role: FixtureRole): Promise<Session | null> {
  const actor = t.fixtures.actors[role];
  if (!actor) return null;
  // Fresh sessions straight from the store: signing out in one case must not affect the next.
  const { token, csrfToken } = await openSession(t.handle.db, actor.userId, { ip: '127.0.0.1', userAgent: 'matrix' });
  return { cookie: `orbita_session=${token}`, csrfToken };
}

describe('authorisation matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('has a scenario for every write route the app registers', () => {
    const writeRoutes = t.app.routeTable.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method)).map((r) => `${r.method} ${r.url}`);
    expect(writeRoutes.length).toBeGreaterThan(5);
    const missing = writeRoutes.filter((key) => !scenarios[key] && !publicWriteRoutes[key]);
    expect(missing, 'write routes without an authorisation scenario').toEqual([]);
    const withoutPolicy = t.app.routeTable.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !r.policy).map((r) => `${r.method} ${r.url}`);
    expect(withoutPolicy, 'write routes that declare no policy').toEqual([]);
  });

  for (const [key, scenario] of Object.entries(scenarios)) {
    const [method] = key.split(' ');
    for (const role of roles) {
      for (const target of ['own', 'other'] as Target[]) {
        const allowed = scenario.allowed[role][target === 'own' ? 0 : 1];
        it(`${key} — ${role}, ${target}: ${allowed ? 'allowed' : 'refused'}`, async () => {
          const request = await scenario.request(t, target);
          const session = await sessionOf(t, role);
          const auth = session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {};
          const multipart = request.multipart ? multipartPayload(request.multipart.fileName, request.multipart.content) : null;
          const response = await t.app.inject({
            method: method as 'POST',
            url: request.url,
            headers: { ...auth, ...(multipart?.headers ?? {}) },
            ...(multipart ? { payload: multipart.payload } : request.body !== undefined ? { payload: request.body as object } : {}),
          });
          if (!allowed) {
            // 404 counts as a refusal where a resource is private to its owner and its existence is not disclosed.
            expect(response.statusCode, response.body).toBe(role === 'anonymous' ? 401 : (scenario.refusedStatus?.(role) ?? 403));
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
