import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Actor, CommandContext } from '../platform/context';
import { createUser } from '../modules/accounts/create-user';
import { loadActor } from '../modules/accounts/sessions';
import { assignEventSpeaker } from '../modules/events/assign-event-speaker';
import { approveRegistration } from '../modules/events/decide-registration';
import { finishEvent, publishEvent } from '../modules/events/change-event-state';
import { createEvent } from '../modules/events/create-event';
import { eventCreation } from '../modules/events/event-fields';
import { registerForEvent } from '../modules/events/register-for-event';
import { registerGroup } from '../modules/events/register-group';
import { users } from '../modules/accounts/schema';
import { organizations } from '../modules/organizations/schema';
import { childConsents, children } from '../modules/families/schema';
import { planItems, plans } from '../modules/plans/schema';
import type { DemoHeads } from './demo-heads';

const DAY = 24 * 60 * 60 * 1000;
/** A moment `days` from `now` at `clock` Moscow-ish time (the demo regions' offsets differ; +03:00 reads well everywhere). */
function at(now: Date, days: number, clock: string): string {
  const day = new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
  return `${day}T${clock}:00+03:00`;
}

interface DemoPerson {
  email: string;
  fullName: string;
  organization: string;
}

/** Teachers of the Kekin partnership's satellite schools, who come to the gymnasium's internship. */
const satelliteTeachers: DemoPerson[] = [
  { email: 'math.poreche@orbita.demo', fullName: 'Смирнова Галина Викторовна', organization: 'rst-school-poreche' },
  { email: 'math2.poreche@orbita.demo', fullName: 'Крылов Денис Олегович', organization: 'rst-school-poreche' },
  { email: 'math.ugodichi@orbita.demo', fullName: 'Белова Наталья Ивановна', organization: 'rst-school-ugodichi' },
  { email: 'math2.ugodichi@orbita.demo', fullName: 'Орлова Марина Петровна', organization: 'rst-school-ugodichi' },
  { email: 'math.petrovskoe@orbita.demo', fullName: 'Зайцев Игорь Николаевич', organization: 'rst-school-petrovskoe' },
  { email: 'math2.petrovskoe@orbita.demo', fullName: 'Лебедева Ольга Андреевна', organization: 'rst-school-petrovskoe' },
  { email: 'math3.petrovskoe@orbita.demo', fullName: 'Соколова Вера Михайловна', organization: 'rst-school-petrovskoe' },
  { email: 'primary.poreche@orbita.demo', fullName: 'Павлова Ирина Сергеевна', organization: 'rst-school-poreche' },
  { email: 'primary.ugodichi@orbita.demo', fullName: 'Фёдорова Анна Викторовна', organization: 'rst-school-ugodichi' },
];

/** A demo account as an actor. */
async function actorByEmail(db: CommandContext['db'], email: string): Promise<Actor> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return loadActor(db, user);
}

/** The plan item of a network's plan by its activity, so an event names what it fulfils. */
async function planItemId(db: CommandContext['db'], networkId: string | undefined, activity: string): Promise<string | null> {
  if (!networkId) return null;
  const [item] = await db
    .select({ id: planItems.id })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(and(eq(plans.networkId, networkId), eq(planItems.activity, activity)))
    .limit(1);
  return item?.id ?? null;
}

/**
 * The seeds' events at different stages, through the events commands as their organisers and participants:
 * - the Altai heads' seminar of the Pavlovsk district (seed 001: «научно-методические семинары»), held three weeks
 *   ago — the district's heads registered, the base school marked it held (attendance, materials and certificates
 *   are the check-in and materials areas');
 * - the Kekin gymnasium's internship for mathematics teachers of its satellite schools (seed 002), open, with two
 *   sections: one full with a waitlist, the other with one seat left;
 * - the Novocherkassk school No. 31's conference «В науке первые шаги» with its sections (seed 003), registration
 *   open, a group of the school's students registered;
 * - a master class of the Tyumen association's centre of informatisation (seed 004) that takes requests for the
 *   organiser's approval, two of them waiting;
 * - the Kaliningrad alliance's open seminar with NGOs (seed 000), where guardian@ registered herself and Darya.
 */
