import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { organizationWithHead, seedNetwork } from '../../../test/network-fixtures';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { auditEntries } from '../../platform/audit/schema';
import { takeSeat } from '../enrolments/seats';
import { enrolments } from '../enrolments/schema';
import type { NetworkRow } from '../networks/access';
import { notifications } from '../notifications/schema';
import { organizations } from '../organizations/schema';
import { insertCampaign } from '../campaigns/campaign.testkit';
import { insertChild, insertEnrolment, insertGuardian } from '../enrolments/enrolment.testkit';
import { programmes } from './schema';

interface Summary {
  id: string;
  title: string;
  kind: string;
  direction: string;
  capacity: number;
  seatsTaken: number;
  freeSeats: number;
  state: string;
  provider: { id: string; shortName: string };
  venue: { id: string; shortName: string; address: string; lat: number | null; lon: number | null };
  municipalityName: string;
  slots: { weekday: number; startMinute: number; endMinute: number }[];
  distanceKm: number | null;
}
interface Detail extends Summary {
  description: string;
  requirements: string;
  teacherName: string;
  networks: { id: string; title: string }[];
  venueOrganizationId: string | null;
  version: number;
  canManage: boolean;
}
interface Catalogue {
  items: Summary[];
  total: number;
  page: number;
  pageSize: number;
}

