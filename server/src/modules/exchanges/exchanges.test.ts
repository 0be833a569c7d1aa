import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { organizationWithHead, seedNetwork } from '../../../test/network-fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { resourceNeeds, resourceOffers } from '../inventory/schema';
import type { NetworkRow } from '../networks/access';
import { networkMembers, networks } from '../networks/schema';
import { plans } from '../plans/schema';
import { resourceExchangeEvents, resourceExchanges } from './schema';

interface Exchange {
  id: string;
  state: string;
  awaiting: string | null;
  offer: { id: string; title: string };
  need: { id: string } | null;
  requester: { id: string; shortName: string; municipalityName: string };
  provider: { id: string; shortName: string };
  networkId: string | null;
  networkName: string | null;
  conditions: string;
  startsOn: string | null;
  endsOn: string | null;
  terms: string;
  agreementDocumentId: string | null;
  agreementState: 'draft' | 'signing' | 'signed' | null;
  planItemId: string | null;
  version: number;
  history?: { id: string; action: string; side: string; actorName: string; message: string; terms: { conditions: string; startsOn: string | null; endsOn: string | null; terms: string }; at: string }[];
  permissions: { answer: boolean; counter: boolean; withdraw: boolean; complete: boolean; createAgreement: boolean; plan: boolean };
}

