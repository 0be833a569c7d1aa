import { randomUUID } from 'node:crypto';
import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { auditEntries } from '../../platform/audit/schema';
import { children } from '../families/schema';
import { notifications } from '../notifications/schema';
import { programmes } from '../programmes/schema';
import { enrol, insertChild, insertGuardian, insertProgramme } from './enrolment.testkit';
import { enrolments } from './schema';

interface Enrolment {
  id: string;
  state: string;
  waitlistPosition: number | null;
  programmeId: string;
  childId: string;
  version: number;
}

describe('enrolment', () => {
  let t: TestApp;
  let head: Session;
  let teacher: Session;
  let otherHead: Session;

  beforeAll(async () => {
    t = await openTestApp();
    head = await t.signIn('orgAdmin');
    teacher = await t.signIn('teacher');
    otherHead = await t.signIn('otherOrgAdmin');
  });
  afterAll(() => t.close());

  /** A guardian with one child (grade 6, consent given). */
  async function family(childValues: Partial<typeof children.$inferInsert> = {}, consent = true) {
    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId, { consent, values: childValues });
    return { ...guardian, child };
  }
  const programmeOf = (values: Partial<typeof programmes.$inferInsert> = {}) => insertProgramme(t, t.fixtures.ownOrganizationId, values);
  const seatsTaken = async (programmeId: string) => (await t.handle.db.select().from(programmes).where(eq(programmes.id, programmeId)))[0].seatsTaken;
  const rowsOf = async (programmeId: string) => (await t.handle.db.select({ n: count() }).from(enrolments).where(eq(enrolments.programmeId, programmeId)))[0].n;
  const messagesOf = (userId: string) => t.handle.db.select().from(notifications).where(eq(notifications.userId, userId));
  const withdraw = (session: Session, enrolment: Pick<Enrolment, 'id' | 'version'>) =>
    t.call('POST', `/api/enrolments/${enrolment.id}/withdraw`, { session, body: { version: enrolment.version } });
  const remove = (session: Session, enrolment: Pick<Enrolment, 'id' | 'version'>, reason?: string) =>
    t.call('POST', `/api/enrolments/${enrolment.id}/remove`, { session, body: { version: enrolment.version, reason } });

  it('enrols a child, answers a retry with the same enrolment, and refuses a second enrolment of the same child', async () => {
    const programme = await programmeOf({ capacity: 3 });
    const parent = await family();
    const key = randomUUID();
    const first = await enrol(t, parent.session, programme.id, { childId: parent.child.id }, key);
    expect(first.statusCode, first.body).toBe(201);
    const enrolment = first.json() as Enrolment;
    expect(enrolment).toMatchObject({ state: 'enrolled', waitlistPosition: null, programmeId: programme.id, childId: parent.child.id, version: 1 });

    const retry = await enrol(t, parent.session, programme.id, { childId: parent.child.id }, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(enrolment);

    const again = await enrol(t, parent.session, programme.id, { childId: parent.child.id, waitlist: true });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_enrolled', enrolmentId: enrolment.id, detail: 'Ребёнок уже записан на эту программу.' });
    expect(await seatsTaken(programme.id)).toBe(1);
    expect(await rowsOf(programme.id)).toBe(1);

    // The audit names ids only, never the child.
    const [entry] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, enrolment.id), eq(auditEntries.action, 'enrolment.enrolled')));
    expect(entry.after).toEqual({ state: 'enrolled', childId: parent.child.id, programmeId: programme.id });
    expect(JSON.stringify(entry.after)).not.toContain(parent.child.fullName);
  });

  it('offers the waitlist when full, keeps the line in order, and gives a freed seat to the first in line with a notification', async () => {
    const programme = await programmeOf({ capacity: 1, title: 'Юный инженер' });
    const [a, b, c, d] = [await family(), await family(), await family(), await family()];
    const seated = (await enrol(t, a.session, programme.id, { childId: a.child.id })).json() as Enrolment;

    const full = await enrol(t, b.session, programme.id, { childId: b.child.id });
    expect(full.statusCode).toBe(409);
    expect(full.headers['content-type']).toContain('application/problem+json');
    expect(full.json()).toMatchObject({ code: 'programme_full', waitlistLength: 0, title: 'Мест нет' });
    expect(await rowsOf(programme.id)).toBe(1);

    const first = (await enrol(t, b.session, programme.id, { childId: b.child.id, waitlist: true })).json() as Enrolment;
    const second = (await enrol(t, c.session, programme.id, { childId: c.child.id, waitlist: true })).json() as Enrolment;
    expect([first.state, first.waitlistPosition, second.waitlistPosition]).toEqual(['waitlisted', 1, 2]);
    expect((await enrol(t, d.session, programme.id, { childId: d.child.id })).json()).toMatchObject({ code: 'programme_full', waitlistLength: 2 });

    // A stale version changes nothing.
    const stale = await withdraw(a.session, { ...seated, version: seated.version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(await seatsTaken(programme.id)).toBe(1);

    const withdrawn = await withdraw(a.session, seated);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: seated.id, state: 'withdrawn', version: 2 });
    const list = (await t.call('GET', `/api/children/${b.child.id}/enrolments`, { session: b.session })).json();
    expect(list.items[0]).toMatchObject({ id: first.id, state: 'enrolled', waitlistPosition: null, version: 2 });
    expect((await t.call('GET', `/api/children/${c.child.id}/enrolments`, { session: c.session })).json().items[0]).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
    expect(await seatsTaken(programme.id)).toBe(1);

    const [message] = await messagesOf(b.userId);
    expect(message).toMatchObject({ kind: 'waitlist_promoted', title: 'Место в программе «Юный инженер»', link: `/children/${b.child.id}`, readAt: null });
    expect(await messagesOf(c.userId)).toEqual([]);

    // Withdrawing again: already ended.
    expect((await withdraw(a.session, { id: seated.id, version: 2 })).json()).toMatchObject({ status: 409, title: 'Запись уже завершена' });
  });

  it('lets a head of the provider remove a child with a reason the family is told, and promotes the next in line', async () => {
    const programme = await programmeOf({ capacity: 1, title: 'Шахматы' });
    const [a, b] = [await family(), await family()];
    const seated = (await enrol(t, a.session, programme.id, { childId: a.child.id })).json() as Enrolment;
    const waiting = (await enrol(t, b.session, programme.id, { childId: b.child.id, waitlist: true })).json() as Enrolment;

    const noReason = await remove(head, seated, '   ');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().detail).toContain('Укажите причину — её увидит семья');
    expect((await remove(teacher, seated, 'Пропуски')).statusCode).toBe(403);
    expect((await remove(otherHead, seated, 'Пропуски')).statusCode).toBe(404);
    // The guardian cannot remove — and their own child's enrolment is no secret to them, but removal is the provider's.
    expect((await remove(a.session, seated, 'Сам')).statusCode).toBe(404);
    expect(await seatsTaken(programme.id)).toBe(1);
    expect(await messagesOf(a.userId)).toEqual([]);

    const removed = await remove(head, seated, 'Не посещает занятия с октября');
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ state: 'removed' });
    const [told] = await messagesOf(a.userId);
    expect(told).toMatchObject({ kind: 'enrolment_removed', title: 'Ребёнок отчислен из программы «Шахматы»', body: 'Причина, которую указала организация: Не посещает занятия с октября' });
    const [promoted] = await t.handle.db.select().from(enrolments).where(eq(enrolments.id, waiting.id));
    expect(promoted.state).toBe('enrolled');
    const [audit] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, seated.id), eq(auditEntries.action, 'enrolment.removed')));
    expect(audit.after).toEqual({ state: 'removed', reason: 'Не посещает занятия с октября' });
  });

  it('refuses with a clear reason and changes nothing: no consent, campaign programme, wrong grade, closed, finished or hidden programme, bad key', async () => {
    const programme = await programmeOf({ capacity: 5 });
    const parent = await family();
    const refused = async (response: Awaited<ReturnType<typeof enrol>>, status: number, fields: Record<string, unknown>) => {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject(fields);
    };

    const unconsented = await family({}, false);
    await refused(await enrol(t, unconsented.session, programme.id, { childId: unconsented.child.id }), 409, { code: 'consent_required', childId: unconsented.child.id });
    const campaign = await programmeOf({ enrolmentMode: 'campaign' });
    await refused(await enrol(t, parent.session, campaign.id, { childId: parent.child.id }), 409, { code: 'campaign_only' });
    const young = await family({ grade: 3 });
    await refused(await enrol(t, young.session, programme.id, { childId: young.child.id }), 422, { code: 'not_eligible', detail: 'Программа для 5–9 классов, а ребёнок учится в 3 классе.' });
    const archived = await programmeOf({ state: 'archived' });
    await refused(await enrol(t, parent.session, archived.id, { childId: parent.child.id }), 409, { code: 'programme_closed' });
    const finished = await programmeOf({ startsOn: '2025-09-01', endsOn: '2025-12-20' });
    await refused(await enrol(t, parent.session, finished.id, { childId: parent.child.id }), 409, { code: 'programme_over', detail: expect.stringContaining('20.12.2025') });
    const draft = await programmeOf({ state: 'draft' });
    await refused(await enrol(t, parent.session, draft.id, { childId: parent.child.id }), 404, {});
    await refused(await enrol(t, parent.session, programme.id, { childId: parent.child.id }, null), 400, { errors: [{ field: 'idempotency-key' }] });
    await refused(await enrol(t, parent.session, programme.id, { childId: parent.child.id }, 'x'.repeat(101)), 400, {
      detail: expect.stringContaining('Idempotency-Key — не длиннее 100 символов'),
    });
    await refused(await enrol(t, parent.session, programme.id, { childId: 'не-идентификатор' }), 400, { errors: [{ field: 'childId', message: 'Выберите ребёнка' }] });
    // Another family's child does not exist for this guardian.
    await refused(await enrol(t, parent.session, programme.id, { childId: young.child.id }), 404, {});
    expect(await seatsTaken(programme.id)).toBe(0);
    expect(await rowsOf(programme.id)).toBe(0);

    // The same key for another programme is no retry.
    const key = randomUUID();
    expect((await enrol(t, parent.session, programme.id, { childId: parent.child.id }, key)).statusCode).toBe(201);
    const other = await programmeOf();
    await refused(await enrol(t, parent.session, other.id, { childId: parent.child.id }, key), 422, { code: 'idempotency_key_reused' });
    expect(await rowsOf(other.id)).toBe(0);
  });

  it('shows the roster to the provider staff only, the enrolled by name and the waitlist in order', async () => {
    const programme = await programmeOf({ capacity: 2 });
    const parents = [await family({ fullName: 'Яковлев Пётр' }), await family({ fullName: 'Андреева Анна', homeSchoolId: t.fixtures.otherOrganizationId }), await family({ fullName: 'Борисов Борис' })];
    for (const parent of parents) await enrol(t, parent.session, programme.id, { childId: parent.child.id, waitlist: true });

    const roster = await t.call('GET', `/api/programmes/${programme.id}/enrolments`, { session: teacher });
    expect(roster.statusCode).toBe(200);
    const { enrolled, waitlist } = roster.json();
    expect(enrolled.map((r: { child: { fullName: string } }) => r.child.fullName)).toEqual(['Андреева Анна', 'Яковлев Пётр']);
    expect(enrolled[0]).toMatchObject({ state: 'enrolled', child: { grade: 6 }, homeSchool: { id: t.fixtures.otherOrganizationId, shortName: 'СОШ № 2' }, queuePosition: null, result: null, version: 1 });
    expect(enrolled[1].homeSchool).toBeNull();
    expect(waitlist).toEqual([expect.objectContaining({ state: 'waitlisted', child: expect.objectContaining({ fullName: 'Борисов Борис' }), queuePosition: 1, enrolledAt: null })]);

    expect((await t.call('GET', `/api/programmes/${programme.id}/enrolments`, { session: otherHead })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/programmes/${programme.id}/enrolments`, { session: parents[0].session })).statusCode).toBe(403);
    // A draft's existence is not disclosed outside its provider.
    const draft = await programmeOf({ state: 'draft' });
    expect((await t.call('GET', `/api/programmes/${draft.id}/enrolments`, { session: otherHead })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/programmes/${draft.id}/enrolments`, { session: teacher })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/programmes/${programme.id}/enrolments`, { session: null })).statusCode).toBe(401);
  });

  it("shows a child's enrolments to the family and the confirmed home school in full, and to a provider only its own programmes", async () => {
    const parent = await family({ homeSchoolId: t.fixtures.otherOrganizationId });
    const ours = await programmeOf({ title: 'Робототехника для начинающих' });
    const theirs = await insertProgramme(t, t.fixtures.otherOrganizationId, { title: 'Экология родного края' });
    await enrol(t, parent.session, ours.id, { childId: parent.child.id });
    await enrol(t, parent.session, theirs.id, { childId: parent.child.id });
    const url = `/api/children/${parent.child.id}/enrolments`;

    const mine = (await t.call('GET', url, { session: parent.session })).json();
    expect(mine.items.map((i: { programme: { title: string } }) => i.programme.title).sort()).toEqual(['Робототехника для начинающих', 'Экология родного края']);
    expect(mine.items[0]).toMatchObject({ state: 'enrolled', waitlistPosition: null, programme: { provider: { shortName: expect.any(String) } }, endedAt: null, result: null, canWithdraw: true });

    // otherOrgAdmin heads both the home school and the second provider: as the provider only, until the school confirms the child.
    expect((await t.call('GET', url, { session: otherHead })).json().items.map((i: { programme: { title: string } }) => i.programme.title)).toEqual(['Экология родного края']);
    await t.handle.db.update(children).set({ homeSchoolConfirmedAt: new Date() }).where(eq(children.id, parent.child.id));
    expect((await t.call('GET', url, { session: otherHead })).json().items).toHaveLength(2);
    const provider = (await t.call('GET', url, { session: teacher })).json();
    expect(provider.items.map((i: { programme: { title: string } }) => i.programme.title)).toEqual(['Робототехника для начинающих']);
    expect(provider.items[0].canWithdraw).toBe(false);

    const stranger = await family();
    expect((await t.call('GET', url, { session: stranger.session })).statusCode).toBe(404);
    expect((await t.call('GET', url, { session: await t.signIn('operator') })).statusCode).toBe(404);
    expect((await t.call('GET', url, { session: null })).statusCode).toBe(401);
  });

  it("keeps a child in line out of the provider's sight beyond the roster: a queue is not a student", async () => {
    const programme = await insertProgramme(t, t.fixtures.otherOrganizationId, { capacity: 0 });
    const parent = await family();
    await enrol(t, parent.session, programme.id, { childId: parent.child.id, waitlist: true });
    const roster = (await t.call('GET', `/api/programmes/${programme.id}/enrolments`, { session: otherHead })).json();
    expect(roster.waitlist).toHaveLength(1);
    expect((await t.call('GET', `/api/children/${parent.child.id}/enrolments`, { session: otherHead })).statusCode).toBe(404);
  });

  it('records every change in the audit', async () => {
    const actions = await t.handle.db.select({ action: auditEntries.action }).from(auditEntries).where(like(auditEntries.action, 'enrolment.%'));
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['enrolment.enrolled', 'enrolment.waitlisted', 'enrolment.withdrawn', 'enrolment.promoted', 'enrolment.removed']));
  });
});
