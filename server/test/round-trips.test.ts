import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession } from '../src/modules/accounts/sessions';
import { and, eq } from 'drizzle-orm';
import { enrol, insertChild, insertGuardian, insertProgramme } from '../src/modules/enrolments/enrolment.testkit';
import { insertEvent, insertTeacher, register } from '../src/modules/events/event.testkit';
import { eventRegistrations } from '../src/modules/events/schema';
import { auditEntries } from '../src/platform/audit/schema';
import { outboxMessages } from '../src/platform/mail/schema';
import { type TestApp, openTestApp } from './app';
import { countRoundTrips } from './query-counter';

/**
 * Round trips to the database on the hot paths, counted at the driver (BEGIN and COMMIT included) on either engine:
 * exact figures, so a query added to these paths fails here and is a decision, not a drift.
 */
describe('round trips of the hot paths', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  const count = async (work: () => Promise<{ statusCode: number; body: string }>, status: number) => {
    const { result, roundTrips, statements } = await countRoundTrips(work);
    expect(result.statusCode, result.body).toBe(status);
    return { roundTrips, statements, id: (JSON.parse(result.body) as { id?: string }).id ?? '' };
  };

  it('resolves session, user, roles and memberships in one query', async () => {
    const head = await t.signIn('orgAdmin');
    const token = /orbita_session=([^;]+)/.exec(head.cookie)![1];
    const { result, roundTrips, statements } = await countRoundTrips(() => resolveSession(t.handle.db, token));
    expect(result?.actor.memberships).toEqual([{ organizationId: t.fixtures.ownOrganizationId, role: 'org_admin' }]);
    expect(roundTrips, statements.join('\n')).toBe(1);
  });

  it('answers a signed-in enrolment in 3 round trips when it succeeds, 2 when it is refused', async () => {
    const programme = await insertProgramme(t, t.fixtures.ownOrganizationId, { capacity: 1 });
    const first = await insertGuardian(t);
    const firstChild = await insertChild(t, first.userId);
    // session; the child, programme, consent, time zone and key; the seat, enrolment and audit entry in one statement
    const enrolled = await count(() => enrol(t, first.session, programme.id, { childId: firstChild.id }), 201);
    expect(enrolled.roundTrips, enrolled.statements.join('\n')).toBe(3);

    const second = await insertGuardian(t);
    const secondChild = await insertChild(t, second.userId);
    // session; the same read, which finds the programme full and how many wait
    const full = await count(() => enrol(t, second.session, programme.id, { childId: secondChild.id }), 409);
    expect(full.roundTrips, full.statements.join('\n')).toBe(2);

    const open = await insertProgramme(t, t.fixtures.ownOrganizationId);
    const withoutConsent = await insertChild(t, second.userId, { consent: false });
    const refused = await count(() => enrol(t, second.session, open.id, { childId: withoutConsent.id }, randomUUID()), 409);
    expect(refused.roundTrips, refused.statements.join('\n')).toBe(2);
  });

  it('answers a signed-in event registration in 3 round trips when it takes a seat (self or child), 2 when the event is full', async () => {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, { capacity: 2, audiences: ['teachers', 'students'] });
    const first = await insertTeacher(t, t.fixtures.otherOrganizationId);
    // session; the event, its visibility, the key, section, child, consent, time zone and the ticket's recipient;
    // the seat, the registration, its audit entry and its ticket letter in one statement
    const registered = await count(() => register(t, first.session, event.id), 201);
    expect(registered.roundTrips, registered.statements.join('\n')).toBe(3);
    const [seated] = await t.handle.db.select().from(eventRegistrations).where(eq(eventRegistrations.userId, first.userId));
    expect(seated).toMatchObject({ eventId: event.id, state: 'registered', requestedBy: first.userId });
    const [entry] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'event_registration'), eq(auditEntries.entityId, seated.id)));
    expect(entry).toMatchObject({ actorId: first.userId, action: 'event_registration.registered', after: { state: 'registered', eventId: event.id, sessionId: null, userId: first.userId } });
    expect(await t.handle.db.select().from(outboxMessages).where(and(eq(outboxMessages.userId, first.userId), eq(outboxMessages.kind, 'event_ticket')))).toHaveLength(1);

    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId);
    const forChild = await count(() => register(t, guardian.session, event.id, { childId: child.id }), 201);
    expect(forChild.roundTrips, forChild.statements.join('\n')).toBe(3);
    const [childEntry] = await t.handle.db.select({ after: auditEntries.after }).from(auditEntries).where(eq(auditEntries.entityId, forChild.id));
    expect(childEntry.after).toEqual({ state: 'registered', eventId: event.id, sessionId: null, childId: child.id });

    const late = await insertTeacher(t, t.fixtures.otherOrganizationId);
    // session; the same read, which finds the event full and how many wait
    const full = await count(() => register(t, late.session, event.id), 409);
    expect(full.roundTrips, full.statements.join('\n')).toBe(2);
    // session; the read; the transaction: BEGIN, the event locked and read, the registration, its audit entry, its place in line, COMMIT
    const waiting = await count(() => register(t, late.session, event.id, { waitlist: true }), 201);
    expect(waiting.roundTrips, waiting.statements.join('\n')).toBe(8);
  });

  it('reads the health, an organisation card and a programme card in one query each, the health without any', async () => {
    const health = await count(() => t.call('GET', '/api/health'), 200);
    expect(health.roundTrips, health.statements.join('\n')).toBeLessThanOrEqual(1);
    const card = await count(() => t.call('GET', `/api/organizations/${t.fixtures.ownOrganizationId}`), 200);
    expect(card.roundTrips, card.statements.join('\n')).toBe(1);
    const programme = await insertProgramme(t, t.fixtures.ownOrganizationId, {}, [{ weekday: 2, startMinute: 900, endMinute: 990 }]);
    const programmeCard = await count(() => t.call('GET', `/api/programmes/${programme.id}`), 200);
    expect(programmeCard.roundTrips, programmeCard.statements.join('\n')).toBe(1);
    expect(JSON.parse((await t.call('GET', `/api/programmes/${programme.id}`)).body)).toMatchObject({ slots: [{ weekday: 2, startMinute: 900, endMinute: 990 }], provider: { id: t.fixtures.ownOrganizationId } });
  });
});
