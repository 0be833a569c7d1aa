import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { auditEntries } from '../../platform/audit/schema';
import { insertChild, insertGuardian } from '../enrolments/enrolment.testkit';
import { insertEventUnderWay, insertPerson, insertRegistration } from './check-in.testkit';
import { outboxMessages } from '../../platform/mail/schema';
import { enqueueTicketLetters } from './check-in-letter';
import { eventRegistrations } from './schema';

describe('check-in at the door', () => {
  let t: TestApp;
  let organiser: Session;
  let coOrganiser: Session;
  beforeAll(async () => {
    t = await openTestApp();
    organiser = await t.signIn('orgAdmin');
    coOrganiser = await t.signIn('operator');
  });
  afterAll(() => t.close());

  const registrationRow = async (id: string) => (await t.handle.db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id)))[0];

  it('lets a registered person in by the typed code or the QR, once; the second scan says when', async () => {
    const event = await insertEventUnderWay(t, t.fixtures.ownOrganizationId);
    const person = await insertPerson(t, 'Сидорова Анна Петровна');
    const registration = await insertRegistration(t, event.id, { userId: person.userId });
    const typed = registration.checkInCode.toLowerCase().replace(/(....)/, '$1-');
    const first = await t.call('POST', `/api/events/${event.id}/check-in`, { session: organiser, body: { code: typed } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'checked_in', name: 'Сидорова Анна Петровна', registrationId: registration.id });

    const qr = `http://localhost:3000/events/${event.id}/check-in#code=${registration.checkInCode}`;
    const second = await t.call('POST', `/api/events/${event.id}/check-in`, { session: coOrganiser, body: { code: qr } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ detail: 'Участник уже отмечен на входе.', checkedInAt: first.json().checkedInAt });

    const row = await registrationRow(registration.id);
    expect(row.checkedInAt?.toISOString()).toBe(first.json().checkedInAt);
    expect(row.checkedInBy).toBe(t.fixtures.actors.orgAdmin!.userId);
    const audit = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'event.checked_in'), eq(auditEntries.entityId, registration.id)));
    expect(audit).toHaveLength(1);
  });

  it('refuses unknown codes, codes of another event and registrations not in force, and changes nothing', async () => {
    const event = await insertEventUnderWay(t, t.fixtures.ownOrganizationId);
    const other = await insertEventUnderWay(t, t.fixtures.ownOrganizationId);
    const person = await insertPerson(t);
    const cancelled = await insertRegistration(t, event.id, { userId: person.userId }, { state: 'cancelled' });
    const waitlisted = await insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId }, { state: 'waitlisted' });
    const elsewhere = await insertRegistration(t, other.id, { userId: person.userId });

    const unknown = await t.call('POST', `/api/events/${event.id}/check-in`, { session: organiser, body: { code: 'AAAAAA' } });
    expect(unknown.statusCode).toBe(404);
    const otherQr = await t.call('POST', `/api/events/${event.id}/check-in`, { session: organiser, body: { code: `https://x/events/${other.id}/check-in#code=${elsewhere.checkInCode}` } });
    expect(otherQr.statusCode).toBe(404);
    expect(otherQr.json().detail).toBe('Это QR-код другого мероприятия.');
    const gone = await t.call('POST', `/api/events/${event.id}/check-in`, { session: organiser, body: { code: cancelled.checkInCode } });
    expect(gone.statusCode).toBe(409);
    expect(gone.json().detail).toBe('Регистрация отменена: отметить нельзя.');
    const waiting = await t.call('POST', `/api/events/${event.id}/check-in`, { session: organiser, body: { code: waitlisted.checkInCode } });
    expect(waiting.statusCode).toBe(409);
    const english = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/check-in`, headers: { cookie: organiser.cookie, 'x-csrf-token': organiser.csrfToken, 'accept-language': 'en' }, payload: { code: waitlisted.checkInCode } });
    expect(english.json().detail).toBe('The participant is on the waiting list and has no seat: cannot be checked in.');
    const empty = await t.call('POST', `/api/events/${event.id}/check-in/batch`, { session: organiser, body: { scans: [] } });
    expect(empty.statusCode).toBe(400);

    for (const id of [cancelled.id, waitlisted.id, elsewhere.id]) expect((await registrationRow(id)).checkedInAt).toBeNull();
  });

  it('refuses a draft or cancelled event (409), a teacher of the organiser (403) and hides a draft from outsiders (404)', async () => {
    const draft = await insertEventUnderWay(t, t.fixtures.ownOrganizationId, { state: 'draft', publishedAt: null });
    const registration = await insertRegistration(t, draft.id, { userId: (await insertPerson(t)).userId });
    expect((await t.call('POST', `/api/events/${draft.id}/check-in`, { session: organiser, body: { code: registration.checkInCode } })).statusCode).toBe(409);
    expect((await t.call('POST', `/api/events/${draft.id}/check-in`, { session: await t.signIn('otherOrgAdmin'), body: { code: registration.checkInCode } })).statusCode).toBe(404);
    const published = await insertEventUnderWay(t, t.fixtures.ownOrganizationId);
    const teacher = await t.call('POST', `/api/events/${published.id}/check-in`, { session: await t.signIn('teacher'), body: { code: 'AAAAAA' } });
    expect(teacher.statusCode).toBe(403);
    expect((await t.call('GET', `/api/events/${published.id}/check-in/roster`, { session: await t.signIn('teacher') })).statusCode).toBe(403);
  });

  it('two phones scanning one code at once: one lets the person in, the other is told when', async () => {
    const event = await insertEventUnderWay(t, t.fixtures.ownOrganizationId);
    const registrations = await Promise.all(Array.from({ length: 5 }, async () => insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId })));
    for (const registration of registrations) {
      const answers = await Promise.all([organiser, coOrganiser].map((session) => t.call('POST', `/api/events/${event.id}/check-in`, { session, body: { code: registration.checkInCode } })));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const winner = answers.find((a) => a.statusCode === 200)!.json();
      expect(answers.find((a) => a.statusCode === 409)!.json().checkedInAt).toBe(winner.checkedInAt);
    }
    const audit = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'event.checked_in'));
    expect(audit.filter((a) => registrations.some((r) => r.id === a.entityId))).toHaveLength(5);
  });

  it('two phones offline, then syncing their queues at once: each person once, first to reach the server wins, a replay changes nothing', async () => {
    const event = await insertEventUnderWay(t, t.fixtures.ownOrganizationId);
    const registrations = await Promise.all(Array.from({ length: 12 }, async () => insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId })));
    const codes = registrations.map((r) => r.checkInCode);
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    // Phone A scanned everyone in order, phone B the same people in the opposite order (a crowd at two doors).
    const queueA = codes.map((code, i) => ({ code, scannedAt: minutesAgo(50 - i) }));
    const queueB = [...codes].reverse().map((code, i) => ({ code, scannedAt: minutesAgo(49 - i) }));
    const [a, b] = await Promise.all([
      t.call('POST', `/api/events/${event.id}/check-in/batch`, { session: organiser, body: { scans: queueA } }),
      t.call('POST', `/api/events/${event.id}/check-in/batch`, { session: coOrganiser, body: { scans: queueB } }),
    ]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    const outcomesA: { code: string; outcome: string; checkedInAt: string }[] = a.json().outcomes;
    const outcomesB: { code: string; outcome: string; checkedInAt: string }[] = b.json().outcomes;
    expect(outcomesA.map((o) => o.code)).toEqual(codes);
    for (const code of codes) {
      const mine = [outcomesA.find((o) => o.code === code)!, outcomesB.find((o) => o.code === code)!];
      expect(mine.map((o) => o.outcome).sort()).toEqual(['already', 'checked_in']);
      expect(mine[0].checkedInAt).toBe(mine[1].checkedInAt);
    }
    const rows = await t.handle.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    expect(rows.every((r) => r.checkedInAt)).toBe(true);
    const audit = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'event.checked_in'));
    expect(audit.filter((e) => rows.some((r) => r.id === e.entityId))).toHaveLength(12);

    // Phone A never got its answer and sends the same queue again: what it won it still wins, nothing is written twice.
    const replay = await t.call('POST', `/api/events/${event.id}/check-in/batch`, { session: organiser, body: { scans: queueA } });
    expect(replay.json().outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(outcomesA.map((o) => o.outcome));
    const after = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'event.checked_in'));
    expect(after.length).toBe(audit.length);
  });

  it('keeps the phone’s scan time unless it is in the future or long before the event', async () => {
    const event = await insertEventUnderWay(t, t.fixtures.ownOrganizationId);
    const [early, late, fine] = await Promise.all([0, 1, 2].map(async () => insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId })));
    const tenMinutesAgo = new Date(Date.now() - 600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const response = await t.call('POST', `/api/events/${event.id}/check-in/batch`, {
      session: organiser,
      body: { scans: [{ code: early.checkInCode, scannedAt: '2020-01-01T10:00:00Z' }, { code: late.checkInCode, scannedAt: '2099-01-01T10:00:00Z' }, { code: fine.checkInCode, scannedAt: tenMinutesAgo }] },
    });
    const [e, l, f] = response.json().outcomes;
    expect(Date.now() - Date.parse(e.checkedInAt)).toBeLessThan(60_000);
    expect(Date.now() - Date.parse(l.checkedInAt)).toBeLessThan(60_000);
    expect(f.checkedInAt).toBe(new Date(tenMinutesAgo).toISOString());
  });

  it('marks attendance by list and takes a wrong mark off; a registration not in force is refused', async () => {
    const event = await insertEventUnderWay(t, t.fixtures.ownOrganizationId);
    const registration = await insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId });
    const pending = await insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId }, { state: 'pending' });
    const mark = (body: object) => t.call('POST', `/api/events/${event.id}/attendance`, { session: organiser, body });
    expect((await mark({ registrationId: registration.id, present: true })).json()).toMatchObject({ changed: true });
    expect((await mark({ registrationId: registration.id, present: true })).json()).toMatchObject({ changed: false });
    expect((await registrationRow(registration.id)).checkedInAt).not.toBeNull();
    expect((await mark({ registrationId: registration.id, present: false })).json()).toMatchObject({ changed: true, checkedInAt: null });
    expect((await registrationRow(registration.id)).checkedInAt).toBeNull();
    expect((await mark({ registrationId: pending.id, present: true })).statusCode).toBe(409);
    const elsewhere = await insertRegistration(t, (await insertEventUnderWay(t, t.fixtures.ownOrganizationId)).id, { userId: (await insertPerson(t)).userId });
    expect((await mark({ registrationId: elsewhere.id, present: true })).statusCode).toBe(404);
    const actions = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, registration.id));
    expect(actions.map((a) => a.action).sort()).toEqual(['event.attendance_marked', 'event.attendance_unmarked']);
  });

  it('gives the organiser the roster with codes, children by the school that registered them', async () => {
    const event = await insertEventUnderWay(t, t.fixtures.ownOrganizationId);
    const adult = await insertRegistration(t, event.id, { userId: (await insertPerson(t, 'Андреева Ольга')).userId }, { checkedInAt: new Date() });
    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId);
    await insertRegistration(t, event.id, { childId: child.id, onBehalfOfOrganizationId: t.fixtures.ownOrganizationId });
    const response = await t.call('GET', `/api/events/${event.id}/check-in/roster`, { session: organiser });
    expect(response.statusCode).toBe(200);
    const roster = response.json();
    expect(roster.event.id).toBe(event.id);
    expect(roster.items[0]).toMatchObject({ name: 'Андреева Ольга', code: adult.checkInCode, child: false });
    expect(roster.items[0].checkedInAt).not.toBeNull();
    expect(roster.items[1]).toMatchObject({ name: child.fullName, child: true, school: 'СОШ № 1', checkedInAt: null });
  });

  it('shows a ticket (code and QR) to the person, a child’s guardian and the organiser, and to nobody else', async () => {
    const event = await insertEventUnderWay(t, t.fixtures.ownOrganizationId);
    const person = await insertPerson(t);
    const registration = await insertRegistration(t, event.id, { userId: person.userId });
    const own = await t.call('GET', `/api/event-registrations/${registration.id}/ticket`, { session: person.session });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ code: registration.checkInCode, payload: `http://localhost:3000/events/${event.id}/check-in#code=${registration.checkInCode}` });
    expect(own.json().svg).toMatch(/^<svg/);
    expect((await t.call('GET', `/api/event-registrations/${registration.id}/ticket`, { session: organiser })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/event-registrations/${registration.id}/ticket`, { session: (await insertPerson(t)).session })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/event-registrations/${registration.id}/ticket`, { session: await t.signIn('teacher') })).statusCode).toBe(404);

    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId);
    const childRegistration = await insertRegistration(t, event.id, { childId: child.id });
    expect((await t.call('GET', `/api/event-registrations/${childRegistration.id}/ticket`, { session: guardian.session })).statusCode).toBe(200);
  });

  it('mails the ticket with its QR drawn as a table, to the person or a child’s guardian, not for a school’s group', async () => {
    const event = await insertEventUnderWay(t, t.fixtures.ownOrganizationId, { title: 'Мастер-класс по робототехнике' });
    const person = await insertPerson(t, 'Лебедева Нина');
    const own = await insertRegistration(t, event.id, { userId: person.userId });
    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId);
    const childs = await insertRegistration(t, event.id, { childId: child.id });
    const group = await insertRegistration(t, event.id, { childId: (await insertChild(t, guardian.userId)).id, onBehalfOfOrganizationId: t.fixtures.ownOrganizationId });
    const waiting = await insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId }, { state: 'waitlisted' });
    await t.handle.db.transaction((tx) => enqueueTicketLetters(tx, [own.id, childs.id, group.id, waiting.id]));
    const letters = await t.handle.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'event_ticket'));
    expect(letters.map((l) => l.subject)).toEqual(['Билет: Мастер-класс по робототехнике', 'Билет: Мастер-класс по робототехнике']);
    const mine = letters.find((l) => l.textBody.includes('Лебедева Нина'))!;
    expect(mine.textBody).toContain(`Код: ${own.checkInCode.slice(0, 4)}-${own.checkInCode.slice(4)}`);
    expect(mine.htmlBody).toContain('<table role="img" aria-label="QR"');
    expect(mine.htmlBody.length).toBeLessThan(60_000);
    expect(letters.some((l) => l.textBody.includes(`${child.fullName} записан(а)`))).toBe(true);
  });

  it('mails the ticket when a registration takes a seat: at once, and on promotion from the waitlist', async () => {
    const event = await insertEventUnderWay(t, t.fixtures.ownOrganizationId, { startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 90_000_000), capacity: 1, audiences: ['teachers', 'public'] });
    const first = await insertPerson(t, 'Первая Участница');
    const second = await insertPerson(t, 'Вторая Участница');
    const register = (session: Session, waitlist = false) =>
      t.app.inject({ method: 'POST', url: `/api/events/${event.id}/registrations`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'idempotency-key': crypto.randomUUID() }, payload: { waitlist } });
    const ticketsOf = async (userId: string) => (await t.handle.db.select().from(outboxMessages).where(eq(outboxMessages.userId, userId))).filter((l) => l.kind === 'event_ticket');
    const seated = await register(first.session);
    expect(seated.json().state, seated.body).toBe('registered');
    expect(await ticketsOf(first.userId)).toHaveLength(1);
    const waiting = await register(second.session, true);
    expect(waiting.json().state, waiting.body).toBe('waitlisted');
    expect(await ticketsOf(second.userId)).toHaveLength(0);
    const cancelled = await t.call('POST', `/api/event-registrations/${seated.json().id}/cancel`, { session: first.session, body: { version: seated.json().version } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await ticketsOf(second.userId)).toHaveLength(1);
  });
});
