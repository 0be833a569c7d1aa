import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { insertEvent, insertSection, insertTeacher, register } from './event.testkit';
import { eventRegistrations, eventSessions, events } from './schema';

/**
 * Many people pressing «Записаться» at the same moment, on both engines (TEST_DATABASE_URL selects PostgreSQL, where
 * the requests really overlap on separate connections): never over capacity, of the event or of a section; the line
 * gapless and in order; a seat freed goes to exactly one person; a cancellation racing a promotion leaves no seat
 * counted twice.
 */
const RACERS = 40;
const SEATS = 5;

describe('event registration under concurrency', () => {
  let t: TestApp;
  let racers: { userId: string; session: Session }[];

  const seats = async (eventId: string) => (await t.handle.db.select({ seatsTaken: events.seatsTaken }).from(events).where(eq(events.id, eventId)))[0].seatsTaken;
  const inState = async (eventId: string, state: 'registered' | 'waitlisted') =>
    (await t.handle.db.select({ n: count() }).from(eventRegistrations).where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.state, state))))[0].n;
  const cancel = (racer: { session: Session }, registration: { id: string; version: number }) =>
    t.call('POST', `/api/event-registrations/${registration.id}/cancel`, { session: racer.session, body: { version: registration.version } });

  beforeAll(async () => {
    t = await openTestApp();
    racers = [];
    for (let i = 0; i < RACERS; i++) racers.push(await insertTeacher(t, t.fixtures.otherOrganizationId));
  });
  afterAll(() => t.close());

  it(`${RACERS} people racing for ${SEATS} seats: exactly ${SEATS} registered, the rest in a gapless line or told it is full`, async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { capacity: SEATS });
    const responses = await Promise.all(racers.map((racer, i) => register(t, racer.session, event.id, { waitlist: i % 2 === 0 })));
    const answers = responses.map((r) => ({ status: r.statusCode, body: r.json() }));
    const registered = answers.filter((a) => a.status === 201 && a.body.state === 'registered');
    const waitlisted = answers.filter((a) => a.status === 201 && a.body.state === 'waitlisted');
    const refused = answers.filter((a) => a.status === 409);
    expect(registered).toHaveLength(SEATS);
    expect(registered.length + waitlisted.length + refused.length, JSON.stringify(answers.filter((a) => ![201, 409].includes(a.status)))).toBe(RACERS);
    expect(refused.every((a) => a.body.code === 'event_full')).toBe(true);
    expect(waitlisted.map((a) => a.body.waitlistPosition).sort((a, b) => a - b)).toEqual(waitlisted.map((_, i) => i + 1));
    expect(await seats(event.id)).toBe(SEATS);
    expect(await inState(event.id, 'registered')).toBe(SEATS);
  });

  it('a rush on a section: never over the section, never over the event', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { kind: 'conference', capacity: 8 });
    const a = await insertSection(t, event.id, { capacity: 3 });
    const b = await insertSection(t, event.id, { capacity: 10 });
    const responses = await Promise.all(racers.map((racer, i) => register(t, racer.session, event.id, { sessionId: i % 2 ? a.id : b.id, waitlist: true })));
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const sections = await t.handle.db.select().from(eventSessions).where(eq(eventSessions.eventId, event.id));
    const taken = new Map(sections.map((s) => [s.id, s.seatsTaken]));
    // Who arrives first decides how the event's 8 seats split; neither the section nor the event is ever over.
    expect(taken.get(a.id)).toBeLessThanOrEqual(3);
    expect(await seats(event.id)).toBe(8);
    expect(taken.get(a.id)! + taken.get(b.id)!).toBe(8);
    const rows = await t.handle.db.select().from(eventRegistrations).where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.state, 'registered')));
    expect(rows.filter((r) => r.sessionId === a.id)).toHaveLength(taken.get(a.id)!);
    expect(rows).toHaveLength(8);
  });

  it('the same request sent twice at once makes one registration, and both answers carry it', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { capacity: SEATS });
    const key = randomUUID();
    const [first, second] = await Promise.all([0, 1].map(() => register(t, racers[0].session, event.id, {}, key)));
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
    expect(first.json().id).toBe(second.json().id);
    expect(await seats(event.id)).toBe(1);
  });

  it('seats freed at once go to different people in line, in order, and nobody is promoted twice', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { capacity: 2 });
    const answers: { id: string; version: number }[] = [];
    for (const racer of racers.slice(0, 6)) answers.push((await register(t, racer.session, event.id, { waitlist: true })).json());
    const [a, b, firstInLine, secondInLine] = answers;
    const cancellations = await Promise.all([a, b].map((registration, i) => cancel(racers[i], registration)));
    expect(cancellations.map((c) => c.statusCode)).toEqual([200, 200]);
    const states = await t.handle.db.select({ id: eventRegistrations.id, state: eventRegistrations.state }).from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    const stateOf = (id: string) => states.find((s) => s.id === id)!.state;
    expect([stateOf(firstInLine.id), stateOf(secondInLine.id)]).toEqual(['registered', 'registered']);
    expect(answers.slice(4).map((r) => stateOf(r.id))).toEqual(['waitlisted', 'waitlisted']);
    expect(await seats(event.id)).toBe(2);
  });

  it('cancellations of seats racing cancellations in line: the seats end up with those still waiting, counted once', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { capacity: 3 });
    const answers: { id: string; version: number }[] = [];
    for (const racer of racers.slice(0, 12)) answers.push((await register(t, racer.session, event.id, { waitlist: true })).json());
    // The three seated and the first three in line all cancel at once: the seats go to the next in line, who did not cancel.
    const cancelling = [0, 1, 2, 3, 4, 5];
    const results = await Promise.all(cancelling.map((i) => cancel(racers[i], answers[i])));
    // A waiting person may be promoted before their own cancel lands: that cancel then meets a new version (409) or frees the seat again.
    expect(results.every((r) => [200, 409].includes(r.statusCode)), results.map((r) => r.body).join('\n')).toBe(true);
    const rows = await t.handle.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    const registered = rows.filter((r) => r.state === 'registered');
    expect(registered).toHaveLength(3);
    expect(await seats(event.id)).toBe(3);
    // Those in line are the rest, in order, with no one counted both ways.
    const waiting = rows.filter((r) => r.state === 'waitlisted').sort((x, y) => x.queueNo - y.queueNo);
    expect(registered.every((r) => r.queueNo < (waiting[0]?.queueNo ?? Infinity))).toBe(true);
  });
});
