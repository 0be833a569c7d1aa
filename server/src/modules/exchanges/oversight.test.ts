import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { organizationWithHead, seedNetwork } from '../../../test/network-fixtures';
import { councilMembers } from '../councils/schema';
import { resourceOffers } from '../inventory/schema';
import type { NetworkRow } from '../networks/access';

/**
 * The network's management sees the exchanges between its members when the regulation allows it
 * (networks.exchangesVisibleToCouncil): the coordinator and the council members — parties, resource, state, not
 * the messages — through the one visibility rule of exchanges; they cannot act in them; nobody else sees them.
 */
describe('exchanges seen by the network management', () => {
  let t: TestApp;
  let network: NetworkRow;
  let coordinator: Session; // orgAdmin: heads the managing organisation, no party to the exchange
  let councilMember: Session; // teacher: a council seat, heads nothing
  let member: Session; // otherOrgAdmin: heads a member organisation, no seat, no party
  let requester: Awaited<ReturnType<typeof organizationWithHead>>;
  let provider: Awaited<ReturnType<typeof organizationWithHead>>;
  let exchangeId: string;

  beforeAll(async () => {
    t = await openTestApp();
    coordinator = await t.signIn('orgAdmin');
    councilMember = await t.signIn('teacher');
    member = await t.signIn('otherOrgAdmin');
    network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ обменов' });
    requester = await organizationWithHead(t, 'Школа-заказчик', network);
    provider = await organizationWithHead(t, 'Школа-владелец', network);
    await t.handle.db.insert(councilMembers).values({ networkId: network.id, organizationId: t.fixtures.ownOrganizationId, userId: t.fixtures.actors.teacher!.userId, fullName: 'Иванова Мария Петровна', role: 'chair' });
    const [offer] = await t.handle.db
      .insert(resourceOffers)
      .values({ organizationId: provider.org.id, category: 'facilities', title: 'Лаборатория робототехники', description: '', tags: ['робототехника'], conditions: 'free' })
      .returning();
    const created = await t.call('POST', '/api/exchanges', { session: requester.session, body: { offerId: offer.id, requesterOrganizationId: requester.org.id, message: 'Личная просьба директору' } });
    expect(created.statusCode, created.body).toBe(201);
    exchangeId = created.json().id;
  });
  afterAll(() => t.close());

  const picture = async (session: Session) => (await t.call('GET', `/api/networks/${network.id}/exchange-picture`, { session })).json();

  it('is hidden from the management until the regulation allows it; the picture still counts it', async () => {
    expect((await t.call('GET', `/api/exchanges/${exchangeId}`, { session: coordinator })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/exchanges/${exchangeId}`, { session: councilMember })).statusCode).toBe(404);
    const seen = await picture(coordinator);
    expect(seen.memberExchanges).toBeNull();
    expect(seen.totals.exchanges.requested).toBe(1);
  });

  it('once allowed, the coordinator and the council see parties, resource and state, not the messages, and cannot act', async () => {
    const version = (await t.call('GET', `/api/networks/${network.id}`)).json().version;
    const allowed = await t.call('PATCH', `/api/networks/${network.id}`, { session: coordinator, body: { exchangesVisibleToCouncil: true, version } });
    expect(allowed.statusCode, allowed.body).toBe(200);

    for (const session of [coordinator, councilMember]) {
      const seen = await t.call('GET', `/api/exchanges/${exchangeId}`, { session });
      expect(seen.statusCode, seen.body).toBe(200);
      expect(seen.json()).toMatchObject({ state: 'requested', oversight: true, requester: { shortName: 'Школа-заказчик' }, provider: { shortName: 'Школа-владелец' }, offer: { title: 'Лаборатория робототехники' } });
      expect(seen.json().history.map((e: { message: string }) => e.message)).toEqual(['']);
      expect(Object.values(seen.json().permissions).every((p) => p === false)).toBe(true);
      const listed = (await picture(session)).memberExchanges;
      expect(listed).toEqual([expect.objectContaining({ id: exchangeId, state: 'requested', offerTitle: 'Лаборатория робототехники', requester: expect.objectContaining({ id: requester.org.id }) })]);
    }
    const acting = await t.call('POST', `/api/exchanges/${exchangeId}/answer`, { session: coordinator, body: { version: 1, action: 'accept' } });
    expect(acting.statusCode).toBe(403);
    // The parties still read their messages.
    expect((await t.call('GET', `/api/exchanges/${exchangeId}`, { session: provider.session })).json().history[0].message).toBe('Личная просьба директору');
  });

  it('stays hidden from a member without a seat, and from the management of a network the parties do not share', async () => {
    expect((await t.call('GET', `/api/exchanges/${exchangeId}`, { session: member })).statusCode).toBe(404);
    expect((await picture(member)).memberExchanges).toBeNull();
    const elsewhere = await seedNetwork(t.handle.db, t.fixtures, { name: 'Другой округ' });
    await t.handle.db.insert(councilMembers).values({ networkId: elsewhere.id, organizationId: t.fixtures.otherOrganizationId, userId: t.fixtures.actors.otherOrgAdmin!.userId, fullName: 'Петров', role: 'chair' });
    expect((await t.call('GET', `/api/exchanges/${exchangeId}`, { session: member })).statusCode).toBe(404);
  });
});