describe('programmes', () => {
  let t: TestApp;
  let head: Session;
  let teacher: Session;
  let otherHead: Session;
  let district: NetworkRow;
  let serial = 0;

  const own = () => t.fixtures.ownOrganizationId;
  const post = (url: string, session: Session | null, body: unknown = {}) => t.call('POST', url, { session, body });
  const patch = (url: string, session: Session | null, body: unknown) => t.call('PATCH', url, { session, body });
  const get = (url: string, session: Session | null = null) => t.call('GET', url, { session });

  const valid = (extra: Record<string, unknown> = {}) => ({
    organizationId: own(),
    kind: 'supplementary',
    direction: 'technical',
    title: `Робототехника и программирование ${++serial}`,
    description: 'Собираем и программируем роботов на соревнования',
    gradeFrom: 5,
    gradeTo: 8,
    startsOn: '2026-09-01',
    endsOn: '2027-05-31',
    capacity: 12,
    teacherName: 'Петров Иван Сергеевич',
    slots: [{ weekday: 2, startMinute: 900, endMinute: 990 }],
    ...extra,
  });

  async function created(extra: Record<string, unknown> = {}, session = head) {
    const response = await post('/api/programmes', session, valid(extra));
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Detail;
  }
  async function published(extra: Record<string, unknown> = {}, session = head) {
    const draft = await created(extra, session);
    const response = await post(`/api/programmes/${draft.id}/publish`, session, { version: draft.version });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Detail;
  }
  const programmeCount = async () => (await t.handle.db.select({ id: programmes.id }).from(programmes)).length;
  const catalogue = async (query: string) => {
    const response = await get(`/api/programmes?pageSize=100&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Catalogue;
  };
  const ids = (page: Catalogue) => page.items.map((item) => item.id);

  beforeAll(async () => {
    t = await openTestApp();
    head = await t.signIn('orgAdmin');
    teacher = await t.signIn('teacher');
    otherHead = await t.signIn('otherOrgAdmin');
    district = await seedNetwork(t.handle.db, t.fixtures);
  });
  afterAll(() => t.close());

  describe('creating and validating', () => {
    it('creates a draft with its weekly classes, seen by the provider staff only, and audits it', async () => {
      const draft = await created({ networkIds: [district.id], slots: [{ weekday: 4, startMinute: 960, endMinute: 1050 }, { weekday: 2, startMinute: 900, endMinute: 990 }] });
      expect(draft).toMatchObject({ state: 'draft', capacity: 12, seatsTaken: 0, freeSeats: 12, canManage: true, version: 1, provider: { id: own(), shortName: 'СОШ № 1' } });
      expect(draft.slots).toEqual([
        { weekday: 2, startMinute: 900, endMinute: 990 },
        { weekday: 4, startMinute: 960, endMinute: 1050 },
      ]);
      expect(draft.networks).toEqual([{ id: district.id, title: district.name }]);
      expect(draft.venue.id).toBe(own());
      expect((await get(`/api/programmes/${draft.id}`, teacher)).json()).toMatchObject({ id: draft.id, canManage: false });
      expect((await get(`/api/programmes/${draft.id}`)).statusCode).toBe(404);
      expect((await get(`/api/programmes/${draft.id}`, otherHead)).statusCode).toBe(404);
      expect(ids(await catalogue(''))).not.toContain(draft.id);
      const [audit] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, draft.id), eq(auditEntries.action, 'programme.created')));
      expect(audit.after).toMatchObject({ title: draft.title, slots: expect.any(Array) });
    });

    it.each([
      ['grades out of order', { gradeFrom: 9, gradeTo: 5 }, 'gradeTo', 'Класс «по» не может быть меньше класса «с»'],
      ['neither grades nor ages', { gradeFrom: null, gradeTo: null }, 'gradeFrom', 'Укажите, для каких классов или возрастов программа'],
      ['ages out of order', { gradeFrom: null, gradeTo: null, ageFrom: 14, ageTo: 10 }, 'ageTo', 'Возраст «по» не может быть меньше возраста «с»'],
      ['grade 12', { gradeTo: 12 }, 'gradeTo', 'Класс «по»: от 0 до 11'],
      ['dates out of order', { startsOn: '2027-01-10', endsOn: '2026-12-01' }, 'endsOn', 'Окончание не может быть раньше начала'],
      ['no seats', { capacity: 0 }, 'capacity', 'Мест — хотя бы одно'],
      ['too many seats', { capacity: 1001 }, 'capacity', 'Мест — не больше 1000'],
      ['a class ending before it starts', { slots: [{ weekday: 1, startMinute: 990, endMinute: 900 }] }, 'slots.0.endMinute', 'должно заканчиваться позже, чем начинается'],
      ['overlapping classes', { slots: [{ weekday: 1, startMinute: 900, endMinute: 990 }, { weekday: 1, startMinute: 960, endMinute: 1020 }] }, 'slots.1.startMinute', 'Занятия пересекаются (понедельник): 15:00–16:30 и 16:00–17:00'],
      ['a weekday 8', { slots: [{ weekday: 8, startMinute: 900, endMinute: 990 }] }, 'slots.0.weekday', 'День недели — от 1 (пн) до 7 (вс)'],
      ['an unknown kind', { kind: 'club' }, 'kind', 'Вид программы'],
      ['no title', { title: ' ' }, 'title', 'Назовите программу'],
    ])('refuses %s with a Russian 400 naming the field, and creates nothing', async (_case, extra, field, message) => {
      const before = await programmeCount();
      const response = await post('/api/programmes', head, valid(extra));
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json() as { errors: { field: string; message: string }[] };
      expect(problem.errors.find((e) => e.field === field)?.message, response.body).toContain(message);
      expect(await programmeCount()).toBe(before);
    });

    it('offers a programme only in networks its provider is an active member of, and only at an active venue (422)', async () => {
      const foreign = await organizationWithHead(t, 'Гимназия вне округа', null);
      const [elsewhere] = await t.handle.db
        .insert(organizations)
        .values({ kind: 'museum', fullName: 'Музей в архиве', shortName: 'Музей в архиве', sortKey: russianSortKey('Музей в архиве'), municipalityId: t.fixtures.municipalityId, state: 'archived' })
        .returning();
      const before = await programmeCount();
      const notMember = await post('/api/programmes', foreign.session, valid({ organizationId: foreign.org.id, networkIds: [district.id] }));
      expect(notMember.statusCode, notMember.body).toBe(422);
      expect(notMember.json().errors[0]).toEqual({ field: 'networkIds', message: 'Программу можно предложить только в сетях, где организация — действующий участник' });
      const archivedVenue = await post('/api/programmes', head, valid({ venueOrganizationId: elsewhere.id }));
      expect(archivedVenue.statusCode, archivedVenue.body).toBe(422);
      expect(archivedVenue.json().errors[0].field).toBe('venueOrganizationId');
      expect(await programmeCount()).toBe(before);
    });

    it('is created only by a head of the provider', async () => {
      expect((await post('/api/programmes', teacher, valid())).statusCode).toBe(403);
      expect((await post('/api/programmes', otherHead, valid())).statusCode).toBe(403);
      expect((await post('/api/programmes', null, valid())).statusCode).toBe(401);
    });
  });

  describe('publishing, editing, archiving', () => {
    it('publishes into the catalogue and archives out of it; a programme with no classes on site is not published', async () => {
      const programme = await published();
      expect(programme.state).toBe('published');
      expect(ids(await catalogue(''))).toContain(programme.id);
      expect((await get(`/api/programmes/${programme.id}`)).json()).toMatchObject({ state: 'published', canManage: false });
      const archived = await post(`/api/programmes/${programme.id}/archive`, head, { version: programme.version });
      expect(archived.json()).toMatchObject({ state: 'archived', version: programme.version + 1 });
      expect(ids(await catalogue(''))).not.toContain(programme.id);
      expect((await get(`/api/programmes/${programme.id}`)).statusCode).toBe(404);

      const noClasses = await created({ slots: [] });
      const refused = await post(`/api/programmes/${noClasses.id}/publish`, head, { version: noClasses.version });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toContain('хотя бы одно занятие');
      const distance = await created({ slots: [], format: 'distance' });
      expect((await post(`/api/programmes/${distance.id}/publish`, head, { version: distance.version })).statusCode).toBe(200);
    });

    it('edits fields and replaces the classes as a whole; a stale version is a 409 and changes nothing', async () => {
      const programme = await created();
      const edited = await patch(`/api/programmes/${programme.id}`, head, { version: programme.version, title: 'Робототехника для начинающих', slots: [{ weekday: 5, startMinute: 840, endMinute: 930 }] });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ title: 'Робототехника для начинающих', version: 2, slots: [{ weekday: 5, startMinute: 840, endMinute: 930 }] });
      const stale = await patch(`/api/programmes/${programme.id}`, head, { version: programme.version, title: 'Старая версия' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().detail).toContain('Обновите страницу');
      const [row] = await t.handle.db.select().from(programmes).where(eq(programmes.id, programme.id));
      expect(row).toMatchObject({ title: 'Робототехника для начинающих', version: 2 });
      const bad = await patch(`/api/programmes/${programme.id}`, head, { version: 2, gradeFrom: 10 });
      expect(bad.statusCode).toBe(400);
      expect((await t.handle.db.select().from(programmes).where(eq(programmes.id, programme.id)))[0].gradeFrom).toBe(5);
    });

    it('of two edits sent at once from the same version, one wins and the other gets 409', async () => {
      const programme = await created();
      const answers = await Promise.all([
        patch(`/api/programmes/${programme.id}`, head, { version: programme.version, capacity: 20 }),
        patch(`/api/programmes/${programme.id}`, head, { version: programme.version, capacity: 30 }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const [row] = await t.handle.db.select().from(programmes).where(eq(programmes.id, programme.id));
      expect(row.version).toBe(2);
      expect([20, 30]).toContain(row.capacity);
    });
  });

  describe('capacity and the waitlist', () => {
    /** A child of a fresh guardian with consent in force, and its enrolment row in `programmeId`. */
    async function childIn(programmeId: string, state: 'enrolled' | 'waitlisted') {
      const { userId: guardianUserId } = await insertGuardian(t);
      const child = await insertChild(t, guardianUserId);
      return { guardianUserId, child, enrolment: await insertEnrolment(t, child.id, programmeId, state) };
    }

    async function fullProgramme() {
      const programme = await published({ capacity: 1 });
      await childIn(programme.id, 'enrolled');
      const [row] = await t.handle.db.select().from(programmes).where(eq(programmes.id, programme.id));
      return row;
    }

    it('raising capacity gives the new seats to the first in line at once and tells their guardians', async () => {
      const programme = await fullProgramme();
      const first = await childIn(programme.id, 'waitlisted');
      const second = await childIn(programme.id, 'waitlisted');
      const third = await childIn(programme.id, 'waitlisted');
      const response = await patch(`/api/programmes/${programme.id}`, head, { version: programme.version, capacity: 3 });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ capacity: 3, seatsTaken: 3, freeSeats: 0 });
      const states = await t.handle.db.select({ id: enrolments.id, state: enrolments.state }).from(enrolments).where(inArray(enrolments.id, [first.enrolment.id, second.enrolment.id, third.enrolment.id]));
      expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({ [first.enrolment.id]: 'enrolled', [second.enrolment.id]: 'enrolled', [third.enrolment.id]: 'waitlisted' });
      const told = await t.handle.db.select().from(notifications).where(inArray(notifications.userId, [first.guardianUserId, second.guardianUserId, third.guardianUserId]));
      expect(told.map((n) => n.userId).sort()).toEqual([first.guardianUserId, second.guardianUserId].sort());
      expect(told[0]).toMatchObject({ kind: 'waitlist_promoted' });
    });

    it('a seat taken while capacity is lowered never overbooks: one of the two gives way', async () => {
      for (let round = 0; round < 5; round++) {
        const programme = await published({ capacity: 3 });
        await t.handle.db.update(programmes).set({ seatsTaken: 2 }).where(eq(programmes.id, programme.id));
        const [seat, lowered] = await Promise.all([
          t.handle.db.transaction((tx) => takeSeat(tx, programme.id)),
          patch(`/api/programmes/${programme.id}`, head, { version: programme.version, capacity: 2 }),
        ]);
        const [row] = await t.handle.db.select().from(programmes).where(eq(programmes.id, programme.id));
        expect(row.seatsTaken).toBeLessThanOrEqual(row.capacity);
        // Either the seat came first and the lower capacity is refused, or the capacity came first and the seat is not given.
        if (seat) expect([lowered.statusCode, row.capacity, row.seatsTaken]).toEqual([409, 3, 3]);
        else expect([lowered.statusCode, row.capacity, row.seatsTaken]).toEqual([200, 2, 2]);
      }
    });

    it('capacity never goes below the seats taken (409, nothing changed)', async () => {
      const programme = await published({ capacity: 3 });
      await childIn(programme.id, 'enrolled');
      await childIn(programme.id, 'enrolled');
      const response = await patch(`/api/programmes/${programme.id}`, head, { version: programme.version, capacity: 1 });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ title: 'Мест меньше, чем записано', seatsTaken: 2 });
      expect(response.json().detail).toContain('не может быть меньше 2');
      const [row] = await t.handle.db.select().from(programmes).where(eq(programmes.id, programme.id));
      expect(row).toMatchObject({ capacity: 3, version: programme.version });
      expect((await patch(`/api/programmes/${programme.id}`, head, { version: programme.version, capacity: 2 })).statusCode).toBe(200);
    });
    it('keeps the seats promised to a campaign: no switch to first-come enrolment, no shrinking below them (409)', async () => {
      const { programmes: [inCampaign] } = await insertCampaign(t, t.fixtures.ownOrganizationId, { state: 'open' });
      const url = `/api/programmes/${inCampaign.id}`;
      const reopened = await patch(url, head, { version: inCampaign.version, enrolmentMode: 'open' });
      expect(reopened.statusCode).toBe(409);
      expect(reopened.json()).toMatchObject({ title: 'Программа в кампании', promised: 2 });
      const shrunk = await patch(url, head, { version: inCampaign.version, capacity: 1 });
      expect(shrunk.statusCode).toBe(409);
      expect(shrunk.json()).toMatchObject({ promised: 2 });
      const [row] = await t.handle.db.select().from(programmes).where(eq(programmes.id, inCampaign.id));
      expect(row).toMatchObject({ capacity: inCampaign.capacity, enrolmentMode: 'campaign', version: inCampaign.version });
      expect((await patch(url, head, { version: inCampaign.version, capacity: 2 })).statusCode).toBe(200);
    });
  });

  describe('the catalogue', () => {
    let far: { id: string };
    let otherMunicipalitySchool: { id: string };
    const made: Record<string, Detail> = {};

    beforeAll(async () => {
      // A partner museum 30 km east of the fixtures' schools (54.7, 20.5), in the other municipality.
      const [museum] = await t.handle.db
        .insert(organizations)
        .values({ kind: 'museum', fullName: 'Музей Мирового океана', shortName: 'Музей океана', sortKey: russianSortKey('Музей океана'), municipalityId: t.fixtures.otherMunicipalityId, lat: 54.7, lon: 20.965, address: 'наб. Петра Великого, 1' })
        .returning();
      far = museum;
      const [school] = await t.handle.db
        .insert(organizations)
        .values({ kind: 'school', fullName: 'Школа без координат', shortName: 'Школа без координат', sortKey: russianSortKey('Школа без координат'), municipalityId: t.fixtures.municipalityId })
        .returning();
      otherMunicipalitySchool = school;
      await t.handle.db.update(programmes).set({ state: 'archived' }).where(eq(programmes.state, 'published'));
      made.robots = await published({ title: 'Основы робототехники', description: 'Конструирование и программирование роботов', kind: 'supplementary', direction: 'technical', gradeFrom: 5, gradeTo: 7, slots: [{ weekday: 1, startMinute: 900, endMinute: 990 }] });
      made.ocean = await published({ title: 'Юный океанолог', description: 'Занятия в залах музея и на набережной', kind: 'extracurricular', direction: 'natural_science', gradeFrom: 3, gradeTo: 6, venueOrganizationId: far.id, slots: [{ weekday: 6, startMinute: 660, endMinute: 780 }] });
      made.chess = await published({ title: 'Шахматы', description: 'Турниры по выходным', kind: 'supplementary', direction: 'sports', gradeFrom: null, gradeTo: null, ageFrom: 7, ageTo: 10, slots: [{ weekday: 3, startMinute: 960, endMinute: 1050 }] });
      made.profile = await published({ title: 'Профильная химия', description: 'Подготовка к олимпиаде, практикум по робототехнике не входит', kind: 'profile_course', direction: 'natural_science', gradeFrom: 10, gradeTo: 11, networkIds: [district.id], capacity: 1, slots: [{ weekday: 1, startMinute: 1000, endMinute: 1090 }, { weekday: 4, startMinute: 1000, endMinute: 1090 }] });
      await t.handle.db.update(programmes).set({ seatsTaken: 1 }).where(eq(programmes.id, made.profile.id));
      made.foreign = await published({ organizationId: t.fixtures.otherOrganizationId, title: 'Театральная студия', description: 'Сценическая речь', kind: 'extracurricular', direction: 'arts', gradeFrom: 1, gradeTo: 11, slots: [{ weekday: 2, startMinute: 900, endMinute: 990 }] }, otherHead);
      made.draft = await created({ title: 'Робототехника — черновик' });
    });

    /** The list finds exactly these, and the map shows the same programmes, in the list's order. */
    const expectIds = async (query: string, expected: string[]) => {
      const listed = ids(await catalogue(query));
      expect(listed.slice().sort(), query).toEqual(expected.map((key) => made[key].id).sort());
      const map = await get(`/api/programmes/map?${query}`);
      expect(map.statusCode, map.body).toBe(200);
      expect((map.json() as { points: { id: string }[] }).points.map((point) => point.id), query).toEqual(listed);
    };

    it('is public, lists only published programmes, with seats, venue, municipality and classes', async () => {
      const all = await catalogue('');
      expect(all.total).toBe(5);
      expect(all.items.map((i) => i.title)).toEqual(['Основы робототехники', 'Профильная химия', 'Театральная студия', 'Шахматы', 'Юный океанолог']);
      const ocean = all.items.find((i) => i.id === made.ocean.id)!;
      expect(ocean).toMatchObject({ venue: { id: far.id, shortName: 'Музей океана', address: 'наб. Петра Великого, 1' }, municipalityName: 'Второй район', distanceKm: null, slots: [{ weekday: 6, startMinute: 660, endMinute: 780 }] });
      expect(all.items.find((i) => i.id === made.profile.id)).toMatchObject({ capacity: 1, seatsTaken: 1, freeSeats: 0 });
      expect(all).not.toHaveProperty('points');
      const map = await get('/api/programmes/map');
      expect(map.headers['cache-control']).toBe('private, max-age=60');
      expect(map.json().points).toHaveLength(5);
      expect(map.json().points.find((point: { id: string }) => point.id === made.ocean.id)).toMatchObject({ title: 'Юный океанолог', lat: 54.7, lon: 20.965 });
    });

    it('finds Russian words in any form: «робототехника» finds «робототехнике» and «роботов»', async () => {
      await expectIds('q=робототехника', ['robots', 'profile']);
      await expectIds('q=' + encodeURIComponent('роботы программирование'), ['robots']);
      // an unfinished last word is the start of a title's word (a whole known word, such as «океан», is not)
      await expectIds('q=' + encodeURIComponent('океанол'), ['ocean']);
      await expectIds('q=' + encodeURIComponent('квантовая механика'), []);
    });

    it('narrows by each filter', async () => {
      await expectIds('kind=extracurricular', ['ocean', 'foreign']);
      await expectIds('direction=natural_science', ['ocean', 'profile']);
      await expectIds('grade=6', ['robots', 'ocean', 'foreign']);
      // A programme for ages 7–10 answers grades 1–4 (ages 7–11).
      await expectIds('grade=2', ['chess', 'foreign']);
      await expectIds('grade=11', ['profile', 'foreign']);
      await expectIds(`municipalityId=${t.fixtures.otherMunicipalityId}`, ['ocean', 'foreign']);
      await expectIds('freeOnly=true', ['robots', 'ocean', 'chess', 'foreign']);
      await expectIds('weekday=1', ['robots', 'profile']);
      await expectIds('weekday=7', []);
      await expectIds(`networkId=${district.id}`, ['profile']);
      await expectIds(`organizationId=${t.fixtures.otherOrganizationId}`, ['foreign']);
      await expectIds('kind=supplementary&direction=technical&grade=5&weekday=1', ['robots']);
    });

    it('measures the distance from a chosen school, nearest first, and keeps only those within reach', async () => {
      const near = await catalogue(`nearOrganizationId=${own()}`);
      expect(near.items.at(-1)).toMatchObject({ id: made.ocean.id });
      expect(near.items.at(-1)!.distanceKm).toBeCloseTo(30, 0);
      expect(near.items[0].distanceKm).toBe(0);
      await expectIds(`nearOrganizationId=${own()}&maxKm=10`, ['robots', 'chess', 'profile', 'foreign']);
      await expectIds(`nearOrganizationId=${own()}&maxKm=40`, ['robots', 'chess', 'profile', 'foreign', 'ocean']);
      const noCoordinates = await get(`/api/programmes?nearOrganizationId=${otherMunicipalitySchool.id}`);
      expect(noCoordinates.statusCode).toBe(400);
      expect(noCoordinates.json().detail).toContain('нет координат');
      const noSchool = await get('/api/programmes?maxKm=10');
      expect(noSchool.statusCode).toBe(400);
      expect(noSchool.json().errors[0].field).toBe('nearOrganizationId');
    });

    it('pages the list while the map gets every point; bad filters are a Russian 400', async () => {
      const first = await get('/api/programmes?pageSize=2&page=2');
      const page = first.json() as Catalogue;
      expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
      expect(page.items.map((i) => i.title)).toEqual(['Театральная студия', 'Шахматы']);
      const bad = await get('/api/programmes?grade=12&weekday=0');
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Класс — от 0 до 11');
    });

    it("an organisation's page lists every state for its staff and only published programmes for others", async () => {
      const forStaff = (await get(`/api/organizations/${own()}/programmes`, teacher)).json() as { items: Summary[]; canManage: boolean };
      expect(forStaff.items.map((i) => i.id)).toContain(made.draft.id);
      const states = forStaff.items.map((i) => i.state);
      expect(states.indexOf('archived')).toBeGreaterThan(states.lastIndexOf('published'));
      expect(states.lastIndexOf('draft')).toBeLessThan(states.indexOf('published'));
      expect(forStaff.canManage).toBe(false);
      const forHead = (await get(`/api/organizations/${own()}/programmes?state=draft`, head)).json() as { items: Summary[]; canManage: boolean };
      expect(forHead.canManage).toBe(true);
      expect(forHead.items.every((i) => i.state === 'draft')).toBe(true);
      const forPublic = (await get(`/api/organizations/${own()}/programmes`)).json() as { items: Summary[] };
      expect(forPublic.items.map((i) => i.id).sort()).toEqual([made.robots.id, made.chess.id, made.profile.id, made.ocean.id].sort());
      expect((await get(`/api/organizations/${own()}/programmes?state=draft`, otherHead)).json().items).toEqual([]);
    });
  });

});
