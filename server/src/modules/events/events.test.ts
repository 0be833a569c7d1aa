import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { auditEntries } from '../../platform/audit/schema';
import { insertChild, insertGuardian } from '../enrolments/enrolment.testkit';
import { notifications } from '../notifications/schema';
import { insertEvent, insertRegistration, insertSection, insertTeacher, register } from './event.testkit';
import { eventRegistrations, events } from './schema';

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number, hours = 10) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + hours * 3600_000).toISOString();

const seminar = (organizationId: string, extra: Record<string, unknown> = {}) => ({
  organizationId,
  kind: 'seminar',
  title: 'Семинар руководителей школ округа',
  description: 'Управление сетевыми программами',
  audiences: ['heads', 'teachers'],
  format: 'mixed',
  address: 'с. Павловск, ул. Ленина, 1',
  onlineUrl: 'https://meet.example.ru/seminar',
  startsAt: inDays(10, 7),
  endsAt: inDays(10, 10),
  capacity: 2,
  ...extra,
});

describe('events: organising and registering', () => {
  let t: TestApp;
  let head: Session;
  let teachers: { userId: string; session: Session }[];

  const eventCount = async () => (await t.handle.db.select({ n: count() }).from(events))[0].n;
  const told = async (userId: string) => t.handle.db.select().from(notifications).where(eq(notifications.userId, userId));

  beforeAll(async () => {
    t = await openTestApp();
    head = await t.signIn('orgAdmin');
    teachers = [];
    for (let i = 0; i < 4; i++) teachers.push(await insertTeacher(t, t.fixtures.otherOrganizationId));
  });
  afterAll(() => t.close());

  it('a head creates a draft, seen only by the organisers, publishes it, and the link is shown only to those registered', async () => {
    const created = await t.call('POST', '/api/events', { session: head, body: seminar(t.fixtures.ownOrganizationId) });
    expect(created.statusCode, created.body).toBe(201);
    const event = created.json();
    expect(event).toMatchObject({ state: 'draft', canManage: true, onlineUrl: 'https://meet.example.ru/seminar', seatsFree: 2, organization: { id: t.fixtures.ownOrganizationId } });
    expect((await t.call('GET', `/api/events/${event.id}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/events/${event.id}`, { session: await t.signIn('teacher') })).statusCode).toBe(200);
    expect((await register(t, teachers[0].session, event.id)).statusCode).toBe(404);

    const published = await t.call('POST', `/api/events/${event.id}/publish`, { session: head, body: { version: event.version } });
    expect(published.statusCode, published.body).toBe(200);
    const seen = (await t.call('GET', `/api/events/${event.id}`)).json();
    expect(seen).toMatchObject({ state: 'published', onlineUrl: null, hasOnlineUrl: true, registrationOpen: true, canManage: false });

    const registered = await register(t, teachers[0].session, event.id);
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json()).toMatchObject({ state: 'registered', waitlistPosition: null });
    expect(registered.json().checkInCode).toMatch(/^[A-Z2-9]{8}$/);
    const mine = (await t.call('GET', `/api/events/${event.id}`, { session: teachers[0].session })).json();
    expect(mine.onlineUrl).toBe('https://meet.example.ru/seminar');
    expect(mine.myRegistrations).toHaveLength(1);
    const list = (await t.call('GET', '/api/me/event-registrations', { session: teachers[0].session })).json();
    expect(list.items.map((r: { event: { id: string } }) => r.event.id)).toEqual([event.id]);
    const audit = await t.handle.db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.entityId, event.id));
    expect(audit.map((a) => a.action)).toEqual(['event.created', 'event.published']);
  });

  it('refuses bad input with a Russian problem and writes nothing: end before start, a window after the event, grades reversed', async () => {
    const before = await eventCount();
    const reversed = await t.call('POST', '/api/events', { session: head, body: seminar(t.fixtures.ownOrganizationId, { startsAt: inDays(5), endsAt: inDays(4) }) });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toEqual([{ field: 'endsAt', message: 'Окончание должно быть позже начала' }]);
    const lateWindow = await t.call('POST', '/api/events', {
      session: head,
      body: seminar(t.fixtures.ownOrganizationId, { registrationOpensAt: inDays(11), registrationClosesAt: inDays(12) }),
    });
    expect(lateWindow.statusCode).toBe(400);
    expect(lateWindow.json().errors.map((e: { field: string }) => e.field)).toEqual(['registrationOpensAt', 'registrationClosesAt']);
    const grades = await t.call('POST', '/api/events', { session: head, body: seminar(t.fixtures.ownOrganizationId, { gradeFrom: 9, gradeTo: 5 }) });
    expect(grades.json().errors).toEqual([{ field: 'gradeTo', message: 'Класс «по» не может быть меньше класса «с»' }]);
    expect(await eventCount()).toBe(before);
    // Another organisation's head may not create on its behalf.
    const foreign = await t.call('POST', '/api/events', { session: await t.signIn('otherOrgAdmin'), body: seminar(t.fixtures.ownOrganizationId) });
    expect(foreign.statusCode).toBe(403);
  });

  it('capacity cannot go below the seats taken, and raised capacity promotes the first in line', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { capacity: 1 });
    await register(t, teachers[0].session, event.id);
    const waiting = (await register(t, teachers[1].session, event.id, { waitlist: true })).json();
    expect(waiting).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
    const [current] = await t.handle.db.select().from(events).where(eq(events.id, event.id));
    const lower = await t.call('PATCH', `/api/events/${event.id}`, { session: head, body: { version: current.version, capacity: 0 } });
    expect(lower.statusCode).toBe(400);
    const raised = await t.call('PATCH', `/api/events/${event.id}`, { session: head, body: { version: current.version, capacity: 2 } });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json()).toMatchObject({ seatsTaken: 2, waitlistLength: 0 });
    expect((await told(teachers[1].userId)).map((n) => n.kind)).toContain('event_promoted');
  });

  it('a full event says how many wait; one who cancels frees the seat for the first in line, who is told', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { capacity: 1 });
    const first = (await register(t, teachers[2].session, event.id)).json();
    const full = await register(t, teachers[3].session, event.id);
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'event_full', waitlistLength: 0, title: 'Мест нет' });
    const waiting = (await register(t, teachers[3].session, event.id, { waitlist: true })).json();
    expect(waiting.state).toBe('waitlisted');
    const again = await register(t, teachers[3].session, event.id, { waitlist: true });
    expect(again.json()).toMatchObject({ code: 'already_registered' });
    // Someone else's registration does not exist for them.
    expect((await t.call('POST', `/api/event-registrations/${first.id}/cancel`, { session: teachers[3].session, body: { version: first.version } })).statusCode).toBe(404);
    const cancelled = await t.call('POST', `/api/event-registrations/${first.id}/cancel`, { session: teachers[2].session, body: { version: first.version } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().state).toBe('cancelled');
    const [promoted] = await t.handle.db.select().from(eventRegistrations).where(eq(eventRegistrations.id, waiting.id));
    expect(promoted.state).toBe('registered');
    const messages = (await told(teachers[3].userId)).filter((n) => n.kind === 'event_promoted');
    expect(messages.at(-1)).toMatchObject({ link: `/events/${event.id}` });
    const [{ seatsTaken }] = await t.handle.db.select({ seatsTaken: events.seatsTaken }).from(events).where(eq(events.id, event.id));
    expect(seatsTaken).toBe(1);
  });

  it('a retry with the same key answers the first registration; the same key for another event is refused', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId);
    const other = await insertEvent(t, t.fixtures.ownOrganizationId);
    const key = randomUUID();
    const first = await register(t, teachers[0].session, event.id, {}, key);
    const retry = await register(t, teachers[0].session, event.id, {}, key);
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json().id).toBe(first.json().id);
    expect((await register(t, teachers[0].session, other.id, {}, key)).statusCode).toBe(422);
  });

  it('a section has seats of its own: a full section refuses while the event has room, and its line waits for it', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { kind: 'conference', capacity: 10 });
    const small = await insertSection(t, event.id, { capacity: 1 });
    const large = await insertSection(t, event.id, { capacity: 5 });
    const a = (await register(t, teachers[0].session, event.id, { sessionId: small.id })).json();
    expect(a.state).toBe('registered');
    expect((await register(t, teachers[1].session, event.id, { sessionId: small.id })).json()).toMatchObject({ code: 'event_full' });
    const b = (await register(t, teachers[1].session, event.id, { sessionId: small.id, waitlist: true })).json();
    expect(b.state).toBe('waitlisted');
    expect((await register(t, teachers[2].session, event.id, { sessionId: large.id })).json().state).toBe('registered');
    const notASection = await register(t, teachers[3].session, event.id, { sessionId: randomUUID() });
    expect(notASection.json()).toMatchObject({ code: 'section_unknown' });
    await t.call('POST', `/api/event-registrations/${a.id}/cancel`, { session: teachers[0].session, body: { version: a.version } });
    const seen = (await t.call('GET', `/api/events/${event.id}`)).json();
    expect(seen.seatsTaken).toBe(2);
    expect(seen.sessions.map((s: { seatsTaken: number }) => s.seatsTaken)).toEqual([1, 1]);
  });

  it('an event that needs approval takes requests; the organiser approves one and rejects another with a reason', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { approvalRequired: true, capacity: 1 });
    const a = (await register(t, teachers[0].session, event.id)).json();
    const b = (await register(t, teachers[1].session, event.id)).json();
    expect([a.state, b.state]).toEqual(['pending', 'pending']);
    // The person may not approve their own request.
    expect((await t.call('POST', `/api/event-registrations/${a.id}/approve`, { session: teachers[0].session, body: { version: a.version } })).statusCode).toBe(403);
    const roster = await t.call('GET', `/api/events/${event.id}/registrations`, { session: head });
    expect(roster.json().items.map((r: { state: string; name: string }) => r.state)).toEqual(['pending', 'pending']);
    // The organiser's desk lists the event with its two requests.
    const desk = (await t.call('GET', '/api/desk', { session: head })).json();
    const requests = desk.groups.find((g: { kind: string }) => g.kind === 'event_requests');
    expect(requests.items.find((i: { id: string }) => i.id === event.id)).toMatchObject({ detail: { pending: 2 }, link: `/events/${event.id}#event-roster` });
    const approved = await t.call('POST', `/api/event-registrations/${a.id}/approve`, { session: head, body: { version: a.version } });
    expect(approved.json().state).toBe('registered');
    // The second approved waits: the one seat is taken.
    const approvedB = await t.call('POST', `/api/event-registrations/${b.id}/approve`, { session: head, body: { version: b.version } });
    expect(approvedB.json()).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
    const rejected = await t.call('POST', `/api/event-registrations/${b.id}/reject`, { session: head, body: { version: approvedB.json().version, reason: 'Семинар только для руководителей' } });
    expect(rejected.json().state).toBe('rejected');
    const messages = await told(teachers[1].userId);
    expect(messages.filter((n) => n.data && (n.data as { eventId?: string }).eventId === event.id).map((n) => n.kind)).toEqual(['event_registration_approved', 'event_registration_rejected']);
    expect((await t.call('GET', `/api/events/${event.id}/registrations`, { session: teachers[0].session })).statusCode).toBe(403);
  });

  it('a guardian registers a child for a students’ event (consent and grade judged); an adult-only event refuses children and a students’ one adults', async () => {
    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId);
    const noConsent = await insertChild(t, guardian.userId, { consent: false });
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { kind: 'olympiad', audiences: ['students'], gradeFrom: 5, gradeTo: 7 });
    const registered = await register(t, guardian.session, event.id, { childId: child.id });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json()).toMatchObject({ state: 'registered', childId: child.id, userId: null });
    expect((await register(t, guardian.session, event.id, { childId: noConsent.id })).json()).toMatchObject({ code: 'consent_required' });
    const older = await insertChild(t, guardian.userId, { values: { grade: 9 } });
    expect((await register(t, guardian.session, event.id, { childId: older.id })).json()).toMatchObject({ code: 'grade_mismatch' });
    expect((await register(t, teachers[0].session, event.id)).json()).toMatchObject({ code: 'audience_mismatch' });
    // Someone else's child does not exist for a stranger.
    expect((await register(t, teachers[0].session, event.id, { childId: child.id })).statusCode).toBe(404);
    const adults = await insertEvent(t, t.fixtures.ownOrganizationId, { audiences: ['teachers'] });
    expect((await register(t, guardian.session, adults.id, { childId: child.id })).json()).toMatchObject({ code: 'audience_mismatch' });
    expect((await register(t, guardian.session, adults.id)).json()).toMatchObject({ code: 'audience_mismatch' });
    const mine = (await t.call('GET', '/api/me/event-registrations', { session: guardian.session })).json();
    expect(mine.items).toHaveLength(1);
  });

  it('a school registers a group of its confirmed students with consent; others are refused by line, nothing written', async () => {
    const guardian = await insertGuardian(t);
    const confirmed = { homeSchoolId: t.fixtures.ownOrganizationId, homeSchoolConfirmedAt: new Date() };
    const pupils: { id: string }[] = [];
    for (let i = 0; i < 3; i++) pupils.push(await insertChild(t, guardian.userId, { values: confirmed }));
    const unconfirmed = await insertChild(t, guardian.userId, { values: { homeSchoolId: t.fixtures.ownOrganizationId } });
    const event = await insertEvent(t, t.fixtures.otherOrganizationId, { kind: 'master_class', audiences: ['students'], capacity: 2 });
    const candidates = (await t.call('GET', `/api/events/${event.id}/group-candidates?organizationId=${t.fixtures.ownOrganizationId}`, { session: head })).json();
    expect(candidates.items.map((c: { id: string }) => c.id).sort()).toEqual(pupils.map((p) => p.id).sort());
    const group = (childIds: string[], waitlist?: boolean, key = randomUUID()) =>
      t.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/group-registrations`,
        headers: { cookie: head.cookie, 'x-csrf-token': head.csrfToken, 'idempotency-key': key },
        payload: { organizationId: t.fixtures.ownOrganizationId, childIds, ...(waitlist ? { waitlist } : {}) },
      });
    const withStranger = await group([pupils[0].id, unconfirmed.id]);
    expect(withStranger.statusCode).toBe(400);
    expect(withStranger.json().errors).toEqual([{ field: 'childIds.1', message: 'Не найден среди подтверждённых обучающихся школы' }]);
    const tooMany = await group(pupils.map((p) => p.id));
    expect(tooMany.json()).toMatchObject({ code: 'group_too_large', seatsFree: 2 });
    const [{ n }] = await t.handle.db.select({ n: count() }).from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    expect(n).toBe(0);
    const key = randomUUID();
    const made = await group(pupils.map((p) => p.id), true, key);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().items.map((r: { state: string }) => r.state)).toEqual(['registered', 'registered', 'waitlisted']);
    expect(made.json().items.every((r: { onBehalfOfOrganizationId: string }) => r.onBehalfOfOrganizationId === t.fixtures.ownOrganizationId)).toBe(true);
    const retried = await group(pupils.map((p) => p.id), true, key);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().items.map((r: { id: string }) => r.id)).toEqual(made.json().items.map((r: { id: string }) => r.id));
    // The school's head cancels one of its group; the waiting pupil takes the seat.
    const [first] = made.json().items;
    expect((await t.call('POST', `/api/event-registrations/${first.id}/cancel`, { session: head, body: { version: first.version } })).statusCode).toBe(200);
    const states = await t.handle.db.select({ childId: eventRegistrations.childId, state: eventRegistrations.state }).from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id));
    expect(states.find((s) => s.childId === pupils[2].id)!.state).toBe('registered');
    // Another school's head may not register this school's pupils.
    const other = await t.signIn('otherOrgAdmin');
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/group-registrations`,
      headers: { cookie: other.cookie, 'x-csrf-token': other.csrfToken, 'idempotency-key': randomUUID() },
      payload: { organizationId: t.fixtures.ownOrganizationId, childIds: [pupils[0].id] },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('cancelling an event ends every registration, gives the seats back and tells everyone why', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { capacity: 1 });
    await register(t, teachers[0].session, event.id);
    await register(t, teachers[1].session, event.id, { waitlist: true });
    const [current] = await t.handle.db.select().from(events).where(eq(events.id, event.id));
    const noReason = await t.call('POST', `/api/events/${event.id}/cancel`, { session: head, body: { version: current.version } });
    expect(noReason.statusCode).toBe(400);
    const cancelled = await t.call('POST', `/api/events/${event.id}/cancel`, { session: head, body: { version: current.version, reason: 'Карантин в школе' } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', seatsTaken: 0, cancelReason: 'Карантин в школе' });
    const live = await t.handle.db.select({ n: count() }).from(eventRegistrations).where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.state, 'cancelled')));
    expect(live[0].n).toBe(2);
    for (const teacher of teachers.slice(0, 2)) {
      const message = (await told(teacher.userId)).find((m) => m.kind === 'event_cancelled' && (m.data as { eventId: string }).eventId === event.id);
      expect(message?.body).toBe('Причина, которую указали организаторы: Карантин в школе');
    }
    expect((await register(t, teachers[2].session, event.id)).json()).toMatchObject({ code: 'event_cancelled' });
  });

  it('registration is closed before its window and after it; an event is finished only once it has started', async () => {
    const later = await insertEvent(t, t.fixtures.ownOrganizationId, { registrationOpensAt: new Date(Date.now() + DAY) });
    expect((await register(t, teachers[0].session, later.id)).json()).toMatchObject({ code: 'registration_not_open' });
    const closed = await insertEvent(t, t.fixtures.ownOrganizationId, { registrationClosesAt: new Date(Date.now() - 1000), registrationOpensAt: new Date(Date.now() - DAY) });
    expect((await register(t, teachers[0].session, closed.id)).json()).toMatchObject({ code: 'registration_closed' });
    const early = await t.call('POST', `/api/events/${later.id}/finish`, { session: head, body: { version: later.version } });
    expect(early.json().title).toBe('Мероприятие ещё не началось');
    const started = await insertEvent(t, t.fixtures.ownOrganizationId, { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 3600_000) });
    await insertRegistration(t, started.id, { userId: teachers[0].userId });
    const finished = await t.call('POST', `/api/events/${started.id}/finish`, { session: head, body: { version: started.version } });
    expect(finished.json()).toMatchObject({ state: 'finished', seatsTaken: 1 });
  });

  it('lists events by filters through the visibility rule: a draft only for its organisers', async () => {
    const draft = await insertEvent(t, t.fixtures.ownOrganizationId, { state: 'draft', kind: 'practicum' });
    const open = await insertEvent(t, t.fixtures.ownOrganizationId, { kind: 'practicum' });
    const ids = async (session: Session | null, query: string) => (await t.call('GET', `/api/events?${query}`, { session })).json().items.map((e: { id: string }) => e.id);
    expect(await ids(null, 'kind=practicum')).toEqual([open.id]);
    expect((await ids(head, 'kind=practicum')).sort()).toEqual([draft.id, open.id].sort());
    expect(await ids(head, 'kind=practicum&state=draft')).toEqual([draft.id]);
    expect(await ids(await t.signIn('otherOrgAdmin'), 'kind=practicum&mine=true')).toEqual([]);
    expect(await ids(null, `kind=practicum&from=${encodeURIComponent(inDays(30))}`)).toEqual([]);
  });
});