describe('resource exchanges', () => {
  let t: TestApp;
  let district: NetworkRow;
  /** Heads the requesting school (СОШ № 1), which also coordinates the district. */
  let requesterHead: Session;
  /** Heads the school that owns the resources (СОШ № 2), an ordinary member of the district. */
  let providerHead: Session;
  let third: Awaited<ReturnType<typeof organizationWithHead>>;
  let serial = 0;

  const requesterId = () => t.fixtures.ownOrganizationId;
  const providerId = () => t.fixtures.otherOrganizationId;

  async function offer(organizationId = providerId(), values: Partial<typeof resourceOffers.$inferInsert> = {}) {
    const [row] = await t.handle.db
      .insert(resourceOffers)
      .values({ organizationId, category: 'staff', title: `Учитель химии с опытом подготовки к олимпиадам ${++serial}`, description: 'Занятия для 8–11 классов', tags: ['химия', 'олимпиады'], conditions: 'free', ...values })
      .returning();
    return row;
  }

  async function need(organizationId = requesterId(), values: Partial<typeof resourceNeeds.$inferInsert> = {}) {
    const [row] = await t.handle.db
      .insert(resourceNeeds)
      .values({ organizationId, category: 'staff', title: 'Подготовка к олимпиаде по химии', tags: ['химия'], neededFrom: '2035-10-01', neededTo: '2036-03-31', ...values })
      .returning();
    return row;
  }

  const post = (url: string, session: Session | null, body: unknown = {}) => t.call('POST', url, { session, body });
  const get = (url: string, session: Session | null) => t.call('GET', url, { session });
  const exchangeOf = async (id: string, session: Session = requesterHead) => (await get(`/api/exchanges/${id}`, session)).json() as Exchange;

  /** A fresh request from the requesting school for a fresh resource of the providing one. */
  async function requested(body: Record<string, unknown> = {}) {
    const resource = await offer();
    const response = await post('/api/exchanges', requesterHead, { offerId: resource.id, requesterOrganizationId: requesterId(), ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Exchange;
  }
  const answer = (exchange: Exchange, session: Session, action: string, extra: Record<string, unknown> = {}) =>
    post(`/api/exchanges/${exchange.id}/answer`, session, { version: exchange.version, action, ...extra });
  async function accepted(body: Record<string, unknown> = {}) {
    const exchange = await requested(body);
    const response = await answer(exchange, providerHead, 'accept');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Exchange;
  }
  const exchangeCount = async () => (await t.handle.db.select({ id: resourceExchanges.id }).from(resourceExchanges)).length;
  const eventCount = async (exchangeId: string) => (await t.handle.db.select({ id: resourceExchangeEvents.id }).from(resourceExchangeEvents).where(eq(resourceExchangeEvents.exchangeId, exchangeId))).length;
  const auditActions = async (exchangeId: string) =>
    (await t.handle.db.select({ action: auditEntries.action }).from(auditEntries).where(and(eq(auditEntries.entityId, exchangeId), like(auditEntries.action, 'exchange.%'))).orderBy(auditEntries.at)).map((a) => a.action);

  beforeAll(async () => {
    t = await openTestApp();
    district = await seedNetwork(t.handle.db, t.fixtures, { name: 'Школьный округ «Первый»' });
    third = await organizationWithHead(t, 'Лицей № 3', district);
    requesterHead = await t.signIn('orgAdmin');
    providerHead = await t.signIn('otherOrgAdmin');
  });
  afterAll(() => t.close());

  it('runs from request to completion through HTTP: counter, accept, an agreement both heads sign, a plan item', async () => {
    const resource = await offer(providerId(), { title: 'Учитель химии с опытом подготовки к олимпиадам', conditions: 'exchange' });
    const deficit = await need();
    const created = await post('/api/exchanges', requesterHead, {
      offerId: resource.id,
      requesterOrganizationId: requesterId(),
      needId: deficit.id,
      message: 'Просим провести цикл занятий для олимпиадной команды',
    });
    expect(created.statusCode, created.body).toBe(201);
    let exchange = created.json() as Exchange;
    expect(exchange).toMatchObject({
      state: 'requested',
      awaiting: 'provider',
      offer: { id: resource.id, title: resource.title },
      need: { id: deficit.id },
      requester: { id: requesterId(), shortName: 'СОШ № 1', municipalityName: 'Городской округ Первый' },
      provider: { id: providerId(), shortName: 'СОШ № 2' },
      // The one network both belong to, and the need's period and the resource's conditions as the first terms.
      networkId: district.id,
      networkName: 'Школьный округ «Первый»',
      conditions: 'exchange',
      startsOn: '2035-10-01',
      endsOn: '2036-03-31',
      version: 1,
      permissions: { answer: false, counter: false, withdraw: true, complete: false, createAgreement: false, plan: false },
    });
    expect((await exchangeOf(exchange.id, providerHead)).permissions).toMatchObject({ answer: true, counter: true, withdraw: false });

    const countered = await answer(exchange, providerHead, 'counter', { startsOn: '2035-11-01', terms: 'Два занятия в месяц, по субботам', message: 'С ноября будет удобнее' });
    expect(countered.statusCode, countered.body).toBe(200);
    exchange = countered.json() as Exchange;
    expect(exchange).toMatchObject({ state: 'countered', awaiting: 'requester', startsOn: '2035-11-01', endsOn: '2036-03-31', terms: 'Два занятия в месяц, по субботам', version: 2 });

    const agreed = await answer(exchange, requesterHead, 'accept', { message: 'Согласны' });
    expect(agreed.statusCode, agreed.body).toBe(200);
    exchange = agreed.json() as Exchange;
    expect(exchange).toMatchObject({ state: 'accepted', awaiting: null, version: 3, permissions: { complete: true, withdraw: true, createAgreement: true, plan: true } });

    // No body: the agreement goes to the exchange's own network.
    const agreement = await t.call('POST', `/api/exchanges/${exchange.id}/agreement`, { session: requesterHead });
    expect(agreement.statusCode, agreement.body).toBe(201);
    const { documentId } = agreement.json() as { documentId: string };
    let document = (await get(`/api/documents/${documentId}`, requesterHead)).json();
    expect((await exchangeOf(exchange.id)).agreementState).toBe('signing');
    expect(document).toMatchObject({ kind: 'resource_exchange', networkId: district.id, state: 'signing' });
    expect(document.title).toBe('Соглашение об обмене ресурсами: «Учитель химии с опытом подготовки к олимпиадам» (СОШ № 2 — СОШ № 1)');
    expect(document.current.body).toContain('1.6. Условия, согласованные Сторонами: Два занятия в месяц, по субботам');
    expect(document.current.body).toContain('1.5. Срок предоставления: с 1 ноября 2035 г. по 31 марта 2036 г.');
    expect(document.parties.map((p: { organizationId: string }) => p.organizationId).sort()).toEqual([requesterId(), providerId()].sort());
    // The district's third member is no party to it: the agreement does not exist for it.
    const read = () => ({ versionId: document.current.id, sha256: document.current.sha256, password: FIXTURE_PASSWORD });
    expect((await post(`/api/documents/${documentId}/sign`, third.session, read())).statusCode).toBe(404);
    expect((await post(`/api/documents/${documentId}/sign`, providerHead, read())).json().state).toBe('signing');
    document = (await post(`/api/documents/${documentId}/sign`, requesterHead, read())).json();
    expect(document.state).toBe('signed');

    // The provider's head is no coordinator: the plan is closed to them, except for their own exchange.
    const [plan] = await t.handle.db.insert(plans).values({ networkId: district.id, title: 'План сетевого взаимодействия на 2035/2036 учебный год' }).returning();
    expect((await post(`/api/plans/${plan.id}/items`, providerHead, { activity: 'Что-то своё' })).statusCode).toBe(403);
    exchange = await exchangeOf(exchange.id);
    const planned = await post(`/api/exchanges/${exchange.id}/plan`, providerHead, { planId: plan.id });
    expect(planned.statusCode, planned.body).toBe(201);
    const { planItemId } = planned.json() as { planItemId: string };
    const planView = (await get(`/api/plans/${plan.id}`, providerHead)).json();
    expect(planView.items).toHaveLength(1);
    expect(planView.items[0]).toMatchObject({
      id: planItemId,
      activity: 'Обмен ресурсами: Учитель химии с опытом подготовки к олимпиадам',
      startsOn: '2035-11-01',
      endsOn: '2036-03-31',
      expectedResult: 'СОШ № 2 предоставляет ресурс организации СОШ № 1',
      state: 'planned',
    });
    expect(planView.items[0].responsibleOrganizations.map((o: { id: string }) => o.id)).toEqual([providerId(), requesterId()]);

    exchange = await exchangeOf(exchange.id, providerHead);
    expect(exchange).toMatchObject({ agreementDocumentId: documentId, agreementState: 'signed', planItemId, version: 5, permissions: { createAgreement: false, plan: false } });
    const completed = await post(`/api/exchanges/${exchange.id}/complete`, providerHead, { version: exchange.version, message: 'Занятия проведены' });
    expect(completed.statusCode, completed.body).toBe(200);
    exchange = await exchangeOf(exchange.id);
    expect(exchange).toMatchObject({ state: 'completed', awaiting: null, version: 6, permissions: { answer: false, counter: false, withdraw: false, complete: false } });

    expect(exchange.history!.map((h) => [h.action, h.side, h.actorName, h.message])).toEqual([
      ['requested', 'requester', 'Пользователь orgAdmin', 'Просим провести цикл занятий для олимпиадной команды'],
      ['countered', 'provider', 'Пользователь otherOrgAdmin', 'С ноября будет удобнее'],
      ['accepted', 'requester', 'Пользователь orgAdmin', 'Согласны'],
      ['agreement_created', 'requester', 'Пользователь orgAdmin', ''],
      ['planned', 'provider', 'Пользователь otherOrgAdmin', ''],
      ['completed', 'provider', 'Пользователь otherOrgAdmin', 'Занятия проведены'],
    ]);
    expect(exchange.history![0].terms).toEqual({ conditions: 'exchange', startsOn: '2035-10-01', endsOn: '2036-03-31', terms: '' });
    expect(exchange.history![1].terms).toEqual({ conditions: 'exchange', startsOn: '2035-11-01', endsOn: '2036-03-31', terms: 'Два занятия в месяц, по субботам' });
    const times = exchange.history!.map((h) => Date.parse(h.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // History names people, nothing more about them.
    expect(Object.keys(exchange.history![0]).sort()).toEqual(['action', 'actorName', 'at', 'id', 'message', 'side', 'terms']);
    expect(await auditActions(exchange.id)).toEqual(['exchange.requested', 'exchange.countered', 'exchange.accepted', 'exchange.agreement_created', 'exchange.planned', 'exchange.completed']);
  });

  it('shows an exchange to the heads of its two organisations only', async () => {
    const exchange = await requested();
    for (const role of ['operator', 'authority', 'authorityElsewhere', 'expert', 'guardian', 'teacher'] as const) {
      const session = await t.signIn(role);
      expect((await get(`/api/exchanges/${exchange.id}`, session)).statusCode, role).toBe(404);
      expect((await post(`/api/exchanges/${exchange.id}/withdraw`, session, { version: exchange.version })).statusCode, role).toBe(404);
      expect(((await get('/api/exchanges', session)).json().items as Exchange[]).map((e) => e.id), role).not.toContain(exchange.id);
    }
    expect((await get(`/api/exchanges/${exchange.id}`, third.session)).statusCode).toBe(404);
    expect((await get(`/api/exchanges/${exchange.id}`, null)).statusCode).toBe(401);
    expect((await get('/api/exchanges', null)).statusCode).toBe(401);
    expect((await get(`/api/exchanges/${exchange.id}`, providerHead)).statusCode).toBe(200);
    // Someone else's organisation: neither its list nor its badges.
    expect((await get(`/api/exchanges?organizationId=${providerId()}`, third.session)).statusCode).toBe(403);
    expect((await get(`/api/organizations/${providerId()}/exchanges/summary`, third.session)).statusCode).toBe(403);
    expect((await get(`/api/organizations/${providerId()}/exchanges/summary`, await t.signIn('operator'))).statusCode).toBe(403);
  });

  it('lists incoming and outgoing exchanges and counts those waiting for the organisation', async () => {
    const waitingForProvider = await requested();
    const countered = (await answer(await requested(), providerHead, 'counter', { conditions: 'paid' })).json() as Exchange;
    const before = (await get(`/api/organizations/${providerId()}/exchanges/summary`, providerHead)).json();
    const mine = (await get(`/api/organizations/${requesterId()}/exchanges/summary`, requesterHead)).json();

    const incoming = (await get('/api/exchanges?direction=incoming', providerHead)).json().items as Exchange[];
    expect(incoming.map((e) => e.id)).toEqual(expect.arrayContaining([waitingForProvider.id, countered.id]));
    expect(incoming.every((e) => e.provider.id === providerId() && e.history === undefined)).toBe(true);
    expect(((await get('/api/exchanges?direction=outgoing', providerHead)).json().items as Exchange[]).map((e) => e.id)).not.toContain(waitingForProvider.id);
    const outgoing = (await get(`/api/exchanges?organizationId=${requesterId()}&direction=outgoing&state=countered`, requesterHead)).json().items as Exchange[];
    expect(outgoing.map((e) => e.id)).toContain(countered.id);
    expect(outgoing.every((e) => e.state === 'countered')).toBe(true);
    expect((await get('/api/exchanges?direction=sideways', requesterHead)).statusCode).toBe(400);

    const counts = async (organizationId: string, session: Session) => (await get(`/api/organizations/${organizationId}/exchanges/summary`, session)).json();
    await answer(waitingForProvider, providerHead, 'decline');
    expect(await counts(providerId(), providerHead)).toEqual({ incomingAwaiting: before.incomingAwaiting - 1, outgoingAwaiting: before.outgoingAwaiting });
    expect(mine.outgoingAwaiting).toBeGreaterThanOrEqual(1);
    await answer(countered, requesterHead, 'accept');
    expect(await counts(requesterId(), requesterHead)).toEqual({ incomingAwaiting: mine.incomingAwaiting, outgoingAwaiting: mine.outgoingAwaiting - 1 });
  });

  it('refuses moves the state does not allow with 409 and a Russian reason, and changes nothing', async () => {
    const exchange = await requested();
    const refusals: [Session, string, Record<string, unknown>, string][] = [
      [requesterHead, 'answer', { action: 'accept' }, 'Сейчас ответа ждут от организации — владельца ресурса.'],
      [providerHead, 'complete', {}, 'Завершить можно только принятый обмен.'],
      [providerHead, 'withdraw', {}, 'Отозвать запрос может только запросившая организация'],
    ];
    for (const [session, move, body, reason] of refusals) {
      const response = await post(`/api/exchanges/${exchange.id}/${move}`, session, { version: exchange.version, ...body });
      expect(response.statusCode, move).toBe(409);
      expect(response.json().detail).toContain(reason);
    }
    expect((await post(`/api/exchanges/${exchange.id}/agreement`, requesterHead, {})).statusCode).toBe(409);
    const [plan] = await t.handle.db.insert(plans).values({ networkId: district.id, title: 'План для отказов' }).returning();
    expect((await post(`/api/exchanges/${exchange.id}/plan`, requesterHead, { planId: plan.id })).statusCode).toBe(409);
    expect(await exchangeOf(exchange.id)).toMatchObject({ state: 'requested', version: 1 });
    expect(await eventCount(exchange.id)).toBe(1);

    // A counter must change something; terms change only by a counter.
    const unchanged = await answer(exchange, providerHead, 'counter', { conditions: 'free' });
    expect(unchanged.statusCode).toBe(400);
    expect(unchanged.json().errors[0].field).toBe('terms');
    expect((await answer(exchange, providerHead, 'accept', { terms: 'Иначе' })).statusCode).toBe(400);
    expect((await answer(exchange, providerHead, 'counter', { startsOn: '2036-05-01', endsOn: '2036-04-01' })).statusCode).toBe(400);
    const pastCounter = await answer(exchange, providerHead, 'counter', { startsOn: '2020-05-01' });
    expect(pastCounter.statusCode).toBe(400);
    expect(pastCounter.json().errors.map((e: { field: string }) => e.field)).toEqual(['startsOn']);

    const done = (await answer(exchange, providerHead, 'accept')).json() as Exchange;
    const again = await answer(done, providerHead, 'accept');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('Запрос уже принят.');
    expect(again.json().title).toBe('Действие недоступно');
    const stale = await post(`/api/exchanges/${exchange.id}/complete`, providerHead, { version: exchange.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain('Обновите страницу');

    const document = await post(`/api/exchanges/${exchange.id}/agreement`, providerHead, {});
    expect(document.statusCode).toBe(201);
    const twice = await post(`/api/exchanges/${exchange.id}/agreement`, requesterHead, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().documentId).toBe(document.json().documentId);
    const item = await post(`/api/exchanges/${exchange.id}/plan`, requesterHead, { planId: plan.id });
    expect(item.statusCode).toBe(201);
    const planTwice = await post(`/api/exchanges/${exchange.id}/plan`, providerHead, { planId: plan.id });
    expect(planTwice.statusCode).toBe(409);
    expect(planTwice.json().planItemId).toBe(item.json().planItemId);
  });

  it('lets the requester withdraw a request, either side cancel an accepted exchange, and a new request follow', async () => {
    const exchange = await requested();
    const withdrawn = await post(`/api/exchanges/${exchange.id}/withdraw`, requesterHead, { version: 1, message: 'Нашли учителя у себя' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ state: 'withdrawn', awaiting: null });
    expect((await answer(exchange, providerHead, 'accept')).json().detail).toMatch(/^Запрос уже отозван/);
    // The resource may be asked for again once the earlier request is over.
    expect((await post('/api/exchanges', requesterHead, { offerId: exchange.offer.id, requesterOrganizationId: requesterId() })).statusCode).toBe(201);

    const live = await accepted();
    const cancelled = await post(`/api/exchanges/${live.id}/withdraw`, providerHead, { version: live.version, message: 'Учитель уходит в отпуск' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const history = (await exchangeOf(live.id)).history!;
    expect(history.at(-1)).toMatchObject({ action: 'withdrawn', side: 'provider', message: 'Учитель уходит в отпуск' });
  });

  it('answers bad requests with a clear 4xx and writes nothing', async () => {
    const exchanges = await exchangeCount();
    const audits = (await t.handle.db.select({ id: auditEntries.id }).from(auditEntries)).length;
    const resource = await offer();
    const ask = (body: Record<string, unknown>, session: Session | null = requesterHead) => post('/api/exchanges', session, { offerId: resource.id, requesterOrganizationId: requesterId(), ...body });
    const fieldOf = async (response: Awaited<ReturnType<typeof ask>>) => {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().title).toBe('Ошибка в данных');
      return response.json().errors.map((e: { field: string }) => e.field);
    };

    expect(await fieldOf(await ask({ offerId: (await offer(requesterId())).id }))).toEqual(['offerId']);
    expect(await fieldOf(await ask({ offerId: (await offer(providerId(), { state: 'archived' })).id }))).toEqual(['offerId']);
    expect(await fieldOf(await ask({ needId: (await need(providerId())).id }))).toEqual(['needId']);
    expect(await fieldOf(await ask({ needId: (await need(requesterId(), { state: 'archived' })).id }))).toEqual(['needId']);
    const [elsewhere] = await t.handle.db.insert(networks).values({ name: 'Сеть без СОШ № 2', kind: 'alliance', managingOrganizationId: requesterId() }).returning();
    await t.handle.db.insert(networkMembers).values({ networkId: elsewhere.id, organizationId: requesterId(), role: 'member', state: 'active' });
    expect(await fieldOf(await ask({ networkId: elsewhere.id }))).toEqual(['networkId']);
    expect(await fieldOf(await ask({ startsOn: '2036-01-10', endsOn: '2035-12-01' }))).toEqual(['endsOn']);
    // A period that has begun or ended is no request: refused field by field, in Russian.
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const past = await ask({ startsOn: yesterday, endsOn: yesterday });
    expect(await fieldOf(past)).toEqual(['startsOn', 'endsOn']);
    expect(past.json().errors[0].message).toBe('Дата уже прошла — укажите сегодняшнюю или более позднюю');
    expect(await fieldOf(await ask({ needId: (await need(requesterId(), { neededFrom: '2020-09-01', neededTo: '2021-05-31' })).id }))).toEqual(['endsOn']);
    expect(await fieldOf(await ask({ conditions: 'barter' }))).toEqual(['conditions']);
    expect(await fieldOf(await ask({ offerId: 'not-an-id' }))).toEqual(['offerId']);
    expect((await ask({ offerId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    // Requesting for an organisation the caller does not head, or as its teacher.
    expect((await ask({ requesterOrganizationId: third.org.id })).statusCode).toBe(403);
    expect((await ask({}, await t.signIn('teacher'))).statusCode).toBe(403);
    expect((await ask({}, null)).statusCode).toBe(401);

    expect(await exchangeCount()).toBe(exchanges);
    expect((await t.handle.db.select({ id: auditEntries.id }).from(auditEntries)).length).toBe(audits);
  });

  it('puts the agreement and the plan item in one network both organisations are members of', async () => {
    // A school outside the district asks the providing school: they share no network.
    const outsider = await organizationWithHead(t, 'Школа за пределами округа', null);
    const resource = await offer();
    const created = (await post('/api/exchanges', outsider.session, { offerId: resource.id, requesterOrganizationId: outsider.org.id })).json() as Exchange;
    expect(created.networkId).toBeNull();
    await answer(created, providerHead, 'accept');

    const noNetwork = await post(`/api/exchanges/${created.id}/agreement`, outsider.session, {});
    expect(noNetwork.statusCode).toBe(409);
    expect(noNetwork.json().detail).toMatch(/^У организаций нет общей сети: соглашение оформляется в сети, где обе состоят/);
    const notShared = await post(`/api/exchanges/${created.id}/agreement`, outsider.session, { networkId: district.id });
    expect(notShared.statusCode).toBe(400);
    expect(notShared.json().errors[0].field).toBe('networkId');

    const [partnership] = await t.handle.db.insert(networks).values({ name: 'Партнёрство двух школ', kind: 'partnership', managingOrganizationId: providerId() }).returning();
    await t.handle.db.insert(networkMembers).values([
      { networkId: partnership.id, organizationId: providerId(), role: 'leader', state: 'active' },
      { networkId: partnership.id, organizationId: outsider.org.id, role: 'satellite', state: 'active' },
    ]);
    const agreement = await post(`/api/exchanges/${created.id}/agreement`, outsider.session, { networkId: partnership.id });
    expect(agreement.statusCode, agreement.body).toBe(201);
    expect((await exchangeOf(created.id, outsider.session)).networkId).toBe(partnership.id);

    // The plan of another network is refused now that the agreement lives in the partnership.
    const [districtPlan] = await t.handle.db.insert(plans).values({ networkId: district.id, title: 'План округа' }).returning();
    expect((await post(`/api/exchanges/${created.id}/plan`, outsider.session, { planId: districtPlan.id })).statusCode).toBe(409);
    const [partnershipPlan] = await t.handle.db.insert(plans).values({ networkId: partnership.id, title: 'Дорожная карта партнёрства' }).returning();
    expect((await post(`/api/exchanges/${created.id}/plan`, outsider.session, { planId: partnershipPlan.id })).statusCode).toBe(201);
  });

  describe('concurrency', () => {
    it('lets one of accept and decline pressed at the same moment win; the other gets 409', async () => {
      for (let round = 0; round < 3; round++) {
        const exchange = await requested();
        const [accept, decline] = await Promise.all([answer(exchange, providerHead, 'accept'), answer(exchange, providerHead, 'decline')]);
        expect([accept.statusCode, decline.statusCode].sort(), `${accept.body} ${decline.body}`).toEqual([200, 409]);
        const final = await exchangeOf(exchange.id);
        expect(final.state).toBe(accept.statusCode === 200 ? 'accepted' : 'declined');
        expect(final.version).toBe(2);
        expect(final.history!.map((h) => h.action)).toEqual(['requested', final.state]);
      }
    });

    it('makes one exchange of two requests for the same resource sent at once, and names it to the second', async () => {
      for (let round = 0; round < 3; round++) {
        const resource = await offer();
        const body = { offerId: resource.id, requesterOrganizationId: requesterId() };
        const responses = await Promise.all([post('/api/exchanges', requesterHead, body), post('/api/exchanges', requesterHead, body)]);
        expect(responses.map((r) => r.statusCode).sort(), responses.map((r) => r.body).join(' ')).toEqual([201, 409]);
        const winner = responses.find((r) => r.statusCode === 201)!.json() as Exchange;
        const loser = responses.find((r) => r.statusCode === 409)!.json();
        expect(loser.exchangeId).toBe(winner.id);
        expect(loser.title).toBe('Запрос уже отправлен');
        const rows = await t.handle.db.select({ id: resourceExchanges.id }).from(resourceExchanges).where(eq(resourceExchanges.offerId, resource.id));
        expect(rows).toHaveLength(1);
        expect(await auditActions(winner.id)).toEqual(['exchange.requested']);
      }
    });

    it('makes one agreement and one plan item when both heads press at once', async () => {
      const exchange = await accepted();
      const [a, b] = await Promise.all([post(`/api/exchanges/${exchange.id}/agreement`, requesterHead, {}), post(`/api/exchanges/${exchange.id}/agreement`, providerHead, {})]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      const [plan] = await t.handle.db.insert(plans).values({ networkId: district.id, title: 'План для одновременных нажатий' }).returning();
      const [c, d] = await Promise.all([post(`/api/exchanges/${exchange.id}/plan`, requesterHead, { planId: plan.id }), post(`/api/exchanges/${exchange.id}/plan`, providerHead, { planId: plan.id })]);
      expect([c.statusCode, d.statusCode].sort()).toEqual([201, 409]);
      expect((await get(`/api/plans/${plan.id}`, requesterHead)).json().items).toHaveLength(1);
      const final = await exchangeOf(exchange.id);
      expect(final.history!.map((h) => h.action)).toEqual(['requested', 'accepted', 'agreement_created', 'planned']);
      const documents = await t.handle.db.select({ id: resourceExchanges.agreementDocumentId }).from(resourceExchanges).where(inArray(resourceExchanges.id, [exchange.id]));
      expect(documents[0].id).toBe(final.agreementDocumentId);
    });
  });
});
