import { russianSortKey } from '../src/algorithms/russian-sort-key';
import { memberships } from '../src/modules/accounts/schema';
import { openSession } from '../src/modules/accounts/sessions';
import { organizations } from '../src/modules/organizations/schema';
import type { Session, TestApp } from './app';
import type { FixtureRole } from './fixtures';

/**
 * Building blocks of the authorisation matrix (server/test/policy-matrix.test.ts). Each module lists
 * the scenarios of its write routes in `<module>/policy.scenarios.ts`, keyed "METHOD /api/path".
 */

/** "own": the caller's own organisation (or, for an authority, its municipality); "other": someone else's. */
export type Target = 'own' | 'other';
export type Expectation = Record<FixtureRole, [own: boolean, other: boolean]>;

export interface Scenario {
  /**
   * Builds the request against fresh data, so earlier calls cannot turn a refusal into a conflict. The
   * caller's role is given for records that belong to a person rather than an organisation (their notifications).
   */
  request(
    t: TestApp,
    target: Target,
    role: FixtureRole,
  ): Promise<{ url: string; body?: unknown; multipart?: { fileName: string; content: string }; headers?: Record<string, string> }>;
  allowed: Expectation;
  /** What an allowed call answers; 2xx unless the scenario says otherwise. */
  allowedStatus?: number;
  /** What a refused signed-in caller gets; 403 unless the resource's existence is hidden (404), which may differ by target. */
  refusedStatus?: (role: FixtureRole, target: Target) => number;
}

export const roles: FixtureRole[] = ['anonymous', 'operator', 'authority', 'authorityElsewhere', 'expert', 'guardian', 'orgAdmin', 'teacher', 'otherOrgAdmin'];
export const everyone = (own: boolean, other = own): Expectation => Object.fromEntries(roles.map((r) => [r, [own, other]])) as Expectation;
export const only = (grants: Partial<Expectation>): Expectation => ({ ...everyone(false), ...grants });
export const signedIn: Expectation = { ...everyone(true), anonymous: [false, false] };

let serial = 0;
/** A number no other scenario call has used, for unique names. */
export const nextSerial = () => ++serial;

/** A new school in the caller's municipality ("own", administered by orgAdmin, taught at by teacher) or the other one (otherOrgAdmin's). */
export async function freshOrganization(t: TestApp, target: Target) {
  const shortName = `Школа матрицы ${nextSerial()}`;
  const municipalityId = target === 'own' ? t.fixtures.municipalityId : t.fixtures.otherMunicipalityId;
  const [org] = await t.handle.db
    .insert(organizations)
    .values({ kind: 'school', fullName: `${shortName} полное`, shortName, sortKey: russianSortKey(shortName), municipalityId })
    .returning();
  const members =
    target === 'own'
      ? [{ userId: t.fixtures.actors.orgAdmin!.userId, role: 'org_admin' as const }, { userId: t.fixtures.actors.teacher!.userId, role: 'teacher' as const }]
      : [{ userId: t.fixtures.actors.otherOrgAdmin!.userId, role: 'org_admin' as const }];
  await t.handle.db.insert(memberships).values(members.map((m) => ({ ...m, organizationId: org.id })));
  return org;
}

export const BOUNDARY = 'orbita-matrix-boundary';
export function multipartPayload(fileName: string, content: string) {
  const payload = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${BOUNDARY}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

/** A fresh session straight from the store: signing out in one case must not affect the next. */
export async function sessionOf(t: TestApp, role: FixtureRole): Promise<Session | null> {
  const actor = t.fixtures.actors[role];
  if (!actor) return null;
  const { token, csrfToken } = await openSession(t.handle.db, actor.userId, { ip: '127.0.0.1', userAgent: 'matrix' });
  return { cookie: `orbita_session=${token}`, csrfToken };
}
