import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database';
import type { CommandContext } from '../platform/context';
import type { DatabaseHandle } from '../platform/db/client';
import { users } from '../modules/accounts/schema';
import { listPractices, practiceListQuery } from '../modules/practices/list-practices';
import { loadActor } from '../modules/accounts/sessions';
import { decisions, meetings } from '../modules/councils/schema';
import { documentSignatures, networkDocuments } from '../modules/documents/schema';
import { verifySignatureChains } from '../modules/documents/verify-signatures';
import { resourceExchanges } from '../modules/exchanges/schema';
import { getNetworkExchangePicture } from '../modules/inventory/get-exchange-picture';
import { resourceNeeds, resourceOffers } from '../modules/inventory/schema';
import { suggestOffers } from '../modules/inventory/suggest-offers';
import { activeMemberIds } from '../modules/networks/access';
import { computeLaunchPath } from '../modules/networks/get-launch-path';
import { networks } from '../modules/networks/schema';
import { demoOrganizations } from '../modules/organizations/demo/demo-region';
import { organizations } from '../modules/organizations/schema';
import { isBaseSchool } from '../modules/organizations/base-schools';
import { regionToday } from '../modules/territory/region-clock';
import { children } from '../modules/families/schema';
import { getLearningPath } from '../modules/learning/get-learning-path';
import { listStudentsProgress } from '../modules/learning/list-students-progress';
import { listProgrammeEnrolments } from '../modules/enrolments/list-programme-enrolments';
import { programmes } from '../modules/programmes/schema';
import { verifyPassword } from '../modules/accounts/passwords';
import { sessions } from '../modules/accounts/schema';
import { listInvitations } from '../modules/people/list-invitations';
import { listStaff } from '../modules/people/list-staff';
import { presentPerson } from '../modules/people/present-person';
import { outboxMessages } from '../platform/mail/schema';
import { getCouncil } from '../modules/councils/get-council';
import { listElections } from '../modules/councils/elections';
import { seedDemoRegion } from './seed-demo';
import { listNetworkTransfers } from '../modules/adoptions/list-network-transfers';
import { listPracticeAdoptions } from '../modules/adoptions/list-practice-adoptions';

const KALININGRAD = 'Калининградский альянс «Общественные ресурсы образования»';
const PAVLOVSK = 'Павловский школьный образовательный округ';
const ROSTOV = 'Партнёрство гимназии им. А.Л. Кекина со школами-спутниками';
const TYUMEN = 'Ассоциация инновационных образовательных учреждений г. Тюмени';

