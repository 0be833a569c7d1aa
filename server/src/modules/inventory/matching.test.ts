import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { resourceExchanges } from '../exchanges/schema';
import { networkMembers, networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { resourceNeeds, resourceOffers } from './schema';

/**
 * The need of СОШ № 1 (54.70, 20.50) for a chemistry teacher, and schools around it: Гимназия № 3
 * about 2.6 km away, Лицей № 4 about 45 km, Школа № 5 about 110 km (in the other municipality).
 */
describe('matching: suggestions for a need and the exchange picture', () => {
  let t: TestApp;
  let head: Session;
  let ownId: string;
  let nearId: string;
  let farId: string;
  let veryFarId: string;
  let needId: string;
  const offers: Record<string, string> = {};
  let networkId: string;

  const school = async (shortName: string, lat: number, lon: number, municipalityId: string) => {
    const [row] = await t.handle.db
      .insert(organizations)
      .values({ kind: 'school', fullName: `МАОУ «${shortName}»`, shortName, sortKey: russianSortKey(shortName), municipalityId, lat, lon })
      .returning();
    return row.id;
  };
  const offer = async (key: string, organizationId: string, values: Partial<typeof resourceOffers.$inferInsert> = {}) => {
    const [row] = await t.handle.db
      .insert(resourceOffers)
      .values({ organizationId, category: 'staff', title: 'Учитель химии', description: 'Учитель высшей категории, готовит к олимпиадам по химии', tags: ['химия', 'олимпиады'], ...values })
      .returning();
    offers[key] = row.id;
  };

  beforeAll(async () => {
    t = await openTestApp();
    head = await t.signIn('orgAdmin');
    ownId = t.fixtures.ownOrganizationId;
    nearId = await school('Гимназия № 3', 54.72, 20.52, t.fixtures.municipalityId);
    farId = await school('Лицей № 4', 55.0, 21.0, t.fixtures.municipalityId);
    veryFarId = await school('Школа № 5', 55.5, 21.5, t.fixtures.otherMunicipalityId);
    await offer('near', nearId);
    await offer('far', farId);
    await offer('veryFar', veryFarId);
    await offer('own', ownId);
    await offer('nearFacilities', nearId, { category: 'facilities', title: 'Кабинет химии', description: 'Оборудованный кабинет химии', tags: ['химия'] });
    await offer('nearArchived', nearId, { state: 'archived' });
    await offer('nearFull', nearId, { capacity: 0 });

    const need = await t.call('POST', `/api/organizations/${ownId}/needs`, {
      session: head,
      body: { category: 'staff', title: 'Учитель химии для подготовки к олимпиадам', tags: ['Химия', 'олимпиады'], priority: 'high' },
    });
    expect(need.statusCode, need.body).toBe(201);
    needId = need.json().id;
    await t.handle.db.insert(resourceNeeds).values({ organizationId: farId, category: 'facilities', title: 'Бассейн для занятий плаванием', tags: ['плавание'], priority: 'medium' });

    const [network] = await t.handle.db
      .insert(networks)
      .values({ name: 'Школьный округ «Химический»', kind: 'district', municipalityIds: [t.fixtures.municipalityId], managingOrganizationId: ownId, visibility: 'members' })
      .returning();
    networkId = network.id;
    await t.handle.db.insert(networkMembers).values([
      { networkId, organizationId: ownId, role: 'base', state: 'active' },
      { networkId, organizationId: nearId, role: 'member', state: 'active' },
      { networkId, organizationId: farId, role: 'member', state: 'active' },
      { networkId, organizationId: veryFarId, role: 'member', state: 'left' },
    ]);
    const exchange = (offerKey: string, requesterOrganizationId: string, providerOrganizationId: string, state: 'requested' | 'completed' | 'declined') => ({
      offerId: offers[offerKey],
      requesterOrganizationId,
      providerOrganizationId,
      state,
      conditions: 'free' as const,
    });
    await t.handle.db.insert(resourceExchanges).values([
      exchange('near', ownId, nearId, 'requested'),
      exchange('nearFacilities', farId, nearId, 'completed'),
      exchange('far', ownId, farId, 'declined'),
      exchange('veryFar', farId, veryFarId, 'completed'),
    ]);
  });
  afterAll(() => t.close());

  const suggestions = async (query = '', session: Session | null = head) => {
    const response = await t.call('GET', `/api/needs/${needId}/suggestions${query}`, { session });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('ranks the nearer of two equal offers first, within 50 km by default, never the need’s own organisation or another category', async () => {
    const answer = await suggestions();
    expect(answer.options).toEqual({ maxDistanceKm: 50, sameNetworkOnly: false, limit: 20 });
    expect(answer.need).toMatchObject({ id: needId, tags: ['химия', 'олимпиады'], organization: { id: ownId, shortName: 'СОШ № 1' } });
    expect(answer.suggestions.map((s: { offer: { id: string } }) => s.offer.id)).toEqual([offers.near, offers.far]);
    const [near, far] = answer.suggestions;
    expect(near.score).toBeGreaterThan(far.score);
    expect(near.distanceKm).toBeCloseTo(2.6, 0);
    expect(far.distanceKm).toBeGreaterThan(40);
    expect(near.organization).toMatchObject({ id: nearId, shortName: 'Гимназия № 3', municipalityName: 'Городской округ Первый', lat: 54.72, lon: 20.52 });
    expect(near.reasons.sharedTags).toEqual(['химия', 'олимпиады']);
    expect(near.reasons.sharedNetworkIds).toEqual([networkId]);
    expect(near.explanation).toEqual(expect.arrayContaining(['Общие направления: химия, олимпиады', 'Обе организации в сети: «Школьный округ «Химический»»']));
    expect(near.explanation.some((line: string) => /км от вашей организации/.test(line))).toBe(true);
    // The live request of СОШ № 1 for the near offer is shown; the declined one for the far offer is not.
    expect(near.exchange).toEqual({ id: expect.any(String), state: 'requested' });
    expect(far.exchange).toBeNull();
  });

  it('respects the distance the person sets, and «none» lifts it', async () => {
    expect((await suggestions('?maxDistanceKm=30')).suggestions.map((s: { offer: { id: string } }) => s.offer.id)).toEqual([offers.near]);
    const unlimited = await suggestions('?maxDistanceKm=none');
    expect(unlimited.options.maxDistanceKm).toBeNull();
    expect(unlimited.suggestions.map((s: { offer: { id: string } }) => s.offer.id)).toEqual([offers.near, offers.far, offers.veryFar]);
    expect((await suggestions('?maxDistanceKm=none&limit=1')).suggestions).toHaveLength(1);
    // Школа № 5 has left the network: only current fellow members remain.
    expect((await suggestions('?maxDistanceKm=none&sameNetworkOnly=true')).suggestions.map((s: { offer: { id: string } }) => s.offer.id)).toEqual([offers.near, offers.far]);
    const bad = await t.call('GET', `/api/needs/${needId}/suggestions?maxDistanceKm=-5`, { session: head });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'maxDistanceKm', message: expect.stringContaining('Расстояние') });
  });

  it('shows suggestions to signed-in people only', async () => {
    expect((await t.call('GET', `/api/needs/${needId}/suggestions`)).statusCode).toBe(401);
    expect((await suggestions('', await t.signIn('otherOrgAdmin'))).suggestions).toHaveLength(2);
  });

  it('draws the network’s exchange picture: covered and uncovered needs, unused resources, exchanges between members', async () => {
    const response = await t.call('GET', `/api/networks/${networkId}/exchange-picture`, { session: head });
    expect(response.statusCode, response.body).toBe(200);
    const picture = response.json();
    expect(picture.scope).toEqual({ kind: 'network', id: networkId, name: 'Школьный округ «Химический»' });
    expect(picture.options).toEqual({ maxDistanceKm: 50 });
    expect(picture.totals).toEqual({
      organizations: 3,
      offers: 5,
      needs: 2,
      coveredNeeds: 1,
      uncoveredNeeds: 1,
      // СОШ № 1's own teacher (no other member needs one), the chemistry room, and the teacher with no places left.
      unusedOffers: 3,
      // Between members only: the one with Школа № 5 (no longer a member) is not counted.
      exchanges: { requested: 3, accepted: 1, completed: 1 },
    });
    const [chemistry, pool] = picture.needs;
    expect(chemistry).toMatchObject({ need: { id: needId, priority: 'high' }, organization: { id: ownId }, covered: true });
    expect(chemistry.suggestions.map((s: { offerId: string; offerTitle: string; organization: { shortName: string } }) => [s.offerId, s.offerTitle, s.organization.shortName])).toEqual([
      [offers.near, 'Учитель химии', 'Гимназия № 3'],
      [offers.far, 'Учитель химии', 'Лицей № 4'],
    ]);
    expect(pool).toMatchObject({ need: { title: 'Бассейн для занятий плаванием' }, organization: { id: farId }, covered: false, suggestions: [] });
    expect(picture.unusedOffers.map((u: { offer: { id: string } }) => u.offer.id).sort()).toEqual([offers.own, offers.nearFacilities, offers.nearFull].sort());
    expect(picture.organizations.map((o: { shortName: string; offers: number; needs: number; uncoveredNeeds: number; unusedOffers: number; hasInventory: boolean }) => [o.shortName, o.offers, o.needs, o.uncoveredNeeds, o.unusedOffers, o.hasInventory])).toEqual([
      ['Гимназия № 3', 3, 0, 0, 2, true],
      ['Лицей № 4', 1, 1, 1, 0, true],
      ['СОШ № 1', 1, 1, 0, 1, true],
    ]);
    // With a 30 km limit Лицей № 4 is out of reach of СОШ № 1: its offer now goes unused.
    const near = (await t.call('GET', `/api/networks/${networkId}/exchange-picture?maxDistanceKm=30`, { session: head })).json();
    expect(near.totals).toMatchObject({ coveredNeeds: 1, unusedOffers: 4 });
  });

  it('hides a members-only network’s picture from outsiders and answers anonymous callers 401', async () => {
    expect((await t.call('GET', `/api/networks/${networkId}/exchange-picture`)).statusCode).toBe(401);
    expect((await t.call('GET', `/api/networks/${networkId}/exchange-picture`, { session: await t.signIn('otherOrgAdmin') })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/networks/${networkId}/exchange-picture`, { session: await t.signIn('authority') })).statusCode).toBe(200);
  });

  it('draws a municipality’s picture for its authority and the operator only', async () => {
    const url = `/api/municipalities/${t.fixtures.municipalityId}/exchange-picture?maxDistanceKm=none`;
    const picture = (await t.call('GET', url, { session: await t.signIn('authority') })).json();
    expect(picture.scope).toEqual({ kind: 'municipality', id: t.fixtures.municipalityId, name: 'Городской округ Первый' });
    // СОШ № 1, Гимназия № 3, Лицей № 4; Школа № 5 and СОШ № 2 are in the other municipality.
    expect(picture.totals).toMatchObject({ organizations: 3, offers: 5, needs: 2, coveredNeeds: 1 });
    expect((await t.call('GET', url, { session: await t.signIn('operator') })).statusCode).toBe(200);
    for (const role of ['authorityElsewhere', 'orgAdmin'] as const) {
      expect((await t.call('GET', url, { session: await t.signIn(role) })).statusCode, role).toBe(403);
    }
    expect((await t.call('GET', url)).statusCode).toBe(401);
  });

  it('completes the launch path’s inventory step from data once every active member has recorded something', async () => {
    const [network] = await t.handle.db
      .insert(networks)
      .values({ name: 'Округ «Инвентаризация»', kind: 'district', municipalityIds: [t.fixtures.municipalityId], managingOrganizationId: ownId })
      .returning();
    const emptyId = await school('Школа № 6', 54.8, 20.6, t.fixtures.municipalityId);
    await t.handle.db.insert(networkMembers).values([ownId, nearId, emptyId].map((organizationId) => ({ networkId: network.id, organizationId, role: 'member' as const, state: 'active' as const })));
    const inventoryStep = async () =>
      (await t.call('GET', `/api/networks/${network.id}/launch-path`)).json().steps.find((s: { step: string }) => s.step === 'inventory');

    expect(await inventoryStep()).toEqual({ step: 'inventory', done: false, source: null, detail: 'Ресурсы и потребности описали 2 из 3 участников', markable: true });
    // An archived record does not count.
    const [archived] = await t.handle.db.insert(resourceNeeds).values({ organizationId: emptyId, category: 'social', title: 'Наставники', state: 'archived' }).returning();
    expect((await inventoryStep()).done).toBe(false);
    await t.handle.db.insert(resourceNeeds).values({ organizationId: emptyId, category: 'social', title: 'Родительский клуб' });
    expect(await inventoryStep()).toEqual({ step: 'inventory', done: true, source: 'data', detail: 'Ресурсы и потребности описали 3 из 3 участников', markable: true });
    expect(archived.state).toBe('archived');
  });
});
