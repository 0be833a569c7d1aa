import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { auditEntries } from '../../platform/audit/schema';
import { memberships } from '../accounts/schema';
import { campaignChoices, campaigns } from '../campaigns/schema';
import { attendanceMarks, enrolments } from '../enrolments/schema';
import { insertChild, insertGuardian, insertProgramme } from '../enrolments/enrolment.testkit';
import { notifications } from '../notifications/schema';
import { organizations } from '../organizations/schema';
import { programmes } from '../programmes/schema';
import { CONSENT_TEXT_HASH, CONSENT_TEXT_VERSION } from './consent-text';
import { childConsents, children } from './schema';

interface Child {
  id: string;
  fullName: string;
  birthDate: string | null;
  grade: number | null;
  homeSchool: { id: string; shortName: string } | null;
  homeSchoolConfirmedAt: string | null;
  consent: { id: string; textVersion: string; givenAt: string } | null;
  version: number;
  relation: string;
}

describe('families', () => {
  let t: TestApp;
  let guardian: Session;
  let teacher: Session;
  let head: Session;
  let otherHead: Session;
  let operator: Session;

  beforeAll(async () => {
    t = await openTestApp();
    guardian = await t.signIn('guardian');
    teacher = await t.signIn('teacher');
    head = await t.signIn('orgAdmin');
    otherHead = await t.signIn('otherOrgAdmin');
    operator = await t.signIn('operator');
  });
  afterAll(() => t.close());

  const childrenCount = async () => (await t.handle.db.select({ n: count() }).from(children))[0].n;
  const addChild = async (session: Session, body: Record<string, unknown>) => {
    const response = await t.call('POST', '/api/children', { session, body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Child;
  };
  const seatsTaken = async (programmeId: string) => (await t.handle.db.select().from(programmes).where(eq(programmes.id, programmeId)))[0].seatsTaken;
  const enrolDirectly = async (childId: string, programmeId: string, state: 'enrolled' | 'waitlisted' = 'enrolled') => {
    if (state === 'enrolled') await t.handle.db.update(programmes).set({ seatsTaken: (await seatsTaken(programmeId)) + 1 }).where(eq(programmes.id, programmeId));
    const [row] = await t.handle.db.insert(enrolments).values({ childId, programmeId, state, enrolledAt: state === 'enrolled' ? new Date() : null }).returning();
    return row;
  };
  async function providerOrganization(kind: 'supplementary' | 'school' = 'supplementary') {
    const shortName = `Кванториум ${Math.random().toString(36).slice(2, 8)}`;
    const [org] = await t.handle.db
      .insert(organizations)
      .values({ kind, fullName: `${shortName} полное`, shortName, sortKey: russianSortKey(shortName), municipalityId: t.fixtures.municipalityId })
      .returning();
    return org;
  }
  async function openCampaign(state: 'open' | 'allocated' = 'open') {
    const [campaign] = await t.handle.db
      .insert(campaigns)
      .values({ organizerOrganizationId: t.fixtures.ownOrganizationId, title: `Приём ${state}`, opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 86_400_000), lotterySeedHash: 'hash', state })
      .returning();
    return campaign;
  }

  describe('children', () => {
    it('registers a child with the minimum and lists only the guardian’s own children', async () => {
      const child = await addChild(guardian, { fullName: '  Кузнецов Артём ', grade: 7, homeSchoolId: t.fixtures.ownOrganizationId });
      expect(child).toMatchObject({ fullName: 'Кузнецов Артём', grade: 7, birthDate: null, homeSchool: { id: t.fixtures.ownOrganizationId, shortName: 'СОШ № 1' }, homeSchoolConfirmedAt: null, consent: null, version: 1, relation: 'guardian' });
      const stranger = await insertGuardian(t);
      const strangersChild = await insertChild(t, stranger.userId);

      const mine = (await t.call('GET', '/api/children', { session: guardian })).json().items as Child[];
      expect(mine.map((c) => c.id)).toContain(child.id);
      expect(mine.map((c) => c.id)).not.toContain(strangersChild.id);
      expect((await t.call('GET', '/api/children', { session: head })).json().items).toEqual([]);
    });

    it('refuses impossible data with a clear message and writes nothing', async () => {
      const before = await childrenCount();
      const cases: [Record<string, unknown>, string][] = [
        [{ fullName: 'Без даты и класса' }, 'Укажите дату рождения или класс'],
        [{ fullName: 'Из будущего', birthDate: '2999-01-01' }, 'Дата рождения не может быть в будущем'],
        [{ fullName: 'Младенец', birthDate: new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10) }, 'Возраст ребёнка — от 3 до 19 лет'],
        [{ fullName: 'Выпускник', grade: 12 }, 'Класс — от 0 (подготовительный) до 11'],
        [{ fullName: 'Дата', birthDate: '12.05.2014' }, 'Дата рождения — в формате ГГГГ-ММ-ДД'],
        [{ fullName: 'Не в школе', grade: 5, homeSchoolId: (await providerOrganization()).id }, 'не школа и не детский сад'],
        [{ fullName: 'Нет школы', grade: 5, homeSchoolId: '00000000-0000-4000-8000-000000000000' }, 'Такой школы нет в реестре'],
      ];
      for (const [body, message] of cases) {
        const response = await t.call('POST', '/api/children', { session: guardian, body });
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.body).toContain(message);
      }
      expect(await childrenCount()).toBe(before);
      // Only guardians register children.
      expect((await t.call('POST', '/api/children', { session: head, body: { fullName: 'Ученик', grade: 5 } })).statusCode).toBe(403);
      expect(await childrenCount()).toBe(before);
    });

    it('updates with the version, clears the confirmation when the school changes, and refuses a stale version', async () => {
      const child = await addChild(guardian, { fullName: 'Кузнецова Вера', birthDate: '2014-03-08', homeSchoolId: t.fixtures.ownOrganizationId });
      await t.handle.db.update(children).set({ homeSchoolConfirmedAt: new Date() }).where(eq(children.id, child.id));
      const grade = await t.call('PATCH', `/api/children/${child.id}`, { session: guardian, body: { version: 1, grade: 6 } });
      expect(grade.statusCode, grade.body).toBe(200);
      expect(grade.json()).toMatchObject({ grade: 6, birthDate: '2014-03-08', version: 2 });
      expect(grade.json().homeSchoolConfirmedAt).not.toBeNull();

      const moved = await t.call('PATCH', `/api/children/${child.id}`, { session: guardian, body: { version: 2, homeSchoolId: t.fixtures.otherOrganizationId } });
      expect(moved.json()).toMatchObject({ homeSchool: { id: t.fixtures.otherOrganizationId }, homeSchoolConfirmedAt: null, version: 3 });

      const stale = await t.call('PATCH', `/api/children/${child.id}`, { session: guardian, body: { version: 2, fullName: 'Другое имя' } });
      expect(stale.statusCode).toBe(409);
      const cleared = await t.call('PATCH', `/api/children/${child.id}`, { session: guardian, body: { version: 3, birthDate: null, grade: null } });
      expect(cleared.statusCode).toBe(400);
      const [row] = await t.handle.db.select().from(children).where(eq(children.id, child.id));
      expect(row).toMatchObject({ fullName: 'Кузнецова Вера', version: 3, grade: 6 });
    });

    it('shows a child to its guardian, its school’s staff and a provider it is enrolled with — and to nobody else, the operator included', async () => {
      const child = await addChild(guardian, { fullName: 'Видимость Тест', grade: 8, homeSchoolId: t.fixtures.ownOrganizationId });
      const other = await insertGuardian(t);
      const see = async (session: Session) => (await t.call('GET', `/api/children/${child.id}`, { session }));

      expect((await see(guardian)).json().relation).toBe('guardian');
      expect((await see(teacher)).json().relation).toBe('home_school');
      for (const session of [other.session, operator, otherHead]) {
        const response = await see(session);
        expect(response.statusCode).toBe(404);
        expect(response.json().detail).toBe('Ребёнок не найден(а) или удалён(а).');
      }
      expect((await t.call('GET', `/api/children/${child.id}/export`, { session: other.session })).statusCode).toBe(404);
      expect((await t.call('PATCH', `/api/children/${child.id}`, { session: other.session, body: { version: 1, grade: 9 } })).statusCode).toBe(404);
      expect((await t.call('DELETE', `/api/children/${child.id}`, { session: other.session })).statusCode).toBe(404);

      // The provider (otherOrgAdmin's school) sees the child once it is enrolled there, not before; a place in line is not enough.
      const programme = await insertProgramme(t, t.fixtures.otherOrganizationId);
      const queued = await enrolDirectly(child.id, programme.id, 'waitlisted');
      expect((await see(otherHead)).statusCode).toBe(404);
      await t.handle.db.update(enrolments).set({ state: 'enrolled' }).where(eq(enrolments.id, queued.id));
      expect((await see(otherHead)).json()).toMatchObject({ relation: 'provider', fullName: 'Видимость Тест' });
      // Seeing is not managing: the school and the provider cannot change, export or delete the child.
      expect((await t.call('PATCH', `/api/children/${child.id}`, { session: teacher, body: { version: 1, grade: 9 } })).statusCode).toBe(403);
      expect((await t.call('GET', `/api/children/${child.id}/export`, { session: otherHead })).statusCode).toBe(403);
      expect((await t.call('DELETE', `/api/children/${child.id}`, { session: otherHead })).statusCode).toBe(403);
    });
  });

  describe('consent', () => {
    it('publishes the current text with its version and hash', async () => {
      const response = await t.call('GET', '/api/consent-text');
      expect(response.json()).toMatchObject({ version: CONSENT_TEXT_VERSION, hash: CONSENT_TEXT_HASH });
      expect(response.json().text).toContain('152-ФЗ');
    });

    it('records a dated act for the version read, refuses an outdated version, and keeps one act in force however often it is given', async () => {
      const child = await addChild(guardian, { fullName: 'Согласие Тест', grade: 5 });
      const outdated = await t.call('POST', `/api/children/${child.id}/consent`, { session: guardian, body: { textVersion: '2020-01' } });
      expect(outdated.statusCode).toBe(409);
      expect(outdated.json()).toMatchObject({ code: 'consent_text_outdated', currentVersion: CONSENT_TEXT_VERSION });
      expect(await t.handle.db.select().from(childConsents).where(eq(childConsents.childId, child.id))).toEqual([]);

      // A double click: two presses at once make one act.
      const [a, b] = await Promise.all([1, 2].map(() => t.call('POST', `/api/children/${child.id}/consent`, { session: guardian, body: { textVersion: CONSENT_TEXT_VERSION } })));
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
      expect(a.json().id).toBe(b.json().id);
      const acts = await t.handle.db.select().from(childConsents).where(eq(childConsents.childId, child.id));
      expect(acts).toHaveLength(1);
      expect(acts[0]).toMatchObject({ textVersion: CONSENT_TEXT_VERSION, textHash: CONSENT_TEXT_HASH, withdrawnAt: null });
      expect((await t.call('GET', `/api/children/${child.id}`, { session: guardian })).json().consent).toMatchObject({ id: acts[0].id, textVersion: CONSENT_TEXT_VERSION });
    });

    it('withdrawing consent ends live enrolments, frees seats for the next in line, and drops choices in open campaigns only', async () => {
      const child = await addChild(guardian, { fullName: 'Отзыв Тест', grade: 7 });
      expect((await t.call('POST', `/api/children/${child.id}/consent`, { session: guardian, body: { textVersion: CONSENT_TEXT_VERSION } })).statusCode).toBe(201);
      const provider = await providerOrganization();
      const full = await insertProgramme(t, provider.id, { capacity: 1 });
      const other = await insertProgramme(t, provider.id, { capacity: 5 });
      const seated = await enrolDirectly(child.id, full.id);
      await enrolDirectly(child.id, other.id);
      const nextInLine = await insertGuardian(t);
      const waiting = await enrolDirectly((await insertChild(t, nextInLine.userId)).id, full.id, 'waitlisted');
      const open = await openCampaign('open');
      const allocated = await openCampaign('allocated');
      await t.handle.db.insert(campaignChoices).values([
        { campaignId: open.id, childId: child.id, programmeId: full.id, rank: 1 },
        { campaignId: open.id, childId: child.id, programmeId: other.id, rank: 2 },
        { campaignId: allocated.id, childId: child.id, programmeId: other.id, rank: 1 },
      ]);

      const response = await t.call('POST', `/api/children/${child.id}/consent/withdraw`, { session: guardian });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ endedEnrolments: 2, campaignsLeft: 1 });
      expect(response.json().consent.withdrawnAt).not.toBeNull();

      const states = await t.handle.db.select({ id: enrolments.id, state: enrolments.state }).from(enrolments).where(inArray(enrolments.programmeId, [full.id, other.id]));
      expect(states.find((e) => e.id === seated.id)?.state).toBe('withdrawn');
      expect(states.find((e) => e.id === waiting.id)?.state).toBe('enrolled');
      expect(await seatsTaken(full.id)).toBe(1);
      expect(await seatsTaken(other.id)).toBe(0);
      expect((await t.handle.db.select().from(notifications).where(eq(notifications.userId, nextInLine.userId))).map((n) => n.kind)).toEqual(['waitlist_promoted']);
      const choices = await t.handle.db.select().from(campaignChoices).where(eq(campaignChoices.childId, child.id));
      expect(choices.map((c) => c.campaignId)).toEqual([allocated.id]);
      expect((await t.call('GET', `/api/children/${child.id}`, { session: guardian })).json().consent).toBeNull();

      const again = await t.call('POST', `/api/children/${child.id}/consent/withdraw`, { session: guardian });
      expect(again.statusCode).toBe(409);
      // Consent can be given again later, as a new act.
      expect((await t.call('POST', `/api/children/${child.id}/consent`, { session: guardian, body: { textVersion: CONSENT_TEXT_VERSION } })).statusCode).toBe(201);
      expect(await t.handle.db.select().from(childConsents).where(eq(childConsents.childId, child.id))).toHaveLength(2);
    });
  });

  describe('export and deletion', () => {
    async function familyWithHistory() {
      const first = await addChild(guardian, { fullName: 'Экспорт Первый', birthDate: '2012-05-14', homeSchoolId: t.fixtures.ownOrganizationId });
      const sibling = await addChild(guardian, { fullName: 'Экспорт Сестра', grade: 4 });
      await t.call('POST', `/api/children/${first.id}/consent`, { session: guardian, body: { textVersion: CONSENT_TEXT_VERSION } });
      const provider = await providerOrganization();
      const robotics = await insertProgramme(t, provider.id, { title: 'Робототехника для экспорта', capacity: 2 });
      const enrolment = await enrolDirectly(first.id, robotics.id);
      const siblingEnrolment = await enrolDirectly(sibling.id, robotics.id);
      await t.handle.db.insert(attendanceMarks).values([
        { enrolmentId: enrolment.id, classDate: '2026-09-07', present: true },
        { enrolmentId: siblingEnrolment.id, classDate: '2026-09-07', present: false },
      ]);
      const campaign = await openCampaign('open');
      await t.handle.db.insert(campaignChoices).values({ campaignId: campaign.id, childId: first.id, programmeId: robotics.id, rank: 1 });
      return { first, sibling, robotics, enrolment };
    }

    it('exports everything held about the child and nothing about its sibling', async () => {
      const { first, sibling, robotics } = await familyWithHistory();
      const response = await t.call('GET', `/api/children/${first.id}/export`, { session: guardian });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-disposition']).toContain('attachment');
      const data = response.json();
      expect(data.child).toMatchObject({ id: first.id, fullName: 'Экспорт Первый', birthDate: '2012-05-14', homeSchool: { shortName: 'СОШ № 1' } });
      expect(data.consents).toHaveLength(1);
      expect(data.consents[0]).toMatchObject({ textVersion: CONSENT_TEXT_VERSION, withdrawnAt: null });
      expect(data.enrolments).toHaveLength(1);
      expect(data.enrolments[0]).toMatchObject({ state: 'enrolled', programme: { id: robotics.id, title: 'Робототехника для экспорта' }, attendance: [{ classDate: '2026-09-07', present: true }] });
      expect(data.campaignChoices).toMatchObject([{ rank: 1, programme: { title: 'Робототехника для экспорта' } }]);
      const text = JSON.stringify(data);
      expect(text).not.toContain(sibling.id);
      expect(text).not.toContain('Экспорт Сестра');
    });

    it('deletes the child with everything about it, giving its seat back', async () => {
      const { first, sibling, robotics, enrolment } = await familyWithHistory();
      expect(await seatsTaken(robotics.id)).toBe(2);
      const response = await t.call('DELETE', `/api/children/${first.id}`, { session: guardian });
      expect(response.statusCode, response.body).toBe(204);
      expect(await t.handle.db.select().from(children).where(eq(children.id, first.id))).toEqual([]);
      expect(await t.handle.db.select().from(childConsents).where(eq(childConsents.childId, first.id))).toEqual([]);
      expect(await t.handle.db.select().from(enrolments).where(eq(enrolments.childId, first.id))).toEqual([]);
      expect(await t.handle.db.select().from(attendanceMarks).where(eq(attendanceMarks.enrolmentId, enrolment.id))).toEqual([]);
      expect(await t.handle.db.select().from(campaignChoices).where(eq(campaignChoices.childId, first.id))).toEqual([]);
      expect(await seatsTaken(robotics.id)).toBe(1);
      // The sibling is untouched.
      expect(await t.handle.db.select().from(enrolments).where(eq(enrolments.childId, sibling.id))).toHaveLength(1);
      expect((await t.call('GET', `/api/children/${first.id}`, { session: guardian })).statusCode).toBe(404);
      const [entry] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, first.id), eq(auditEntries.action, 'child.deleted')));
      expect(entry).toBeDefined();
    });
  });

  describe('the home school', () => {
    it('lists the children naming the school (name, grade, confirmed — nothing more) to its staff only', async () => {
      const school = await providerOrganization('school');
      await t.handle.db.insert(memberships).values({ userId: t.fixtures.actors.teacher!.userId, organizationId: school.id, role: 'teacher' });
      const parent = await insertGuardian(t);
      const a = await insertChild(t, parent.userId, { values: { fullName: 'Яковлев Ян', grade: 5, birthDate: '2015-01-01', homeSchoolId: school.id } });
      const b = await insertChild(t, parent.userId, { values: { fullName: 'Абрамова Анна', grade: 5, homeSchoolId: school.id, homeSchoolConfirmedAt: new Date() } });
      await insertChild(t, parent.userId, { values: { fullName: 'Чужая Школа', grade: 5, homeSchoolId: t.fixtures.otherOrganizationId } });

      const response = await t.call('GET', `/api/organizations/${school.id}/students`, { session: teacher });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ total: 2, unconfirmed: 1 });
      const items = response.json().items as Record<string, unknown>[];
      expect(items.map((s) => s.fullName)).toEqual(['Яковлев Ян', 'Абрамова Анна']);
      expect(Object.keys(items[0]).sort()).toEqual(['confirmed', 'confirmedAt', 'fullName', 'grade', 'id', 'version']);
      expect((await t.call('GET', `/api/organizations/${school.id}/students?confirmed=true`, { session: teacher })).json().items.map((s: { id: string }) => s.id)).toEqual([b.id]);
      expect((await t.call('GET', `/api/organizations/${school.id}/students?confirmed=false`, { session: teacher })).json().items.map((s: { id: string }) => s.id)).toEqual([a.id]);
      for (const session of [head, otherHead, operator, guardian]) {
        expect((await t.call('GET', `/api/organizations/${school.id}/students`, { session })).statusCode).toBe(403);
      }
    });

    it('the school’s head confirms a student and the guardian is told; a stale version is refused', async () => {
      const parent = await insertGuardian(t);
      const child = await insertChild(t, parent.userId, { values: { fullName: 'Подтвердим Его', grade: 9, homeSchoolId: t.fixtures.ownOrganizationId } });
      expect((await t.call('POST', `/api/children/${child.id}/confirm-home-school`, { session: teacher, body: { version: 1 } })).statusCode).toBe(403);
      const stale = await t.call('POST', `/api/children/${child.id}/confirm-home-school`, { session: head, body: { version: 7 } });
      expect(stale.statusCode).toBe(409);
      expect((await t.handle.db.select().from(notifications).where(eq(notifications.userId, parent.userId)))).toEqual([]);

      const confirmed = await t.call('POST', `/api/children/${child.id}/confirm-home-school`, { session: head, body: { version: 1 } });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json()).toMatchObject({ relation: 'home_school', version: 2 });
      expect(confirmed.json().homeSchoolConfirmedAt).not.toBeNull();
      const messages = await t.handle.db.select().from(notifications).where(eq(notifications.userId, parent.userId));
      expect(messages).toMatchObject([{ kind: 'home_school_confirmed', link: `/children/${child.id}` }]);
      // Confirming again changes nothing and tells nobody twice.
      expect((await t.call('POST', `/api/children/${child.id}/confirm-home-school`, { session: head, body: { version: 2 } })).json().version).toBe(2);
      expect(await t.handle.db.select().from(notifications).where(eq(notifications.userId, parent.userId))).toHaveLength(1);
    });
  });

  it('never writes a child’s name or birth date into the audit log', async () => {
    const names = (await t.handle.db.select({ fullName: children.fullName, birthDate: children.birthDate }).from(children)).flatMap((c) => [c.fullName, c.birthDate]).filter(Boolean) as string[];
    names.push('Экспорт Первый', 'Кузнецова Вера', 'Другое имя', '2014-03-08', '2012-05-14');
    const entries = await t.handle.db.select({ before: auditEntries.before, after: auditEntries.after }).from(auditEntries);
    const text = JSON.stringify(entries);
    for (const name of names) expect(text, name).not.toContain(name);
    expect(entries.length).toBeGreaterThan(10);
  });
});
