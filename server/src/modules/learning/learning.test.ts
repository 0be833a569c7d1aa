import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { organizationWithHead } from '../../../test/network-fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { memberships, users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';
import { attendanceMarks, enrolments } from '../enrolments/schema';
import { insertEnrolment } from '../enrolments/enrolment.testkit';
import { runningProgramme, schoolChild } from './learning.testkit';

interface LearningPath {
  items: {
    enrolmentId: string;
    state: string;
    programme: { id: string; title: string; provider: { id: string; shortName: string }; venue: { id: string; shortName: string; address: string }; format: string };
    slots: { weekday: number; startMinute: number; endMinute: number }[];
    attendance: { present: number; total: number };
    result: string | null;
    resultNote: string;
  }[];
  clashes: { first: string; second: string; weekday: number; startMinute: number; endMinute: number }[];
  week: { weekday: number; blocks: { entryId: string; startMinute: number; endMinute: number }[] }[];
}

interface AttendanceSheet {
  dates: string[];
  today: string;
  rows: { enrolmentId: string; state: string; child: { id: string; fullName: string }; marks: Record<string, boolean>; attendance: { present: number; total: number }; canMark: boolean }[];
}

interface Progress {
  confirmedStudents: number;
  items: { child: { id: string; fullName: string }; programmes: { enrolmentId: string; programme: { title: string }; provider: { shortName: string }; attendance: { present: number; total: number }; result: string | null }[] }[];
}

/**
 * СОШ № 2 (otherOrgAdmin, and a teacher added here) provides the programmes; СОШ № 1 (orgAdmin,
 * teacher) is the home school of the fixture guardian's child; a third organisation provides another.
 */