export async function seedDemoEvents(db: CommandContext['db'], heads: DemoHeads, networkIds: Map<string, string>, password: string): Promise<Record<string, string>> {
  const now = new Date();
  const as = async (key: string, when?: Date): Promise<CommandContext> => ({ db, actor: await heads.headOf(key), ip: 'seed', ...(when ? { now: when } : {}) });
  // An in-person event is held at its organiser's: its point on the map is the organiser's own.
  const pointOf = async (organizer: string) => {
    const [place] = await db.select({ lat: organizations.lat, lon: organizations.lon }).from(organizations).where(eq(organizations.id, heads.id(organizer)));
    return place ?? { lat: null, lon: null };
  };
  const create = async (organizer: string, fields: Record<string, unknown>, when?: Date) => {
    const context = await as(organizer, when);
    const point = fields.format === 'online' ? {} : await pointOf(organizer);
    const draft = await createEvent(context, eventCreation.parse({ ...point, ...fields, organizationId: heads.id(organizer) }));
    return publishEvent(context, draft.id, draft.version);
  };
  const register = (actor: Actor, eventId: string, input: { childId?: string; sessionId?: string; waitlist?: boolean } = {}, when?: Date) =>
    registerForEvent({ db, actor, ip: 'seed', ...(when ? { now: when } : {}) }, eventId, input, randomUUID());
  // Speakers: a person with an account (a certificate of a speaker follows) or a guest named only.
  const speak = async (organizer: string, eventId: string, sessionId: string, who: { userId: string } | { name: string }) =>
    assignEventSpeaker(await as(organizer), eventId, { sessionId, ...who });
  const ids: Record<string, string> = {};

  // Altai: held three weeks ago, announced a month before.
  const announced = new Date(now.getTime() - 35 * DAY);
  const pvl = networkIds.get('pvl-district');
  const seminar = await create(
    'pvl-school-1',
    {
      kind: 'seminar',
      title: 'Семинар руководителей школ округа «Сетевое взаимодействие: от договора к совместным событиям»',
      description:
        'Научно-методический семинар для директоров школ Павловского образовательного округа: опыт базовой школы, совместное использование ресурсов, план совместных образовательных событий на полугодие.',
      audiences: ['heads'],
      format: 'in_person',
      address: 'Алтайский край, с. Павловск, ул. Пионерская, 2, Павловская СОШ № 1',
      startsAt: at(now, -21, '10:00'),
      endsAt: at(now, -21, '15:00'),
      capacity: 30,
      networkId: pvl ?? null,
      sessions: [
        { title: 'Базовая школа округа: что мы можем дать друг другу', startsAt: at(now, -21, '10:00'), endsAt: at(now, -21, '11:30') },
        { title: 'Совместный план образовательных событий', startsAt: at(now, -21, '12:00'), endsAt: at(now, -21, '15:00') },
      ],
    },
    announced,
  );
  ids['pvl-heads-seminar'] = seminar.id;
  await speak('pvl-school-1', seminar.id, seminar.sessions[0].id, { userId: (await heads.headOf('pvl-school-1')).userId });
  await speak('pvl-school-1', seminar.id, seminar.sessions[1].id, { name: 'Гусева Елена Павловна, методист комитета по образованию' });
  for (const school of ['pvl-school-prutskaya', 'pvl-school-shakhi', 'pvl-school-kolyvanskaya', 'pvl-school-novye-zori', 'pvl-children-house']) {
    await register(await heads.headOf(school), seminar.id, {}, new Date(announced.getTime() + DAY));
  }
  await finishEvent(await as('pvl-school-1'), seminar.id, seminar.version);

  // Yaroslavl: the Kekin gymnasium's internship, two sections; algebra full with a waitlist, geometry with a seat left.
  const rst = networkIds.get('rst-partnership');
  const internship = await create('rst-gymnasium-kekin', {
    kind: 'internship',
    title: 'Стажировка учителей математики школ-спутников в гимназии им. А.Л. Кекина',
    description:
      'Три дня в гимназии: посещение уроков, разбор заданий ОГЭ и ЕГЭ с учителями гимназии, совместное планирование уроков. Для учителей математики школ-спутников партнёрства.',
    audiences: ['teachers'],
    format: 'in_person',
    address: 'Ярославская обл., г. Ростов, ул. Ленинская, 19, гимназия им. А.Л. Кекина',
    startsAt: at(now, 12, '09:00'),
    endsAt: at(now, 14, '16:00'),
    capacity: 8,
    networkId: rst ?? null,
    planItemId: await planItemId(db, rst, 'Стажировки учителей математики в гимназии'),
    sessions: [
      { isSection: true, title: 'Алгебра и начала анализа: подготовка к ЕГЭ', capacity: 4 },
      { isSection: true, title: 'Геометрия в 7–9 классах: задачи ОГЭ', capacity: 4 },
    ],
  });
  ids['rst-internship'] = internship.id;
  const [algebra, geometry] = internship.sessions;
  await speak('rst-gymnasium-kekin', internship.id, algebra.id, { name: 'Учителя математики гимназии' });
  await speak('rst-gymnasium-kekin', internship.id, geometry.id, { name: 'Учителя математики гимназии' });
  const teachers: Actor[] = [];
  for (const person of satelliteTeachers) {
    const user = await createUser(
      { db, actor: null, ip: 'seed' },
      { email: person.email, password, fullName: person.fullName, platformRoles: [], municipalityId: null, memberships: [{ organizationId: heads.id(person.organization), role: 'teacher' }] },
    );
    teachers.push(await loadActor(db, user));
  }
  for (const [i, teacher] of teachers.entries()) {
    // Six ask for algebra (four seats: two wait), three for geometry (one seat stays free).
    await register(teacher, internship.id, { sessionId: i < 6 ? algebra.id : geometry.id, waitlist: true });
  }

  // Novocherkassk: «В науке первые шаги», the school's annual conference with its nominations as sections.
  const nvch = networkIds.get('nvch-partners');
  const conference = await create('nvch-school-31', {
    kind: 'conference',
    title: 'Научно-практическая конференция «В науке первые шаги»',
    description:
      'Ежегодная школьная конференция проектно-исследовательских работ учащихся 1–11 классов. Работы оценивают педагоги школы и партнёры сети: политехнический университет, библиотека им. А.П. Чехова, музей истории донского казачества.',
    audiences: ['students', 'teachers', 'parents'],
    gradeFrom: 1,
    gradeTo: 11,
    format: 'in_person',
    address: 'Ростовская обл., г. Новочеркасск, МБОУ СОШ № 31',
    startsAt: at(now, 24, '10:00'),
    endsAt: at(now, 24, '16:00'),
    capacity: 150,
    registrationClosesAt: at(now, 20, '18:00'),
    networkId: nvch ?? null,
    sessions: [
      { isSection: true, title: 'Исследовательский проект', capacity: 40 },
      { isSection: true, title: 'Социальный проект', capacity: 30 },
      { isSection: true, title: 'Творческий проект', capacity: 30 },
      { isSection: true, title: 'Летопись родного края. Родословие', capacity: 25 },
    ],
  });
  ids['nvch-conference'] = conference.id;
  await speak('nvch-school-31', conference.id, conference.sessions[3].id, { name: 'Сотрудники музея истории донского казачества' });
  for (const partner of ['nvch-polytech', 'nvch-library-chekhov']) await register(await heads.headOf(partner), conference.id, { sessionId: conference.sessions[0].id });
  // A group of the school's students the school has confirmed and whose parents consented.
  const pupils = await db
    .selectDistinct({ id: children.id })
    .from(children)
    .innerJoin(childConsents, and(eq(childConsents.childId, children.id), isNull(childConsents.withdrawnAt)))
    .where(and(eq(children.homeSchoolId, heads.id('nvch-school-31')), isNotNull(children.homeSchoolConfirmedAt)))
    .limit(6);
  if (pupils.length) {
    await registerGroup(await as('nvch-school-31'), conference.id, { organizationId: heads.id('nvch-school-31'), childIds: pupils.map((p) => p.id), sessionId: conference.sessions[3].id }, randomUUID());
  }

  // Tyumen: a master class of the centre of informatisation, by approval; one approved, two waiting.
  const tmn = networkIds.get('tmn-association');
  const masterClass = await create('tmn-school-88', {
    kind: 'master_class',
    title: 'Мастер-класс центра информатизации «Цифровые инструменты учителя: тесты, трекеры, обратная связь»',
    description: 'Практическое занятие сетевого инновационного центра информатизации образования школы № 88 для учителей школ ассоциации. Можно прийти или подключиться онлайн.',
    audiences: ['teachers'],
    format: 'mixed',
    address: 'г. Тюмень, ул. Чаплина, 113, МАОУ СОШ № 88',
    onlineUrl: 'https://vk.com/call/join/orbita-demo-tmn-88',
    startsAt: at(now, 9, '15:00'),
    endsAt: at(now, 9, '17:00'),
    capacity: 25,
    approvalRequired: true,
    networkId: tmn ?? null,
    planItemId: await planItemId(db, tmn, 'Центр информатизации образования: курсы для учителей'),
  });
  ids['tmn-master-class'] = masterClass.id;
  const requests = [];
  for (const school of ['tmn-school-90', 'tmn-gymnasium-49', 'tmn-school-7']) requests.push((await register(await heads.headOf(school), masterClass.id)).registration);
  await approveRegistration(await as('tmn-school-88'), requests[0].id, { version: requests[0].version });

  // Kaliningrad: the alliance's open seminar with NGOs; the demo guardian and Darya are registered, the director too.
  const kld = networkIds.get('kld-alliance');
  const open = await create('kld-citt', {
    kind: 'seminar',
    title: 'Открытый семинар «Школа и общественные организации: практики сотрудничества»',
    description: 'Семинар цикла альянса: некоммерческие организации города рассказывают о совместных проектах со школами, старшеклассники — о волонтёрских проектах. Приглашаются педагоги, родители и школьники 8–11 классов.',
    audiences: ['teachers', 'parents', 'students'],
    gradeFrom: 8,
    gradeTo: 11,
    format: 'in_person',
    address: 'г. Калининград, ул. Комсомольская, 17, ЦИТТ',
    startsAt: at(now, 16, '16:00'),
    endsAt: at(now, 16, '18:30'),
    capacity: 60,
    networkId: kld ?? null,
    planItemId: await planItemId(db, kld, 'Цикл семинаров «Школа и общественные организации: практики сотрудничества»'),
  });
  ids['kld-open-seminar'] = open.id;
  const guardian = await actorByEmail(db, 'guardian@orbita.demo');
  await register(guardian, open.id);
  const darya = await db.select({ id: children.id }).from(children).where(and(eq(children.guardianUserId, guardian.userId), eq(children.fullName, 'Кузнецова Дарья Сергеевна')));
  if (darya[0]) await register(guardian, open.id, { childId: darya[0].id });
  await register(await actorByEmail(db, 'director@orbita.demo'), open.id);
  return ids;
}