describe('demo region', () => {
  let handle: DatabaseHandle;
  let counts: Awaited<ReturnType<typeof seedDemoRegion>>;
  let operator: CommandContext;
  /** Organisation id by its demo key. */
  let idOf: (key: string) => string;
  let networkId: (name: string) => string;

  beforeAll(async () => {
    handle = await openTestDatabase();
    counts = await seedDemoRegion({ db: handle.db, actor: null, ip: 'test' });
    const [operatorUser] = await handle.db.select().from(users).where(eq(users.email, 'operator@orbita.demo'));
    operator = { db: handle.db, actor: await loadActor(handle.db, operatorUser), ip: 'test' };
    const byInn = new Map((await handle.db.select({ id: organizations.id, inn: organizations.inn }).from(organizations)).map((o) => [o.inn, o.id]));
    const keys = new Map(demoOrganizations.map((o) => [o.key, byInn.get(o.inn)!]));
    idOf = (key) => keys.get(key)!;
    const networkIds = new Map((await handle.db.select().from(networks)).map((n) => [n.name, n.id]));
    networkId = (name) => networkIds.get(name)!;
  });
  afterAll(() => handle.close());

  const needOf = async (key: string, title: string) => {
    const [need] = await handle.db.select().from(resourceNeeds).where(and(eq(resourceNeeds.organizationId, idOf(key)), eq(resourceNeeds.title, title)));
    return need;
  };

  it('loads the seeds’ organisations and networks, each network at a different stage of its launch path, with intact signatures', async () => {
    expect(counts).toMatchObject({ municipalities: 6, organizations: 80, networks: 6, exchanges: 4 });
    const stages = new Map<string, number>();
    for (const network of await handle.db.select().from(networks)) stages.set(network.name, (await computeLaunchPath(handle.db, network)).completed);
    // The Kaliningrad alliance has walked its light path (no launch gate), the district is midway on seed 001's.
    expect(stages.get(KALININGRAD)).toBe(4);
    expect(stages.get(PAVLOVSK)).toBe(1);
    expect(new Set(stages.values()).size).toBeGreaterThanOrEqual(4);
    const report = await verifySignatureChains(handle.db);
    expect(report.broken).toEqual([]);
    expect(report.signatures).toBeGreaterThan(40);
  });

  it('has school No. 31’s bilateral contracts with its partners and the Pavlovsk committee’s order entering the base school into the register', async () => {
    const partners = await handle.db.select().from(networkDocuments).where(eq(networkDocuments.networkId, networkId('Сеть социальных партнёров МБОУ СОШ № 31 г. Новочеркасска')));
    const bilateral = partners.filter((d) => d.kind === 'agreement' && d.partyScope === 'named');
    expect(bilateral).toHaveLength(4);
    for (const d of bilateral) expect(d.partyOrganizationIds).toContain(idOf('nvch-school-31'));
    expect(bilateral.map((d) => d.state).sort()).toEqual(['draft', 'signed', 'signed', 'signing']);

    const district = await handle.db.select().from(networkDocuments).where(eq(networkDocuments.networkId, networkId(PAVLOVSK)));
    const order = district.find((d) => d.kind === 'base_school_order')!;
    expect(order).toMatchObject({ state: 'signed', partyScope: 'authority', partyOrganizationIds: [idOf('pvl-komitet')] });
    const signatures = await handle.db.select().from(documentSignatures).where(eq(documentSignatures.documentId, order.id));
    expect(signatures.map((s) => s.organizationId)).toEqual([idOf('pvl-komitet')]);
    expect(await isBaseSchool(handle.db, idOf('pvl-school-1'), await regionToday(handle.db))).toBe(true);
    const [school] = await handle.db.select().from(organizations).where(eq(organizations.id, idOf('pvl-school-1')));
    expect(school.statuses).toContain('base_school');
    expect(district.find((d) => d.kind === 'base_school_contract')).toMatchObject({ state: 'signed', partyScope: 'named' });
  });

  it('puts each demo network on the path of its kind: the district on seed 001’s, the partnership on seed 002’s, the alliance and the association on the light path', async () => {
    const pathOf = async (name: string) => {
      const [network] = await handle.db.select().from(networks).where(eq(networks.id, networkId(name)));
      return computeLaunchPath(handle.db, network);
    };
    const district = await pathOf(PAVLOVSK);
    expect(district).toMatchObject({ template: 'district', gated: true, current: 'agreement' });
    const partnership = await pathOf(ROSTOV);
    expect(partnership).toMatchObject({ template: 'partnership', gated: true, current: 'agreement' });
    // One satellite has signed its agreement with the leader, the roadmap as annex; two more to go.
    expect(partnership.steps[3]).toMatchObject({ step: 'agreement', done: false, detail: 'Соглашения подписаны с 1 из 3 школ-спутников' });
    expect(partnership.steps.slice(0, 3).map((s) => [s.step, s.done, s.source])).toEqual([
      ['leader_strengths', true, 'data'],
      ['satellite_needs', true, 'data'],
      ['roadmap', true, 'data'],
    ]);
    const alliance = await pathOf(KALININGRAD);
    expect(alliance).toMatchObject({ template: 'light', gated: false, completed: 4, launchedAt: null });
    // The association's coordinator added the council to its light path; the change is on record.
    const association = await pathOf(TYUMEN);
    expect(association).toMatchObject({ template: 'light', adapted: true, revision: 1 });
    expect(association.steps.map((s) => s.step)).toEqual(['members', 'council', 'inventory', 'plan', 'information']);
    expect(association.steps[1]).toMatchObject({ done: true, source: 'data' });
  });

  it('lets the Tyumen association’s council of 5 organisations of 24 members pass a vote, by attendance at its meeting', async () => {
    const tyumen = networkId(TYUMEN);
    expect(await activeMemberIds(handle.db, tyumen)).toHaveLength(24);
    const [network] = await handle.db.select().from(networks).where(eq(networks.id, tyumen));
    expect(network).toMatchObject({ quorumBasis: 'attendance', chairCastingVote: true, admission: 'council', exchangesVisibleToCouncil: true });
    const [meeting] = await handle.db.select().from(meetings).where(eq(meetings.networkId, tyumen));
    expect(meeting.state).toBe('held');
    const [decision] = await handle.db.select().from(decisions).where(eq(decisions.meetingId, meeting.id));
    expect(decision).toMatchObject({ state: 'adopted', result: { eligible: 5, present: 4, voted: 4, for: 3, abstain: 1, quorum: true } });
  });

  it('records resources and needs for every active member of the launched network, which proves its inventory step', async () => {
    expect(counts.offers).toBeGreaterThan(80);
    expect(counts.needs).toBeGreaterThan(40);
    const members = await activeMemberIds(handle.db, networkId(KALININGRAD));
    expect(members).toHaveLength(8);
    const withOffers = await handle.db.selectDistinct({ id: resourceOffers.organizationId }).from(resourceOffers).where(inArray(resourceOffers.organizationId, members));
    const withNeeds = await handle.db.selectDistinct({ id: resourceNeeds.organizationId }).from(resourceNeeds).where(inArray(resourceNeeds.organizationId, members));
    expect(new Set([...withOffers, ...withNeeds].map((r) => r.id))).toEqual(new Set(members));

    const stepOf = async (name: string) => {
      const [network] = await handle.db.select().from(networks).where(eq(networks.id, networkId(name)));
      return (await computeLaunchPath(handle.db, network)).steps.find((s) => s.step === 'inventory');
    };
    expect(await stepOf(KALININGRAD)).toMatchObject({ done: true, source: 'data' });
    // The district still signing its documents is midway: one member has not described its resources yet.
    expect(await stepOf(PAVLOVSK)).toMatchObject({ done: false, detail: 'Ресурсы и потребности описали 5 из 6 участников' });
  });

  it('suggests the nearby leader school for the satellites’ needs, and leaves real deficits uncovered', async () => {
    const options = { maxDistanceKm: 50, sameNetworkOnly: false, limit: 5 };
    const poreche = await suggestOffers(operator, (await needOf('rst-school-poreche', 'Методическая поддержка учителей математики')).id, options);
    expect(poreche.suggestions[0]).toMatchObject({
      organization: { id: idOf('rst-gymnasium-kekin') },
      offer: { title: 'Стажировки учителей математики и русского языка в гимназии' },
    });
    expect(poreche.suggestions[0].distanceKm).toBeLessThan(15);
    expect(poreche.suggestions[0].explanation.join(' ')).toContain('математика');
    for (const [satellite, title] of [
      ['rst-school-poreche', 'Учитель физики хотя бы на 8 часов в неделю'],
      ['rst-school-ugodichi', 'Работа с разноуровневым и малокомплектным классом'],
      ['rst-school-petrovskoe', 'Консультации по подготовке девятиклассников к ОГЭ по русскому языку'],
    ]) {
      const { suggestions } = await suggestOffers(operator, (await needOf(satellite, title)).id, options);
      expect(suggestions[0]?.organization.id, title).toBe(idOf('rst-gymnasium-kekin'));
    }

    // Nobody within reach has an English teacher to spare for a small village school.
    const english = await needOf('rst-school-ugodichi', 'Учитель английского для 2–9 классов');
    expect((await suggestOffers(operator, english.id, options)).suggestions).toEqual([]);
    const picture = await getNetworkExchangePicture(operator, networkId(ROSTOV), 50);
    const deficits = picture.needs.filter((n) => !n.covered).map((n) => n.need.title);
    expect(deficits).toEqual(expect.arrayContaining(['Учитель английского для 2–9 классов', 'Транспорт для поездок учеников на события партнёрства']));
    expect(picture.totals.coveredNeeds).toBeGreaterThan(picture.totals.uncoveredNeeds);
  });

  it('has exchanges at each step: awaiting the owner, countered, accepted with a half-signed agreement in the plan, completed', async () => {
    const rows = await handle.db
      .select({ exchange: resourceExchanges, offer: resourceOffers.title })
      .from(resourceExchanges)
      .innerJoin(resourceOffers, eq(resourceOffers.id, resourceExchanges.offerId));
    const byOffer = new Map(rows.map((r) => [r.offer, r.exchange]));
    expect(byOffer.get('Учитель русского языка: консультации по подготовке к ОГЭ')).toMatchObject({ state: 'requested', awaiting: 'provider', requesterOrganizationId: idOf('rst-school-petrovskoe') });
    expect(byOffer.get('Бассейн и зал лечебной физкультуры')).toMatchObject({ state: 'countered', awaiting: 'requester', conditions: 'exchange' });
    expect(byOffer.get('Физкультминутки и режим работы за компьютером: материалы для учителей')).toMatchObject({ state: 'completed', awaiting: null });

    const accepted = byOffer.get('3D-принтеры и лазерный станок для проектов школьников')!;
    expect(accepted).toMatchObject({ state: 'accepted', networkId: networkId(KALININGRAD) });
    expect(accepted.planItemId).not.toBeNull();
    const [agreement] = await handle.db.select().from(networkDocuments).where(eq(networkDocuments.id, accepted.agreementDocumentId!));
    expect(agreement).toMatchObject({ kind: 'resource_exchange', state: 'signing' });
    const signatures = await handle.db.select().from(documentSignatures).where(eq(documentSignatures.documentId, agreement.id));
    expect(signatures.map((s) => s.organizationId)).toEqual([idOf('kld-citt')]);

    expect((await getNetworkExchangePicture(operator, networkId(TYUMEN), 50)).totals.exchanges).toEqual({ requested: 2, accepted: 1, completed: 1 });
  });

  it('enrols the demo family: Дарья’s Thursday classes clash, Артём waits for 3D modelling, the lyceum sees her certificate', async () => {
    expect(counts).toMatchObject({ programmes: 13, children: 59 });
    const [guardianUser] = await handle.db.select().from(users).where(eq(users.email, 'guardian@orbita.demo'));
    const guardian: CommandContext = { db: handle.db, actor: await loadActor(handle.db, guardianUser), ip: 'test' };
    const [darya] = await handle.db.select().from(children).where(eq(children.fullName, 'Кузнецова Дарья Сергеевна'));
    const path = await getLearningPath(guardian, darya.id);
    expect(path.clashes).toHaveLength(1);
    expect(path.clashes[0]).toMatchObject({ weekday: 4, startMinute: 15 * 60, endMinute: 15 * 60 + 15 });

    const [modelling] = await handle.db.select().from(programmes).where(eq(programmes.title, '3D-моделирование и прототипирование'));
    expect(modelling).toMatchObject({ capacity: 2, seatsTaken: 2 });
    const citt: CommandContext = { db: handle.db, actor: await loadActor(handle.db, (await handle.db.select().from(users).where(eq(users.email, 'head.kld-citt@orbita.demo')))[0]), ip: 'test' };
    const roster = await listProgrammeEnrolments(citt, modelling.id);
    expect(roster.waitlist.map((r) => r.child.fullName)[1]).toBe('Кузнецов Артём Сергеевич');

    const [directorUser] = await handle.db.select().from(users).where(eq(users.email, 'director@orbita.demo'));
    const director: CommandContext = { db: handle.db, actor: await loadActor(handle.db, directorUser), ip: 'test' };
    const progress = await listStudentsProgress(director, idOf('kld-lyceum-23'));
    const hers = progress.items.find((s) => s.child.id === darya.id)!;
    expect(hers.programmes.find((p) => p.result === 'certificate')).toBeTruthy();
  });

  it('shows people arriving by invitation: the director’s teachers, links waiting and expired, a deactivated account, two places for one person', async () => {
    const contextOf = async (email: string): Promise<CommandContext> => {
      const [user] = await handle.db.select().from(users).where(eq(users.email, email));
      return { db: handle.db, actor: await loadActor(handle.db, user), ip: 'test' };
    };
    const all = (await listInvitations(operator, { pageSize: 100 })).items;
    const stateOf = new Map(all.map((i) => [i.email, i]));
    expect(all.filter((i) => i.state === 'pending').map((i) => i.email).sort()).toEqual(
      ['authority.yaroslavl@orbita.demo', 'director25@orbita.demo', 'frolova@orbita.demo', 'teacher.english@orbita.demo'],
    );
    expect(all.filter((i) => i.state === 'expired').map((i) => i.email).sort()).toEqual(['kindergarten47@orbita.demo', 'zakharova@orbita.demo']);
    expect(stateOf.get('teacher.english@orbita.demo')).toMatchObject({ ageDays: 3, invitedBy: { fullName: 'Воронцова Татьяна Михайловна' } });
    // Expired two days ago and sent again yesterday with a new link.
    expect(stateOf.get('frolova@orbita.demo')).toMatchObject({ state: 'pending', sendCount: 2, ageDays: 16 });

    // The director sees her two new teachers, the one who left (switched off) and the invitation still waiting.
    const lyceum = await listStaff(await contextOf('director@orbita.demo'), idOf('kld-lyceum-23'));
    const teachers = lyceum.members.filter((m) => m.roles.includes('teacher'));
    expect(teachers.map((m) => m.email).sort()).toEqual(['former.teacher@orbita.demo', 'teacher.history@orbita.demo', 'teacher.physics@orbita.demo', 'teacher@orbita.demo']);
    expect(lyceum.invitations.map((i) => i.email)).toEqual(['teacher.english@orbita.demo']);
    const former = teachers.find((m) => m.email === 'former.teacher@orbita.demo')!;
    expect(former.disabledReason).toContain('Уволился');
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, former.id))).toEqual([]);
    const [physics] = await handle.db.select().from(users).where(eq(users.email, 'teacher.physics@orbita.demo'));
    expect(await verifyPassword(physics.passwordHash, 'orbita-demo-2026')).toBe(true);

    // One account, several places: a teacher of two lyceums; a head who is also an expert; an authority the operator invited.
    const teacher = (await contextOf('teacher@orbita.demo')).actor!;
    expect(teacher.memberships.map((m) => m.organizationId).sort()).toEqual([idOf('kld-lyceum-23'), idOf('kld-lyceum-49')].sort());
    const director31 = (await contextOf('director31@orbita.demo')).actor!;
    expect(director31).toMatchObject({ platformRoles: ['expert'], memberships: [{ organizationId: idOf('nvch-school-31'), role: 'org_admin' }] });
    const novocherkassk = await presentPerson(handle.db, (await contextOf('authority.novocherkassk@orbita.demo')).actor!.userId);
    expect(novocherkassk).toMatchObject({ platformRoles: ['authority'], municipality: { name: 'г. Новочеркасск' } });

    // Without a mail server every invitation letter waits in the outbox; each names the term its invitation has.
    const letters = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'invitation'));
    // …and two invitations to council seats of school No. 31's network, which are the council's, not in the people lists.
    expect(letters).toHaveLength(all.length + 1 + 2);
    expect(letters.every((l) => l.sentAt === null)).toBe(true);
    const english = letters.find((l) => l.toAddress === 'teacher.english@orbita.demo')!;
    expect(english.textBody).toMatch(/\/invitation\/[A-Za-z0-9_-]{43}/);
    expect(Math.round((Date.now() - english.createdAt.getTime()) / (24 * 3600_000))).toBe(3);
    const until = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: 'Europe/Moscow' }).format(stateOf.get('teacher.english@orbita.demo')!.expiresAt);
    expect(english.textBody).toContain(`действует до ${until}`);
  });
  it('elects the Altai council of directors and seats a parent and a pupil on school No. 31\'s council', async () => {
    const contextOf = async (email: string): Promise<CommandContext> => {
      const [user] = await handle.db.select().from(users).where(eq(users.email, email));
      return { db: handle.db, actor: await loadActor(handle.db, user), ip: 'test' };
    };
    const pavlovsk = networkId(PAVLOVSK);
    const elections = await listElections(operator, pavlovsk);
    expect(elections.items).toHaveLength(1);
    const [election] = elections.items;
    expect(election).toMatchObject({ state: 'closed', seats: 5, result: { outcome: 'elected', quorum: true, voted: 6, vacant: 0 } });
    expect(election.minutes).toContain('Протокол выборов координационного совета сети «Павловский школьный образовательный округ»');
    const council = await getCouncil(operator, pavlovsk);
    expect(council.members).toHaveLength(5);
    expect(council.members.every((m) => m.elected && m.electionId === election.id)).toBe(true);
    expect(council.state).toMatchObject({ formed: true });
    expect(council.members.map((m) => m.role).slice(0, 2)).toEqual(['chair', 'secretary']);

    const nvch = networkId('Сеть социальных партнёров МБОУ СОШ № 31 г. Новочеркасска');
    const seated = (await getCouncil(operator, nvch)).members;
    expect(seated.find((m) => m.kind === 'parent')).toMatchObject({ fullName: 'Литвинова Елена Сергеевна', hasAccount: true, voting: true, organizationId: null });
    expect(seated.find((m) => m.kind === 'pupil')).toMatchObject({ fullName: 'Маргарита Ж.', hasAccount: false, voting: false, position: '' });
    expect(seated.find((m) => m.kind === 'enterprise')).toMatchObject({ hasAccount: false, invitation: { state: 'pending', email: 'nevz.council@orbita.demo' } });
    // The parent's account holds no role: a seat, not a job.
    const parent = (await contextOf('parent31@orbita.demo')).actor!;
    expect(parent).toMatchObject({ platformRoles: [], memberships: [] });
    expect((await getCouncil(await contextOf('parent31@orbita.demo'), nvch)).members.find((m) => m.kind === 'parent')!.isYou).toBe(true);
    // Whoever only sees the public network sees that a pupil holds a seat, not which child.
    expect((await getCouncil({ db: handle.db, actor: null, ip: 'test' }, nvch)).members.find((m) => m.kind === 'pupil')!.fullName).toBe('Представитель обучающихся');
  });
  it('fills the library of practices: published ones for everyone (found by a misspelt word), the submitted and the draft only for their schools', async () => {
    expect(counts).toMatchObject({ practices: 6 });
    const anonymous = { db: handle.db, actor: null, ip: 'test' };
    const library = await listPractices(anonymous, practiceListQuery.parse({}));
    expect(library.total).toBe(4);
    const typo = await listPractices(anonymous, practiceListQuery.parse({ q: 'сателиты' }));
    expect(typo.items[0]?.title).toContain('школы-сателлиты');
    const [director] = await handle.db.select().from(users).where(eq(users.email, 'director.rostov@orbita.demo'));
    const mine = await listPractices({ db: handle.db, actor: await loadActor(handle.db, director), ip: 'test' }, practiceListQuery.parse({ scope: 'mine' }));
    expect(mine.items.map((i) => i.title)).toEqual(['Школа-лидер и школы-сателлиты: стажировки, совместные уроки и консультации']);
  });

  it('records who adopts the practices: the Kekin gymnasium’s satellites show on the Rostov partnership’s page', async () => {
    expect(counts).toMatchObject({ adoptions: 5 });
    const anonymous = { db: handle.db, actor: null, ip: 'test' };
    const [partnership] = await handle.db.select().from(networks).where(eq(networks.name, 'Партнёрство гимназии им. А.Л. Кекина со школами-спутниками'));
    const { transfers } = await listNetworkTransfers(anonymous, partnership.id);
    expect(transfers).toHaveLength(2);
    expect(transfers.every((t) => t.from.shortName.includes('Кекин'))).toBe(true);
    const practiceId = transfers[0].practice.id;
    const card = await listPracticeAdoptions(anonymous, practiceId);
    expect(card.adoptions.map((a) => a.state).sort()).toEqual(['adopting', 'results_recorded']);
  });
});
