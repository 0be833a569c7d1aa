import type { Session, TestApp } from './app';
import { type Target, freshOrganization } from './policy-matrix';
import type { Database } from '../src/platform/db/client';
import { russianSortKey } from '../src/algorithms/russian-sort-key';
import { hashPassword } from '../src/modules/accounts/passwords';
import { memberships, users } from '../src/modules/accounts/schema';
import { openSession } from '../src/modules/accounts/sessions';
import { type NetworkKind, networkMembers, networks } from '../src/modules/networks/schema';
import { organizations } from '../src/modules/organizations/schema';
import { FIXTURE_PASSWORD, type Fixtures } from './fixtures';

/**
 * A district around the fixtures' own organisation (managed by it, so `orgAdmin` coordinates it and
 * `authority` covers its municipality) with the other organisation (`otherOrgAdmin`'s) as an active member.
 */
export async function seedNetwork(db: Database, fixtures: Fixtures, options: { kind?: NetworkKind; visibility?: 'public' | 'members'; name?: string } = {}) {
  const kind = options.kind ?? 'district';
  const [network] = await db
    .insert(networks)
    .values({
      name: options.name ?? 'Школьный округ «Первый»',
      kind,
      strategicGoal: 'Качественное образование независимо от места жительства',
      municipalityIds: [fixtures.municipalityId],
      managingOrganizationId: fixtures.ownOrganizationId,
      visibility: options.visibility ?? 'public',
    })
    .returning();
  const today = new Date().toISOString().slice(0, 10);
  await db.insert(networkMembers).values([
    { networkId: network.id, organizationId: fixtures.ownOrganizationId, role: kind === 'district' ? 'base' : kind === 'partnership' ? 'leader' : 'member', state: 'active', joinedOn: today },
    { networkId: network.id, organizationId: fixtures.otherOrganizationId, role: kind === 'partnership' ? 'satellite' : 'member', state: 'active', joinedOn: today },
  ]);
  return network;
}

/** For the authorisation matrix: a new district managed by a fresh organisation of the target side (see freshOrganization). */
export async function freshNetwork(t: TestApp, target: Target) {
  const managing = await freshOrganization(t, target);
  const [network] = await t.handle.db
    .insert(networks)
    .values({ name: `Сеть матрицы ${managing.shortName}`, kind: 'district', municipalityIds: [managing.municipalityId], managingOrganizationId: managing.id })
    .returning();
  await t.handle.db.insert(networkMembers).values({ networkId: network.id, organizationId: managing.id, role: 'base', state: 'active' });
  return network;
}

/** A new school with its own head (a user with the fixture password and an open session), an active member of `join` if given. */
export async function organizationWithHead(t: TestApp, name: string, join: { id: string } | null) {
  const [org] = await t.handle.db
    .insert(organizations)
    .values({ kind: 'school', fullName: `Муниципальное общеобразовательное учреждение «${name}»`, shortName: name, sortKey: russianSortKey(name), municipalityId: t.fixtures.municipalityId, headName: 'Иванова Мария Петровна' })
    .returning();
  const [user] = await t.handle.db
    .insert(users)
    .values({ email: `head-${org.id.slice(0, 8)}@test.orbita`, passwordHash: await hashPassword(FIXTURE_PASSWORD), fullName: 'Иванова Мария Петровна' })
    .returning();
  await t.handle.db.insert(memberships).values({ userId: user.id, organizationId: org.id, role: 'org_admin' });
  if (join) await t.handle.db.insert(networkMembers).values({ networkId: join.id, organizationId: org.id, role: 'member', state: 'active', joinedOn: new Date().toISOString().slice(0, 10) });
  const { token, csrfToken } = await openSession(t.handle.db, user.id, { ip: '127.0.0.1', userAgent: 'test' });
  return { org, user, session: { cookie: `orbita_session=${token}`, csrfToken } as Session };
}
