import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { organizationWithHead, seedNetwork } from '../../../test/network-fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { eventOrganizers, events } from '../events/schema';
import { notifications } from '../notifications/schema';
import { organizations } from '../organizations/schema';
import { consultationRequests } from './schema';

const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

describe('consultations between a leader school and its satellites', () => {
  let t: TestApp;
  let networkId: string;
  let leader: Session;
  let satellite: Session;
  beforeAll(async () => {
    t = await openTestApp();
    // The fixtures' own school leads the partnership; the other school is its satellite.
    networkId = (await seedNetwork(t.handle.db, t.fixtures, { kind: 'partnership', name: 'Партнёрство «Вместе»' })).id;
    leader = await t.signIn('orgAdmin');
    satellite = await t.signIn('otherOrgAdmin');
  });
  afterAll(() => t.close());

  const ask = (session: Session, body: Record<string, unknown>) =>
    t.call('POST', '/api/consultations', { session, body: { requesterOrganizationId: t.fixtures.otherOrganizationId, consultantOrganizationId: t.fixtures.ownOrganizationId, topic: 'Формирующее оценивание на уроках математики', ...body } });

  it('a satellite asks its leader, the leader proposes times, the satellite accepts one: an event of both schools in the partnership', async () => {
    const consultants = (await t.call('GET', `/api/organizations/${t.fixtures.otherOrganizationId}/consultants`, { session: satellite })).json();
    expect(consultants).toEqual([{ organizationId: t.fixtures.ownOrganizationId, shortName: 'СОШ № 1', networkId, networkName: 'Партнёрство «Вместе»' }]);

    const asked = await ask(satellite, { details: 'Учителя 5–7 классов', format: 'online' });
    expect(asked.statusCode, asked.body).toBe(201);
    const id = asked.json().id;
    expect(asked.json()).toMatchObject({ state: 'requested', network: { id: networkId }, actions: { cancel: true, accept: false, propose: false } });
    const told = await t.handle.db.select().from(notifications).where(eq(notifications.userId, t.fixtures.actors.orgAdmin!.userId));
    expect(told.map((n) => n.title)).toContain('Запрос консультации: «Формирующее оценивание на уроках математики» (СОШ № 2)');

    // Only the consultant proposes; a time in the past or back to front is refused and nothing changes.
    expect((await t.call('POST', `/api/consultations/${id}/slots`, { session: satellite, body: { slots: [{ startsAt: inDays(3), endsAt: inDays(3, 11) }] } })).statusCode).toBe(403);
    const bad = await t.call('POST', `/api/consultations/${id}/slots`, { session: leader, body: { slots: [{ startsAt: inDays(3, 12), endsAt: inDays(3, 11) }, { startsAt: inDays(-1), endsAt: inDays(-1, 11) }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['slots.0.endsAt', 'slots.1.startsAt']);
    expect((await t.call('GET', `/api/consultations/${id}`, { session: leader })).json().state).toBe('requested');

    const proposed = await t.call('POST', `/api/consultations/${id}/slots`, {
      session: leader,
      body: { slots: [{ startsAt: inDays(3), endsAt: inDays(3, 11), place: 'Кабинет 21' }, { startsAt: inDays(5), endsAt: inDays(5, 11) }] },
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json().slots).toHaveLength(2);
    const slot = proposed.json().slots[0];

    // Two acceptances at once: one event, the other a 409.
    const answers = await Promise.all([1, 2].map(() => t.call('POST', `/api/consultations/${id}/accept`, { session: satellite, body: { slotId: slot.id } })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const accepted = answers.find((a) => a.statusCode === 200)!.json();
    expect(accepted.state).toBe('accepted');
    const [event] = await t.handle.db.select().from(events).where(eq(events.id, accepted.eventId));
    expect(event).toMatchObject({ kind: 'consultation', state: 'published', organizationId: t.fixtures.ownOrganizationId, networkId, format: 'online', address: 'Кабинет 21' });
    expect(event.startsAt.toISOString()).toBe(slot.startsAt);
    const coOrganizers = await t.handle.db.select().from(eventOrganizers).where(eq(eventOrganizers.eventId, event.id));
    expect(coOrganizers.map((o) => o.organizationId)).toEqual([t.fixtures.otherOrganizationId]);
    const actions = (await t.handle.db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.entityId, id))).map((a) => a.action);
    expect(actions).toEqual(['consultation.requested', 'consultation.slots_proposed', 'consultation.accepted']);

    // The partnership's record counts it.
    const record = (await t.call('GET', `/api/networks/${networkId}/consultations`)).json();
    expect(record).toMatchObject({ held: 0, upcoming: 1, items: [{ eventId: event.id, topic: 'Формирующее оценивание на уроках математики', consultant: { shortName: 'СОШ № 1' }, requester: { shortName: 'СОШ № 2' } }] });
    // Accepted is final here: declining or cancelling it is a 409 (the event is cancelled as an event).
    expect((await t.call('POST', `/api/consultations/${id}/decline`, { session: leader, body: { reason: 'Нет' } })).statusCode).toBe(409);
  });

  it('only the leader of one’s partnership or a consultant school can be asked', async () => {
    const before = (await t.handle.db.select().from(consultationRequests)).length;
    const stranger = await organizationWithHead(t, 'Гимназия № 9', null);
    const refused = await ask(satellite, { consultantOrganizationId: stranger.org.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('consultantOrganizationId');
    expect((await ask(leader, {})).statusCode).toBe(403);
    expect((await t.handle.db.select().from(consultationRequests)).length).toBe(before);

    await t.handle.db.update(organizations).set({ statuses: ['consultant'] }).where(eq(organizations.id, stranger.org.id));
    const asked = await ask(satellite, { consultantOrganizationId: stranger.org.id, topic: 'Школьный импрувмент' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().network).toBeNull();
    // The consultant school declines; the request is closed and the requester told.
    const declined = await t.call('POST', `/api/consultations/${asked.json().id}/decline`, { session: stranger.session, body: { reason: 'В этом полугодии нет свободных методистов' } });
    expect(declined.json()).toMatchObject({ state: 'declined', reason: 'В этом полугодии нет свободных методистов' });
    // Staff of neither school do not see it.
    expect((await t.call('GET', `/api/consultations/${asked.json().id}`, { session: leader })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/consultations/${asked.json().id}`, { session: satellite })).statusCode).toBe(200);
  });

  it('the requester withdraws a request before a time is chosen', async () => {
    const id = (await ask(satellite, { topic: 'Адаптация пятиклассников' })).json().id;
    const cancelled = await t.call('POST', `/api/consultations/${id}/cancel`, { session: satellite, body: {} });
    expect(cancelled.json().state).toBe('cancelled');
    expect((await t.call('POST', `/api/consultations/${id}/slots`, { session: leader, body: { slots: [{ startsAt: inDays(3), endsAt: inDays(3, 11) }] } })).statusCode).toBe(409);
    const mine = (await t.call('GET', '/api/consultations', { session: t.fixtures && (await t.signIn('teacher')) })).json();
    expect(mine.length).toBeGreaterThan(0);
  });
});
