import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { insertChild, insertGuardian } from '../enrolments/enrolment.testkit';
import { insertRegistration } from '../events/event.testkit';
import { insertCalendarEvent as insertEvent } from './calendar.testkit';
import { calendarFeeds } from './schema';

/** The SUMMARY lines of an ICS text, unfolded. */
const summaries = (ics: string) =>
  ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line.startsWith('SUMMARY:'))
    .map((line) => line.slice('SUMMARY:'.length).replace(/\\,/g, ','));

const feedPath = (url: string) => new URL(url).pathname;

describe('calendar feeds (ICS)', () => {
  let t: TestApp;
  const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('gives a person a secret address of their events, shown once, kept only as a hash', async () => {
    const { db } = t.handle;
    const teacher = t.fixtures.actors.teacher!;
    const other = t.fixtures.otherOrganizationId;
    const registered = await insertEvent(t, other, { title: 'Семинар, где я записан', on: soon });
    const waitlisted = await insertEvent(t, other, { title: 'Мастер-класс в листе ожидания', on: soon });
    const cancelledEvent = await insertEvent(t, other, { title: 'Отменённая конференция', on: soon, state: 'cancelled' });
    await insertEvent(t, other, { title: 'Чужое мероприятие', on: soon });
    const myDraft = await insertEvent(t, t.fixtures.ownOrganizationId, { title: 'Черновик моей школы', on: soon, state: 'draft' });
    const left = await insertEvent(t, other, { title: 'Откуда я ушёл', on: soon });
    await insertRegistration(t, registered.id, { userId: teacher.userId });
    await insertRegistration(t, waitlisted.id, { userId: teacher.userId }, 'waitlisted');
    await insertRegistration(t, cancelledEvent.id, { userId: teacher.userId });
    await insertRegistration(t, myDraft.id, { userId: teacher.userId });
    await insertRegistration(t, left.id, { userId: teacher.userId }, 'cancelled');

    const session = await t.signIn('teacher');
    expect((await t.call('GET', '/api/calendar/feed', { session })).json()).toMatchObject({ active: false });
    const created = await t.call('POST', '/api/calendar/feed', { session });
    expect(created.statusCode, created.body).toBe(201);
    const { url } = created.json() as { url: string };
    expect(url).toMatch(/\/api\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = feedPath(url).split('/').pop()!.replace('.ics', '');
    const stored = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, teacher.userId));
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).not.toContain(token);

    const feed = await t.call('GET', feedPath(url));
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const ics = feed.body;
    // The draft never, even though the teacher's own school holds it and she is registered.
    expect(summaries(ics).sort()).toEqual(['Мастер-класс в листе ожидания', 'Отменено: Отменённая конференция', 'Семинар, где я записан'].sort());
    const block = (title: string) => ics.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT').find((b) => b.includes(`SUMMARY:${title}`))!;
    expect(block('Семинар\\, где я записан')).toContain('STATUS:CONFIRMED');
    expect(block('Мастер-класс в листе ожидания')).toContain('STATUS:TENTATIVE');
    expect(block('Отменено: Отменённая конференция')).toContain('STATUS:CANCELLED');
    expect(ics).toContain(`UID:${registered.id}@orbita`);
    expect((await t.call('GET', '/api/calendar/feed', { session })).json()).toMatchObject({ active: true });
  });

  it('shows a guardian their child’s events', async () => {
    const { db } = t.handle;
    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId);
    const concert = await insertEvent(t, t.fixtures.otherOrganizationId, { title: 'Фестиваль юных музыкантов', kind: 'festival', on: soon });
    await insertRegistration(t, concert.id, { childId: child.id });
    const { url } = (await t.call('POST', '/api/calendar/feed', { session: guardian.session })).json() as { url: string };
    expect(summaries((await t.call('GET', feedPath(url))).body)).toEqual(['Фестиваль юных музыкантов']);
  });

  it('a new address turns the old one off (410), revoking turns it off, and both are audited', async () => {
    const session = await t.signIn('orgAdmin');
    const userId = t.fixtures.actors.orgAdmin!.userId;
    const first = (await t.call('POST', '/api/calendar/feed', { session })).json() as { url: string };
    const second = (await t.call('POST', '/api/calendar/feed', { session })).json() as { url: string };
    expect(second.url).not.toBe(first.url);
    const gone = await t.call('GET', feedPath(first.url));
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(gone.json().title).toBe('Ссылка на календарь отключена');
    expect((await t.call('GET', feedPath(second.url))).statusCode).toBe(200);

    const revoked = await t.call('DELETE', '/api/calendar/feed', { session });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toEqual({ revoked: true });
    expect((await t.call('GET', feedPath(second.url))).statusCode).toBe(410);
    expect((await t.call('DELETE', '/api/calendar/feed', { session })).json()).toEqual({ revoked: false });

    const feeds = await t.handle.db.select({ id: calendarFeeds.id }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
    const entries = await t.handle.db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(and(eq(auditEntries.entityType, 'calendar_feed'), inArray(auditEntries.entityId, feeds.map((f) => f.id))))
      .orderBy(auditEntries.id);
    expect(entries.map((e) => e.action)).toEqual(['calendar_feed.created', 'calendar_feed.revoked', 'calendar_feed.created', 'calendar_feed.revoked']);
  });

  it('answers 404 to an address that never existed and 400 to one that is not an address', async () => {
    expect((await t.call('GET', `/api/calendar/feeds/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await t.call('GET', '/api/calendar/feeds/short.ics')).statusCode).toBe(400);
  });

  it('refuses to make an address for someone not signed in', async () => {
    expect((await t.call('POST', '/api/calendar/feed')).statusCode).toBe(401);
    expect((await t.call('GET', '/api/calendar/feed')).statusCode).toBe(401);
  });

  it('publishes a public network’s events to anyone, without drafts; a members-only network is not found', async () => {
    const { db } = t.handle;
    const open = await seedNetwork(db, t.fixtures, { name: 'Открытая сеть' });
    const closed = await seedNetwork(db, t.fixtures, { name: 'Закрытая сеть', visibility: 'members' });
    await insertEvent(t, t.fixtures.ownOrganizationId, { title: 'Открытый семинар сети', on: soon, networkId: open.id });
    await insertEvent(t, t.fixtures.ownOrganizationId, { title: 'Черновик сети', on: soon, networkId: open.id, state: 'draft' });
    await insertEvent(t, t.fixtures.ownOrganizationId, { title: 'Семинар без сети', on: soon });
    await insertEvent(t, t.fixtures.ownOrganizationId, { title: 'Семинар закрытой сети', on: soon, networkId: closed.id });
    const feed = await t.call('GET', `/api/calendar/networks/${open.id}/events.ics`);
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.body).toContain('X-WR-CALNAME:Орбита — Открытая сеть');
    expect(summaries(feed.body)).toEqual(['Открытый семинар сети']);
    expect((await t.call('GET', `/api/calendar/networks/${closed.id}/events.ics`)).statusCode).toBe(404);
  });
});
