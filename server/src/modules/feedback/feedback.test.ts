import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { insertTestEvent, registerForTestEvent } from '../events/material.testkit';
import { feedbackResponses } from './schema';

describe('feedback after an event', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());
  const answers = async () => (await t.handle.db.select().from(feedbackResponses)).length;

  it('a participant answers once after the event; the organiser sees the results without names', async () => {
    const event = await insertTestEvent(t.handle.db, { organizationId: t.fixtures.ownOrganizationId });
    for (const role of ['teacher', 'otherOrgAdmin', 'guardian'] as const) await registerForTestEvent(t.handle.db, event.id, { userId: t.fixtures.actors[role]!.userId });

    const first = await t.call('POST', `/api/events/${event.id}/feedback`, { session: await t.signIn('teacher'), body: { rating: 5, comment: 'Очень полезно, спасибо за кейсы' } });
    expect(first.statusCode, first.body).toBe(201);
    const again = await t.call('POST', `/api/events/${event.id}/feedback`, { session: await t.signIn('teacher'), body: { rating: 1 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toBe('Ответ уже получен');
    expect(await answers()).toBe(1);
    await t.call('POST', `/api/events/${event.id}/feedback`, { session: await t.signIn('otherOrgAdmin'), body: { rating: 4 } });

    const mine = (await t.call('GET', `/api/events/${event.id}/feedback`, { session: await t.signIn('teacher') })).json();
    expect(mine).toMatchObject({ open: true, results: null, mine: [{ childName: null, answer: { rating: 5, comment: 'Очень полезно, спасибо за кейсы' } }] });
    const guardian = (await t.call('GET', `/api/events/${event.id}/feedback`, { session: await t.signIn('guardian') })).json();
    expect(guardian.mine[0].answer).toBeNull();

    const organiser = (await t.call('GET', `/api/events/${event.id}/feedback`, { session: await t.signIn('orgAdmin') })).json();
    expect(organiser.results).toMatchObject({ count: 2, average: 4.5, distribution: { 1: 0, 4: 1, 5: 1 } });
    expect(organiser.results.comments).toEqual([{ rating: 5, comment: 'Очень полезно, спасибо за кейсы', createdAt: expect.any(String) }]);
    expect(JSON.stringify(organiser)).not.toContain('Пользователь');
  });

  it('before the end, for a cancelled event, without a place or with a bad rating: a Russian problem and nothing stored', async () => {
    const before = await answers();
    const upcoming = await insertTestEvent(t.handle.db, { organizationId: t.fixtures.ownOrganizationId, state: 'published', startsAt: new Date(Date.now() + 3_600_000), endsAt: new Date(Date.now() + 7_200_000) });
    await registerForTestEvent(t.handle.db, upcoming.id, { userId: t.fixtures.actors.teacher!.userId });
    const early = await t.call('POST', `/api/events/${upcoming.id}/feedback`, { session: await t.signIn('teacher'), body: { rating: 5 } });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('Отзыв можно оставить после окончания мероприятия.');

    const cancelled = await insertTestEvent(t.handle.db, { organizationId: t.fixtures.ownOrganizationId, state: 'cancelled' });
    await registerForTestEvent(t.handle.db, cancelled.id, { userId: t.fixtures.actors.teacher!.userId });
    expect((await t.call('POST', `/api/events/${cancelled.id}/feedback`, { session: await t.signIn('teacher'), body: { rating: 5 } })).statusCode).toBe(409);

    const finished = await insertTestEvent(t.handle.db, { organizationId: t.fixtures.ownOrganizationId });
    await registerForTestEvent(t.handle.db, finished.id, { userId: t.fixtures.actors.expert!.userId }, 'cancelled');
    expect((await t.call('POST', `/api/events/${finished.id}/feedback`, { session: await t.signIn('expert'), body: { rating: 5 } })).statusCode).toBe(403);
    await registerForTestEvent(t.handle.db, finished.id, { userId: t.fixtures.actors.teacher!.userId });
    const bad = await t.call('POST', `/api/events/${finished.id}/feedback`, { session: await t.signIn('teacher'), body: { rating: 6 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'rating', message: 'Оценка — от 1 до 5' });
    expect(await answers()).toBe(before);
  });

  it('two answers for one registration at once: one is stored, the other is a 409', async () => {
    const event = await insertTestEvent(t.handle.db, { organizationId: t.fixtures.ownOrganizationId });
    await registerForTestEvent(t.handle.db, event.id, { userId: t.fixtures.actors.authority!.userId });
    const session = await t.signIn('authority');
    const results = await Promise.all([1, 2, 3].map((rating) => t.call('POST', `/api/events/${event.id}/feedback`, { session, body: { rating } })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });
});