describe('learning paths, attendance and results', () => {
  let t: TestApp;
  let guardian: Session;
  let homeHead: Session;
  let homeTeacher: Session;
  let providerHead: Session;
  let providerTeacher: Session;
  let third: Awaited<ReturnType<typeof organizationWithHead>>;

  const providerId = () => t.fixtures.otherOrganizationId;
  const homeSchoolId = () => t.fixtures.ownOrganizationId;
  const get = (url: string, session: Session | null) => t.call('GET', url, { session });
  const put = (url: string, session: Session | null, body: unknown) => t.call('PUT', url, { session, body });
  const post = (url: string, session: Session | null, body: unknown) => t.call('POST', url, { session, body });
  const marksOf = (enrolmentId: string) => t.handle.db.select().from(attendanceMarks).where(eq(attendanceMarks.enrolmentId, enrolmentId));
  const enrolmentRow = async (id: string) => (await t.handle.db.select().from(enrolments).where(eq(enrolments.id, id)))[0];

  beforeAll(async () => {
    t = await openTestApp();
    guardian = await t.signIn('guardian');
    homeHead = await t.signIn('orgAdmin');
    homeTeacher = await t.signIn('teacher');
    providerHead = await t.signIn('otherOrgAdmin');
    third = await organizationWithHead(t, 'Центр цифрового образования «IT-куб»', null);
    const [teacher] = await t.handle.db.insert(users).values({ email: 'provider-teacher@test.orbita', passwordHash: 'x', fullName: 'Педагог Сидоров' }).returning();
    await t.handle.db.insert(memberships).values({ userId: teacher.id, organizationId: providerId(), role: 'teacher' });
    const { token, csrfToken } = await openSession(t.handle.db, teacher.id, { ip: '127.0.0.1', userAgent: 'test' });
    providerTeacher = { cookie: `orbita_session=${token}`, csrfToken };
  });
  afterAll(() => t.close());

  /** The fixture guardian's child, a confirmed student of СОШ № 1. */
  const ownChild = (fullName = 'Петров Иван') => schoolChild(t, { guardianUserId: t.fixtures.actors.guardian!.userId, homeSchoolId: homeSchoolId(), fullName });

  describe('the learning path', () => {
    it('puts the programmes a child attends or finished into one week and flags the Tuesday clash', async () => {
      const child = await ownChild();
      const robotics = await runningProgramme(t, providerId(), { title: 'Робототехника', venueOrganizationId: third.org.id }, [
        { weekday: 2, startMinute: 900, endMinute: 990 },
        { weekday: 4, startMinute: 900, endMinute: 990 },
      ]);
      const chess = await runningProgramme(t, third.org.id, { title: 'Шахматы' }, [{ weekday: 2, startMinute: 960, endMinute: 1020 }]);
      const finished = await runningProgramme(t, third.org.id, { title: 'Черчение', startsOn: '2024-09-01', endsOn: '2025-05-31' }, [{ weekday: 2, startMinute: 960, endMinute: 1020 }]);
      const queued = await runningProgramme(t, providerId(), { title: 'Астрономия' }, [{ weekday: 2, startMinute: 900, endMinute: 1000 }]);
      const left = await runningProgramme(t, providerId(), { title: 'Фотография' }, [{ weekday: 2, startMinute: 900, endMinute: 1000 }]);
      const roboticsPlace = await insertEnrolment(t, child.id, robotics.id);
      const chessPlace = await insertEnrolment(t, child.id, chess.id);
      await insertEnrolment(t, child.id, finished.id, 'completed');
      await insertEnrolment(t, child.id, queued.id, 'waitlisted');
      await insertEnrolment(t, child.id, left.id, 'removed');

      const response = await get(`/api/children/${child.id}/learning-path`, guardian);
      expect(response.statusCode, response.body).toBe(200);
      const path = response.json() as LearningPath;
      expect(path.items.map((i) => i.programme.title).sort()).toEqual(['Робототехника', 'Черчение', 'Шахматы']);
      expect(path.clashes).toEqual([{ first: roboticsPlace.id, second: chessPlace.id, weekday: 2, startMinute: 960, endMinute: 990 }]);
      const roboticsItem = path.items.find((i) => i.enrolmentId === roboticsPlace.id)!;
      // Classes at the partner's facility: the venue is the partner, the provider stays the provider.
      expect(roboticsItem.programme.venue.id).toBe(third.org.id);
      expect(roboticsItem.programme.provider.id).toBe(providerId());
      expect(path.week.find((d) => d.weekday === 2)!.blocks.map((b) => b.entryId)).toEqual([roboticsPlace.id, chessPlace.id]);
      expect(path.week.find((d) => d.weekday === 4)!.blocks.map((b) => b.entryId)).toEqual([roboticsPlace.id]);

      // The home school sees the whole path; a provider sees only its own programmes; nobody else sees the child.
      expect(((await get(`/api/children/${child.id}/learning-path`, homeTeacher)).json() as LearningPath).items).toHaveLength(3);
      const providerView = (await get(`/api/children/${child.id}/learning-path`, providerHead)).json() as LearningPath;
      expect(providerView.items.map((i) => i.programme.title)).toEqual(['Робототехника']);
      expect(providerView.clashes).toEqual([]);
      for (const role of ['operator', 'authority', 'expert'] as const) {
        expect((await get(`/api/children/${child.id}/learning-path`, await t.signIn(role))).statusCode).toBe(404);
      }
      expect((await get(`/api/children/${child.id}/learning-path`, third.session)).statusCode).toBe(200);
      expect((await get(`/api/children/${child.id}/learning-path`, null)).statusCode).toBe(404);
    });

    it('hides a child from another family', async () => {
      const otherFamilysChild = await schoolChild(t, { homeSchoolId: homeSchoolId() });
      const response = await get(`/api/children/${otherFamilysChild.id}/learning-path`, guardian);
      expect(response.statusCode).toBe(404);
      expect(response.json().detail).toContain('не найден');
    });
  });

  describe('attendance', () => {
    it('lists the class days up to today and keeps the marks, a second mark replacing the first', async () => {
      const programme = await runningProgramme(t, providerId(), { startsOn: '2024-09-02', endsOn: '2024-09-30' }, [{ weekday: 2, startMinute: 900, endMinute: 990 }]);
      const anna = await insertEnrolment(t, (await schoolChild(t, { fullName: 'Белова Анна' })).id, programme.id);
      const boris = await insertEnrolment(t, (await schoolChild(t, { fullName: 'Алексеев Борис' })).id, programme.id);

      const saved = await put(`/api/programmes/${programme.id}/attendance`, providerTeacher, {
        classDate: '2024-09-03',
        marks: [
          { enrolmentId: anna.id, present: true },
          { enrolmentId: boris.id, present: true },
        ],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const again = await put(`/api/programmes/${programme.id}/attendance`, providerHead, { classDate: '2024-09-03', marks: [{ enrolmentId: boris.id, present: false }] });
      expect(again.statusCode, again.body).toBe(200);
      // A make-up class on a Saturday appears among the dates because someone was marked on it.
      await put(`/api/programmes/${programme.id}/attendance`, providerHead, { classDate: '2024-09-07', marks: [{ enrolmentId: anna.id, present: true }] });

      const sheet = (await get(`/api/programmes/${programme.id}/attendance`, providerTeacher)).json() as AttendanceSheet;
      expect(sheet.dates).toEqual(['2024-09-03', '2024-09-07', '2024-09-10', '2024-09-17', '2024-09-24']);
      expect(sheet.rows.map((r) => r.child.fullName)).toEqual(['Алексеев Борис', 'Белова Анна']);
      expect(sheet.rows[0]).toMatchObject({ marks: { '2024-09-03': false }, attendance: { present: 0, total: 1 }, canMark: true });
      expect(sheet.rows[1]).toMatchObject({ marks: { '2024-09-03': true, '2024-09-07': true }, attendance: { present: 2, total: 2 } });
      const narrowed = (await get(`/api/programmes/${programme.id}/attendance?from=2024-09-08&to=2024-09-20`, providerTeacher)).json() as AttendanceSheet;
      expect(narrowed.dates).toEqual(['2024-09-10', '2024-09-17']);

      const audits = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'attendance.recorded'), eq(auditEntries.entityId, programme.id)));
      expect(audits).toHaveLength(3);
      // Ids only in the audit log, never names.
      expect(JSON.stringify(audits)).not.toContain('Белова');
    });

    it('flags the past classes someone enrolled by then has no mark for, until the last of them is marked', async () => {
      const programme = await runningProgramme(t, providerId(), { startsOn: '2024-09-02', endsOn: '2024-09-30' }, [{ weekday: 2, startMinute: 900, endMinute: 990 }]);
      const early = await insertEnrolment(t, (await schoolChild(t)).id, programme.id);
      // Joined on the 12th: the classes of the 3rd and the 10th are not theirs to be marked for.
      const late = await insertEnrolment(t, (await schoolChild(t)).id, programme.id, 'enrolled', new Date('2024-09-12T08:00:00Z'));
      const unmarked = async () => ((await get(`/api/programmes/${programme.id}/attendance`, providerTeacher)).json() as AttendanceSheet & { unmarkedDates: string[] }).unmarkedDates;
      expect(await unmarked()).toEqual(['2024-09-03', '2024-09-10', '2024-09-17', '2024-09-24']);

      await put(`/api/programmes/${programme.id}/attendance`, providerTeacher, { classDate: '2024-09-03', marks: [{ enrolmentId: early.id, present: false }] });
      // Marking only one of the two on the 17th leaves that class flagged.
      await put(`/api/programmes/${programme.id}/attendance`, providerTeacher, { classDate: '2024-09-17', marks: [{ enrolmentId: early.id, present: true }] });
      expect(await unmarked()).toEqual(['2024-09-10', '2024-09-17', '2024-09-24']);
      await put(`/api/programmes/${programme.id}/attendance`, providerTeacher, { classDate: '2024-09-17', marks: [{ enrolmentId: late.id, present: true }] });
      await put(`/api/programmes/${programme.id}/attendance`, providerTeacher, { classDate: '2024-09-10', marks: [{ enrolmentId: early.id, present: true }] });
      expect(await unmarked()).toEqual(['2024-09-24']);
    });

    it('refuses a future date, a day outside the programme, a child not enrolled or not yet enrolled that day, changing nothing', async () => {
      const programme = await runningProgramme(t, providerId(), { startsOn: '2024-09-02', endsOn: '2099-05-31' });
      const enrolled = await insertEnrolment(t, (await schoolChild(t)).id, programme.id);
      const waiting = await insertEnrolment(t, (await schoolChild(t)).id, programme.id, 'waitlisted');
      const elsewhere = await insertEnrolment(t, (await schoolChild(t)).id, (await runningProgramme(t, providerId())).id);
      const url = `/api/programmes/${programme.id}/attendance`;

      const future = await put(url, providerTeacher, { classDate: '2099-01-05', marks: [{ enrolmentId: enrolled.id, present: true }] });
      expect(future.statusCode).toBe(422);
      expect(future.json().detail).toContain('будущие');
      const before = await put(url, providerTeacher, { classDate: '2024-09-01', marks: [{ enrolmentId: enrolled.id, present: true }] });
      expect(before.statusCode).toBe(422);
      expect(before.json().detail).toContain('вне сроков');
      for (const stranger of [waiting, elsewhere]) {
        const response = await put(url, providerTeacher, {
          classDate: '2024-09-03',
          marks: [
            { enrolmentId: enrolled.id, present: true },
            { enrolmentId: stranger.id, present: true },
          ],
        });
        expect(response.statusCode).toBe(422);
        expect(response.json()).toMatchObject({ enrolmentIds: [stranger.id] });
        expect(response.json().detail).toContain('зачислены');
      }
      const newcomer = await insertEnrolment(t, (await schoolChild(t)).id, programme.id, 'enrolled', new Date('2024-09-10T08:00:00Z'));
      const beforeJoining = await put(url, providerTeacher, { classDate: '2024-09-03', marks: [{ enrolmentId: newcomer.id, present: true }] });
      expect(beforeJoining.statusCode).toBe(422);
      expect(beforeJoining.json()).toMatchObject({ enrolmentIds: [newcomer.id] });
      expect(beforeJoining.json().detail).toContain('зачисленные после этого занятия');
      expect(await marksOf(newcomer.id)).toEqual([]);
      const malformed = await put(url, providerTeacher, { classDate: '03.09.2024', marks: [{ enrolmentId: enrolled.id, present: 'да' }] });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.body).toContain('ГГГГ-ММ-ДД');
      const twice = await put(url, providerTeacher, {
        classDate: '2024-09-03',
        marks: [
          { enrolmentId: enrolled.id, present: true },
          { enrolmentId: enrolled.id, present: false },
        ],
      });
      expect(twice.statusCode).toBe(400);
      expect(twice.body).toContain('один раз');
      expect(await marksOf(enrolled.id)).toEqual([]);
    });

    it('is kept only by the provider’s staff: a teacher of another school is refused, a draft is not found', async () => {
      const programme = await runningProgramme(t, providerId());
      const draft = await runningProgramme(t, providerId(), { state: 'draft' });
      const enrolment = await insertEnrolment(t, (await schoolChild(t)).id, programme.id);
      const body = { classDate: '2024-09-03', marks: [{ enrolmentId: enrolment.id, present: true }] };
      expect((await put(`/api/programmes/${programme.id}/attendance`, homeTeacher, body)).statusCode).toBe(403);
      expect((await get(`/api/programmes/${programme.id}/attendance`, homeTeacher)).statusCode).toBe(403);
      expect((await get(`/api/programmes/${programme.id}/attendance`, guardian)).statusCode).toBe(403);
      expect((await get(`/api/programmes/${draft.id}/attendance`, homeTeacher)).statusCode).toBe(404);
      expect((await get(`/api/programmes/${draft.id}/attendance`, providerTeacher)).statusCode).toBe(200);
      expect(await marksOf(enrolment.id)).toEqual([]);
    });

    it('takes two teachers marking the same class at once, leaving one mark', async () => {
      const programme = await runningProgramme(t, providerId());
      const enrolment = await insertEnrolment(t, (await schoolChild(t)).id, programme.id);
      const responses = await Promise.all(
        [true, false].map((present, index) =>
          put(`/api/programmes/${programme.id}/attendance`, index ? providerHead : providerTeacher, { classDate: '2024-09-03', marks: [{ enrolmentId: enrolment.id, present }] }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
      expect(await marksOf(enrolment.id)).toHaveLength(1);
    });
  });

  describe('results', () => {
    it('completes the enrolment with the result, which the family and the home school then see', async () => {
      const child = await ownChild('Смирнова Ольга');
      const programme = await runningProgramme(t, providerId(), { title: 'Основы программирования', startsOn: '2024-09-02', endsOn: '2024-12-20' });
      const enrolment = await insertEnrolment(t, child.id, programme.id);
      await put(`/api/programmes/${programme.id}/attendance`, providerTeacher, { classDate: '2024-09-03', marks: [{ enrolmentId: enrolment.id, present: true }] });
      await put(`/api/programmes/${programme.id}/attendance`, providerTeacher, { classDate: '2024-09-10', marks: [{ enrolmentId: enrolment.id, present: false }] });

      const response = await post(`/api/enrolments/${enrolment.id}/result`, providerTeacher, { version: enrolment.version, result: 'certificate', note: 'Защитила проект «Умная теплица»' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ state: 'completed', result: 'certificate', version: enrolment.version + 1 });
      const stale = await post(`/api/enrolments/${enrolment.id}/result`, providerHead, { version: enrolment.version, result: 'credit', note: '' });
      expect(stale.statusCode).toBe(409);
      expect((await enrolmentRow(enrolment.id)).result).toBe('certificate');

      const path = (await get(`/api/children/${child.id}/learning-path`, guardian)).json() as LearningPath;
      expect(path.items.find((i) => i.enrolmentId === enrolment.id)).toMatchObject({ state: 'completed', result: 'certificate', resultNote: 'Защитила проект «Умная теплица»', attendance: { present: 1, total: 2 } });

      const progress = (await get(`/api/organizations/${homeSchoolId()}/students/progress`, homeHead)).json() as Progress;
      const olga = progress.items.find((s) => s.child.id === child.id)!;
      expect(olga.programmes).toEqual([
        expect.objectContaining({ enrolmentId: enrolment.id, programme: expect.objectContaining({ title: 'Основы программирования' }), provider: expect.objectContaining({ shortName: 'СОШ № 2' }), attendance: { present: 1, total: 2 }, result: 'certificate' }),
      ]);
    });

    it('refuses a bad result, a child who left, and anyone but the provider’s staff, changing nothing', async () => {
      const programme = await runningProgramme(t, providerId());
      const enrolment = await insertEnrolment(t, (await schoolChild(t)).id, programme.id);
      const gone = await insertEnrolment(t, (await schoolChild(t)).id, programme.id, 'removed');
      const url = `/api/enrolments/${enrolment.id}/result`;
      const bad = await post(url, providerHead, { version: enrolment.version, result: 'excellent' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('зачёт');
      expect((await post(url, homeHead, { version: enrolment.version, result: 'credit' })).statusCode).toBe(404);
      expect((await post(url, guardian, { version: enrolment.version, result: 'credit' })).statusCode).toBe(404);
      const left = await post(`/api/enrolments/${gone.id}/result`, providerHead, { version: gone.version, result: 'credit' });
      expect(left.statusCode).toBe(409);
      expect(left.json().detail).toContain('отчислен');
      expect(await enrolmentRow(enrolment.id)).toMatchObject({ state: 'enrolled', result: null, version: enrolment.version });
      expect(await enrolmentRow(gone.id)).toMatchObject({ state: 'removed', result: null });
    });

    it('takes one of two results pressed at once for the same version', async () => {
      const programme = await runningProgramme(t, providerId());
      const enrolment = await insertEnrolment(t, (await schoolChild(t)).id, programme.id);
      const responses = await Promise.all(
        (['credit', 'not_completed'] as const).map((result, index) => post(`/api/enrolments/${enrolment.id}/result`, index ? providerHead : providerTeacher, { version: enrolment.version, result })),
      );
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect((await enrolmentRow(enrolment.id)).version).toBe(enrolment.version + 1);
    });
  });

  describe('the home school’s progress view', () => {
    it('shows only its confirmed students and their programmes at other organisations', async () => {
      const elsewhere = await runningProgramme(t, third.org.id, { title: 'Программирование на Python' });
      const atHome = await runningProgramme(t, homeSchoolId(), { title: 'Школьный хор' });
      const confirmed = await schoolChild(t, { homeSchoolId: homeSchoolId(), fullName: 'Андреева Мария' });
      const unconfirmed = await schoolChild(t, { homeSchoolId: homeSchoolId(), confirmed: false, fullName: 'Неподтверждённый Пётр' });
      const otherSchools = await schoolChild(t, { homeSchoolId: t.fixtures.otherOrganizationId, fullName: 'Чужой Семён' });
      for (const child of [confirmed, unconfirmed, otherSchools]) await insertEnrolment(t, child.id, elsewhere.id);
      await insertEnrolment(t, confirmed.id, atHome.id);

      const response = await get(`/api/organizations/${homeSchoolId()}/students/progress`, homeTeacher);
      expect(response.statusCode, response.body).toBe(200);
      const progress = response.json() as Progress;
      const names = progress.items.map((s) => s.child.fullName);
      expect(names).toContain('Андреева Мария');
      expect(names).not.toContain('Неподтверждённый Пётр');
      expect(names).not.toContain('Чужой Семён');
      expect(progress.items.find((s) => s.child.id === confirmed.id)!.programmes.map((p) => p.programme.title)).toEqual(['Программирование на Python']);
      expect(JSON.stringify(progress)).not.toContain(otherSchools.id);

      // The other school sees its own student, and nothing of СОШ № 1's.
      const theirs = (await get(`/api/organizations/${t.fixtures.otherOrganizationId}/students/progress`, providerHead)).json() as Progress;
      expect(theirs.items.map((s) => s.child.fullName)).toEqual(['Чужой Семён']);
      expect((await get(`/api/organizations/${homeSchoolId()}/students/progress`, providerHead)).statusCode).toBe(403);
      expect((await get(`/api/organizations/${homeSchoolId()}/students/progress`, guardian)).statusCode).toBe(403);
      expect((await get(`/api/organizations/${homeSchoolId()}/students/progress`, null)).statusCode).toBe(401);
    });
  });
});
