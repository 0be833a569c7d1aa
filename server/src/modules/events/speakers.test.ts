import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { auditEntries } from '../../platform/audit/schema';
import { insertPerson } from './check-in.testkit';
import { insertEvent, insertSection, insertTeacher } from './event.testkit';
import { eventOrganizers, eventSpeakers } from './schema';

interface Speaker {
  id: string;
  name: string;
  hasAccount: boolean;
}

describe('events: speakers', () => {
  let t: TestApp;
  let head: Session;
  beforeAll(async () => {
    t = await openTestApp();
    head = await t.signIn('orgAdmin');
  });
  afterAll(() => t.close());

  /** A published event of orgAdmin's school held together with the other school, with one section. */
  async function jointEvent(values: Parameters<typeof insertEvent>[2] = {}) {
    const event = await insertEvent(t, t.fixtures.ownOrganizationId, values);
    await t.handle.db.insert(eventOrganizers).values({ eventId: event.id, organizationId: t.fixtures.otherOrganizationId });
    const section = await insertSection(t, event.id, { title: 'Секция математики' });
    return { event, section };
  }
  const speakersOf = (answer: { sessions: { id: string; speakers: Speaker[] }[] }, sessionId: string) => answer.sessions.find((s) => s.id === sessionId)!.speakers;

  it('the organiser adds a co-organiser’s teacher and a guest by name; the programme shows both; removing takes one off; all audited', async () => {
    const { event, section } = await jointEvent();
    const colleague = await insertTeacher(t, t.fixtures.otherOrganizationId);
    const candidates = await t.call('GET', `/api/events/${event.id}/speaker-candidates`, { session: head });
    expect(candidates.statusCode, candidates.body).toBe(200);
    const found = candidates.json().items.find((p: { id: string }) => p.id === colleague.userId);
    expect(found).toMatchObject({ fullName: expect.stringMatching(/^Педагог/), organizations: [expect.any(String)] });
    expect(found).not.toHaveProperty('email');

    const added = await t.call('POST', `/api/events/${event.id}/speakers`, { session: head, body: { sessionId: section.id, userId: colleague.userId } });
    expect(added.statusCode, added.body).toBe(201);
    const guest = await t.call('POST', `/api/events/${event.id}/speakers`, { session: head, body: { sessionId: section.id, name: '  Петрова Анна Сергеевна, музей истории  ' } });
    expect(guest.statusCode, guest.body).toBe(201);
    const listed = speakersOf(guest.json(), section.id);
    expect(listed.map((s) => [s.name, s.hasAccount])).toEqual([
      [found.fullName, true],
      ['Петрова Анна Сергеевна, музей истории', false],
    ]);
    // Anyone who sees the event sees its speakers.
    expect(speakersOf((await t.call('GET', `/api/events/${event.id}`)).json(), section.id)).toHaveLength(2);

    const removed = await t.call('DELETE', `/api/events/${event.id}/speakers/${listed[1].id}`, { session: head });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(speakersOf(removed.json(), section.id).map((s) => s.name)).toEqual([found.fullName]);
    expect((await t.call('DELETE', `/api/events/${event.id}/speakers/${listed[1].id}`, { session: head })).statusCode).toBe(404);

    const audit = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, event.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['event.speaker_assigned', 'event.speaker_assigned', 'event.speaker_removed']);
  });

  it('refuses with a clear Russian problem and changes nothing: the same speaker twice, someone the organiser may not pick, neither or both, a section of another event, a cancelled event', async () => {
    const { event, section } = await jointEvent();
    const colleague = await insertTeacher(t, t.fixtures.ownOrganizationId);
    const add = (body: Record<string, unknown>, eventId = event.id) => t.call('POST', `/api/events/${eventId}/speakers`, { session: head, body });
    expect((await add({ sessionId: section.id, userId: colleague.userId })).statusCode).toBe(201);
    const twice = await add({ sessionId: section.id, userId: colleague.userId });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('Этот спикер уже в списке спикеров этой секции. Обновите страницу.');
    expect((await add({ sessionId: section.id, name: 'Гость Гостевич' })).statusCode).toBe(201);
    expect((await add({ sessionId: section.id, name: 'Гость Гостевич' })).statusCode).toBe(409);

    // A person with no school the head could see: not found by guessing an id.
    const stranger = await insertPerson(t, 'Незнакомцев Пётр');
    const refused = await add({ sessionId: section.id, userId: stranger.userId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'userId', message: expect.stringMatching(/^Этого человека нельзя назначить спикером/) });
    const searched = await t.call('GET', `/api/events/${event.id}/speaker-candidates?q=${encodeURIComponent('Незнакомцев')}`, { session: head });
    expect(searched.json().items).toEqual([]);

    const neither = await add({ sessionId: section.id });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().errors[0].message).toBe('Выберите человека с учётной записью или впишите имя гостя — одно из двух');
    expect((await add({ sessionId: section.id, userId: colleague.userId, name: 'Гость' })).statusCode).toBe(400);
    expect((await add({ sessionId: section.id, name: 'А' })).json().errors[0].message).toBe('Впишите фамилию и имя гостя (не короче 3 символов)');
    const elsewhere = await insertSection(t, (await insertEvent(t, t.fixtures.ownOrganizationId)).id);
    expect((await add({ sessionId: elsewhere.id, name: 'Гость Другой' })).json().errors[0].field).toBe('sessionId');

    const cancelled = await jointEvent({ state: 'cancelled' });
    expect((await add({ sessionId: cancelled.section.id, name: 'Гость Отменённый' }, cancelled.event.id)).statusCode).toBe(409);

    const rows = await t.handle.db.select().from(eventSpeakers).where(eq(eventSpeakers.sessionId, section.id));
    expect(rows).toHaveLength(2);
  });

  it('the operator finds anyone by name; a head by name finds their own staff; someone who does not manage the event may not look', async () => {
    const { event } = await jointEvent();
    const stranger = await insertPerson(t, 'Редкофамильная Ольга');
    const operator = await t.signIn('operator');
    const byOperator = await t.call('GET', `/api/events/${event.id}/speaker-candidates?q=${encodeURIComponent('редкофамильная')}`, { session: operator });
    expect(byOperator.json().items.map((p: { id: string }) => p.id)).toEqual([stranger.userId]);
    expect((await t.call('GET', `/api/events/${event.id}/speaker-candidates`, { session: await t.signIn('teacher') })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/events/${event.id}/speaker-candidates`)).statusCode).toBe(401);
  });

  it('speakers with an account get a certificate of a speaker when the event is held; a guest named only does not', async () => {
    const { event, section } = await jointEvent({ startsAt: new Date(Date.now() - 3 * 3_600_000), endsAt: new Date(Date.now() - 3_600_000) });
    const colleague = await insertTeacher(t, t.fixtures.otherOrganizationId);
    await t.call('POST', `/api/events/${event.id}/speakers`, { session: head, body: { sessionId: section.id, userId: colleague.userId } });
    await t.call('POST', `/api/events/${event.id}/speakers`, { session: head, body: { sessionId: section.id, name: 'Гостья Без Учётной Записи' } });
    const current = (await t.call('GET', `/api/events/${event.id}`, { session: head })).json();
    expect((await t.call('POST', `/api/events/${event.id}/finish`, { session: head, body: { version: current.version } })).statusCode).toBe(200);
    const issued = await t.call('POST', `/api/events/${event.id}/certificates`, { session: head });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ issued: 1, recipients: 1 });
    const [mine] = (await t.call('GET', '/api/certificates/mine', { session: colleague.session })).json().items;
    expect(mine).toMatchObject({ role: 'speaker', title: event.title });
  });
});
