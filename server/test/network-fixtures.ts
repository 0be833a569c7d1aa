import type { TestApp } from './app';
import { type Target, freshOrganization } from './policy-matrix';
import type { Database } from '../src/platform/db/client';
import { type NetworkKind, networkMembers, networks } from '../src/modules/networks/schema';
import type { Fixtures } from './fixtures';

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
