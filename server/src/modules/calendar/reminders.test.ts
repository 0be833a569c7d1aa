import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { outboxMessages } from '../../platform/mail/schema';
import { users } from '../accounts/schema';
import { insertChild, insertGuardian } from '../enrolments/enrolment.testkit';
import { notifications } from '../notifications/schema';
import { insertRegistration } from '../events/event.testkit';
import { insertCalendarEvent as insertEvent } from './calendar.testkit';
import { remindUpcomingEvents } from './remind-upcoming-events';

describe('reminders the day before an event', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  // 16 March, 11:00 Moscow time: tomorrow is the 17th.
  const morning = new Date('2026-03-16T11:00:00+03:00');

  it('tells everyone with a seat tomorrow once, guardians for their children, by e-mail as each chose', async () => {
    const { db } = t.handle;
    const org = t.fixtures.otherOrganizationId;
    const teacher = t.fixtures.actors.teacher!;
    const tomorrow = await insertEvent(t, org, { title: 'Завтрашний семинар', on: '2026-03-17' });
    const today = await insertEvent(t, org, { title: 'Сегодняшний семинар', on: '2026-03-16' });
    const later = await insertEvent(t, org, { title: 'Семинар послезавтра', on: '2026-03-18' });
    const cancelled = await insertEvent(t, org, { title: 'Отменённый семинар', on: '2026-03-17', state: 'cancelled' });
    const guardian = await insertGuardian(t);
    const [first, second] = [await insertChild(t, guardian.userId), await insertChild(t, guardian.userId)];
    const waiting = await insertGuardian(t);
    await db.update(users).set({ mailPreference: 'digest' }).where(eq(users.id, teacher.userId));
    await insertRegistration(t, tomorrow.id, { userId: teacher.userId });
    await insertRegistration(t, tomorrow.id, { childId: first.id });
    await insertRegistration(t, tomorrow.id, { childId: second.id });
    await insertRegistration(t, tomorrow.id, { userId: waiting.userId }, 'waitlisted');
    for (const other of [today, later, cancelled]) await insertRegistration(t, other.id, { userId: teacher.userId });

    expect(await remindUpcomingEvents(db, new Date('2026-03-16T08:00:00+03:00')), 'not before 10:00 in the region').toBe(0);
    expect(await remindUpcomingEvents(db, morning)).toBe(2);
    expect(await remindUpcomingEvents(db, new Date('2026-03-16T15:00:00+03:00')), 'once').toBe(0);

    const given = await db.select().from(notifications).where(eq(notifications.kind, 'event_reminder'));
    expect(given.map((n) => n.userId).sort()).toEqual([teacher.userId, guardian.userId].sort());
    const toGuardian = given.find((n) => n.userId === guardian.userId)!;
    expect(toGuardian.title).toBe('Завтра: «Завтрашний семинар», 17 марта в 15:00');
    expect(toGuardian.body).toContain(first.fullName);
    expect(toGuardian.body).toContain(second.fullName);
    expect(toGuardian.link).toBe(`/events/${tomorrow.id}`);
    // The guardian wants letters at once; the teacher chose the daily digest.
    const letters = await db.select({ userId: outboxMessages.userId }).from(outboxMessages).where(and(eq(outboxMessages.kind, 'notification'), inArray(outboxMessages.userId, [guardian.userId, teacher.userId])));
    expect(letters.map((l) => l.userId)).toEqual([guardian.userId]);
  });

  it('reminds again when the event moves to another day', async () => {
    const { db } = t.handle;
    const guardian = await insertGuardian(t);
    const moved = await insertEvent(t, t.fixtures.otherOrganizationId, { title: 'Перенесённый семинар', on: '2026-03-17' });
    await insertRegistration(t, moved.id, { userId: guardian.userId });
    await remindUpcomingEvents(db, morning);
    const { events } = await import('../events/schema');
    await db.update(events).set({ startsAt: new Date('2026-03-18T15:00:00+03:00'), endsAt: new Date('2026-03-18T17:00:00+03:00') }).where(eq(events.id, moved.id));
    await remindUpcomingEvents(db, new Date('2026-03-17T11:00:00+03:00'));
    const given = await db.select({ title: notifications.title }).from(notifications).where(eq(notifications.userId, guardian.userId)).orderBy(notifications.createdAt);
    expect(given.map((n) => n.title)).toEqual(['Завтра: «Перенесённый семинар», 17 марта в 15:00', 'Завтра: «Перенесённый семинар», 18 марта в 15:00']);
  });
});
