import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { auditEntries } from '../../platform/audit/schema';
import { insertChild, insertGuardian } from '../enrolments/enrolment.testkit';
import { notifications } from '../notifications/schema';
import { insertEventUnderWay, insertPerson, insertRegistration, insertSession } from '../events/check-in.testkit';
import { certificatePdf, heldText } from './certificate-pdf';
import { certificates } from './schema';
import { publicName } from './verify-certificate';
import { printedCode } from './verification-code';

describe('certificates', () => {
  let t: TestApp;
  let organiser: Session;
  beforeAll(async () => {
    t = await openTestApp();
    organiser = await t.signIn('orgAdmin');
  });
  afterAll(() => t.close());

  const DAY = 86_400_000;
  const finishedEvent = () =>
    insertEventUnderWay(t, t.fixtures.ownOrganizationId, { title: 'Семинар руководителей школ района', state: 'finished', startsAt: new Date(Date.now() - 3 * DAY), endsAt: new Date(Date.now() - 3 * DAY + 4 * 3_600_000) });

  it('issues one to each participant who came and each speaker, once however often it is pressed', async () => {
    const event = await finishedEvent();
    const came = await insertPerson(t, 'Кузнецова Мария Ивановна');
    const absent = await insertPerson(t);
    const speaker = await insertPerson(t, 'Орлов Павел Сергеевич');
    const programmeSpeaker = await insertPerson(t, 'Белова Ирина');
    await insertRegistration(t, event.id, { userId: came.userId }, { checkedInAt: new Date(Date.now() - 3 * DAY) });
    await insertRegistration(t, event.id, { userId: absent.userId });
    await insertRegistration(t, event.id, { userId: speaker.userId }, { role: 'speaker' });
    await insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId }, { state: 'cancelled', checkedInAt: new Date() });
    await insertSession(t, event.id, [programmeSpeaker.userId, speaker.userId]);

    const issue = () => t.call('POST', `/api/events/${event.id}/certificates`, { session: organiser });
    const [first, second] = await Promise.all([issue(), issue()]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().issued + second.json().issued).toBe(3);
    expect((await issue()).json()).toMatchObject({ issued: 0, recipients: 3 });

    const list = await t.call('GET', `/api/events/${event.id}/certificates`, { session: organiser });
    const items: { recipientName: string; role: string; number: string; verificationCode: string }[] = list.json().items;
    expect(items.map((c) => `${c.recipientName}:${c.role}`).sort()).toEqual(['Белова Ирина:speaker', 'Кузнецова Мария Ивановна:participant', 'Орлов Павел Сергеевич:speaker']);
    expect(list.json().waiting).toBe(0);
    expect(items[0].number).toMatch(/^\d{7}$/);
    const audit = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'certificate.issued'));
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect((await t.call('GET', `/api/events/${event.id}/certificates`, { session: await t.signIn('teacher') })).statusCode).toBe(403);
  });

  it('is not issued for an event that has not begun, a draft or a cancelled one (409) and by nobody but the organisers', async () => {
    const future = await insertEventUnderWay(t, t.fixtures.ownOrganizationId, { startsAt: new Date(Date.now() + DAY), endsAt: new Date(Date.now() + 2 * DAY) });
    expect((await t.call('POST', `/api/events/${future.id}/certificates`, { session: organiser })).statusCode).toBe(409);
    const cancelled = await insertEventUnderWay(t, t.fixtures.ownOrganizationId, { state: 'cancelled' });
    expect((await t.call('POST', `/api/events/${cancelled.id}/certificates`, { session: organiser })).statusCode).toBe(409);
    const event = await finishedEvent();
    await insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId }, { checkedInAt: new Date() });
    expect((await t.call('POST', `/api/events/${event.id}/certificates`, { session: await t.signIn('otherOrgAdmin') })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/events/${event.id}/certificates`, { session: await t.signIn('teacher') })).statusCode).toBe(403);
    expect(await t.handle.db.select().from(certificates).where(eq(certificates.sourceId, event.id))).toHaveLength(0);
  });

  it('gives the PDF to the person named and the organisers; verifies publicly; revoked, it says so and is not printed', async () => {
    const event = await finishedEvent();
    const person = await insertPerson(t, 'Смирнов Олег Петрович');
    await insertRegistration(t, event.id, { userId: person.userId }, { checkedInAt: new Date() });
    await t.call('POST', `/api/events/${event.id}/certificates`, { session: organiser });
    const [certificate] = (await t.call('GET', '/api/certificates/mine', { session: person.session })).json().items;
    const told = await t.handle.db.select().from(notifications).where(eq(notifications.userId, person.userId));
    expect(told.map((n) => [n.kind, n.title, n.link])).toEqual([['certificate_issued', `Сертификат участника № ${certificate.number}: Семинар руководителей школ района`, '/certificates']]);
    expect(certificate).toMatchObject({ recipientName: 'Смирнов Олег Петрович', role: 'participant', title: 'Семинар руководителей школ района' });

    const pdf = await t.call('GET', `/api/certificates/${certificate.id}/pdf`, { session: person.session });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.call('GET', `/api/certificates/${certificate.id}/pdf`, { session: organiser })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/certificates/${certificate.id}/pdf`, { session: (await insertPerson(t)).session })).statusCode).toBe(404);

    const typed = printedCode(certificate.verificationCode).toLowerCase();
    const verified = await t.call('GET', `/api/certificates/verify/${typed}`);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({
      number: certificate.number,
      recipientName: 'Смирнов Олег Петрович',
      role: 'participant',
      title: 'Семинар руководителей школ района',
      heldFrom: certificate.heldFrom,
      heldTo: certificate.heldTo,
      issuerName: expect.stringContaining('СОШ № 1'),
      issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      valid: true,
      revokedOn: null,
    });
    expect((await t.call('GET', '/api/certificates/verify/AAAA-AAAA-AAAA')).statusCode).toBe(404);
    expect((await t.call('GET', '/api/certificates/verify/nonsense')).statusCode).toBe(404);

    const noReason = await t.call('POST', `/api/certificates/${certificate.id}/revoke`, { session: organiser, body: { reason: ' ', version: certificate.version } });
    expect(noReason.statusCode).toBe(400);
    expect((await t.call('POST', `/api/certificates/${certificate.id}/revoke`, { session: person.session, body: { reason: 'Сам хочу', version: certificate.version } })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/certificates/verify/${typed}`)).json().valid).toBe(true);
    const revoked = await t.call('POST', `/api/certificates/${certificate.id}/revoke`, { session: organiser, body: { reason: 'Выдан по ошибке: участник не присутствовал', version: certificate.version } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await t.call('POST', `/api/certificates/${certificate.id}/revoke`, { session: organiser, body: { reason: 'Ещё раз', version: revoked.json().version } })).statusCode).toBe(409);
    const after = (await t.call('GET', `/api/certificates/verify/${typed}`)).json();
    expect(after).toMatchObject({ valid: false, revokedOn: expect.stringMatching(/^\d{4}-/) });
    expect(JSON.stringify(after)).not.toContain('ошибке');
    expect((await t.call('GET', `/api/certificates/${certificate.id}/pdf`, { session: person.session })).statusCode).toBe(409);

    // Revoked, it may be issued again.
    expect((await t.call('POST', `/api/events/${event.id}/certificates`, { session: organiser })).json().issued).toBe(1);
  });

  it('shows a child only by surname and initials on the public page, and gives the guardian the PDF', async () => {
    const event = await finishedEvent();
    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId, { values: { fullName: 'Иванова Мария Петровна' } });
    await insertRegistration(t, event.id, { childId: child.id, onBehalfOfOrganizationId: t.fixtures.ownOrganizationId }, { checkedInAt: new Date() });
    await t.call('POST', `/api/events/${event.id}/certificates`, { session: organiser });
    const [certificate] = (await t.call('GET', '/api/certificates/mine', { session: guardian.session })).json().items;
    expect(certificate.recipientName).toBe('Иванова Мария Петровна');
    expect((await t.call('GET', `/api/certificates/${certificate.id}/pdf`, { session: guardian.session })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/certificates/verify/${certificate.verificationCode}`)).json().recipientName).toBe('Иванова М. П.');
  });

  it('prints the name, the event and the dates in Cyrillic', async () => {
    expect(heldText('2026-03-12', '2026-03-12')).toBe('12 марта 2026 г.');
    expect(heldText('2026-03-12', '2026-03-13')).toBe('12–13 марта 2026 г.');
    expect(heldText('2026-03-30', '2026-04-02')).toBe('30 марта – 2 апреля 2026 г.');
    expect(publicName('Петров Иван', false)).toBe('Петров Иван');
    const [row] = await t.handle.db.select().from(certificates).limit(1);
    const pdf = await certificatePdf(row, { compress: false });
    const text = pdf.toString('latin1');
    expect(text).toContain('/Subtype /Type0'); // an embedded Unicode font, so Cyrillic is drawn, not dropped
    expect(pdf.length).toBeGreaterThan(5000);
  });
});
