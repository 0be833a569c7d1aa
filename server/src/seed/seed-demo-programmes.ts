import type { CommandContext } from '../platform/context';
import { createProgramme } from '../modules/programmes/create-programme';
import { foreignNetworkIds } from '../modules/programmes/programme-access';
import { programmeCreation } from '../modules/programmes/programme-fields';
import { publishProgramme } from '../modules/programmes/publish-programme';
import type { DemoHeads } from './demo-heads';

const YEAR = { startsOn: '2026-09-01', endsOn: '2027-05-31' };
/** «15:00» → minutes from midnight, so the classes below read as a timetable. */
const at = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const weekly = (weekday: number, from: string, to: string) => ({ weekday, startMinute: at(from), endMinute: at(to) });

interface DemoProgramme {
  /** Organisation key of the provider (demo-region.ts); its head creates and publishes the programme. */
  provider: string;
  /** A partner's facility where classes take place, when not at the provider. */
  venue?: string;
  /** Network keys (demo-networks.ts); kept only where the provider is an active member once the networks are seeded. */
  networks?: string[];
  fields: Record<string, unknown>;
}

/**
 * Programmes the seed documents' organisations offer: robotics and 3D modelling at the Kaliningrad
 * centre of informatisation and technical creativity (ЦИТТ), the Novocherkassk school No. 31's course in
 * project activity (taught there since 2011 in the 5th grades), the Tyumen association's centre for gifted
 * children, profile courses and electives of member schools. One is nearly full (two seats), one is
 * allocated by a preference campaign.
 */
export const demoProgrammes: Record<string, DemoProgramme> = {
  'kld-robotics': {
    provider: 'kld-citt',
    networks: ['kld-alliance'],
    fields: {
      kind: 'supplementary', direction: 'technical', title: 'Робототехника: от конструктора к соревнованиям',
      description: 'Собираем и программируем роботов на конструкторах LEGO Education и Arduino, готовимся к региональным соревнованиям по робототехнике. Занятия в лаборатории ЦИТТ для школьников всех школ альянса.',
      requirements: 'Интерес к технике; опыт не нужен.', teacherName: 'Гришин Павел Андреевич',
      gradeFrom: 5, gradeTo: 9, capacity: 24, ...YEAR, slots: [weekly(2, '15:00', '16:30'), weekly(4, '15:00', '16:30')],
    },
  },
  'kld-3d': {
    provider: 'kld-citt',
    networks: ['kld-alliance'],
    fields: {
      kind: 'supplementary', direction: 'technical', title: '3D-моделирование и прототипирование',
      description: 'Моделирование в КОМПАС-3D и печать деталей для инженерных проектов. Малая группа: в мастерской два 3D-принтера.',
      requirements: 'Уверенное владение компьютером.', teacherName: 'Гришин Павел Андреевич',
      gradeFrom: 7, gradeTo: 11, capacity: 2, ...YEAR, slots: [weekly(5, '16:00', '17:30')],
    },
  },
  'kld-engineering-physics': {
    provider: 'kld-lyceum-23',
    networks: ['kld-alliance'],
    fields: {
      kind: 'profile_course', direction: 'natural_science', title: 'Инженерная физика (профильный курс)',
      description: 'Профильный курс для 10–11 классов: механика, электричество, лабораторный практикум. Открыт для учеников школ альянса.',
      requirements: 'Отметка по физике не ниже «4».', teacherName: 'Миронова Анна Игоревна',
      gradeFrom: 10, gradeTo: 11, capacity: 25, ...YEAR, slots: [weekly(1, '15:10', '16:40'), weekly(3, '15:10', '16:40')],
    },
  },
  'kld-finance': {
    provider: 'kld-lyceum-49',
    networks: ['kld-alliance'],
    fields: {
      kind: 'elective', direction: 'social', title: 'Финансовая грамотность',
      description: 'Элективный курс: личный бюджет, банки и вклады, защита от мошенников. Деловые игры и разбор реальных случаев.',
      teacherName: 'Орлова Светлана Викторовна', gradeFrom: 8, gradeTo: 9, capacity: 20, ...YEAR, slots: [weekly(4, '14:30', '15:15')],
    },
  },
  'kld-coast-ecology': {
    provider: 'kld-school-39',
    venue: 'kld-ngo-gid',
    networks: ['kld-alliance'],
    fields: {
      kind: 'extracurricular', direction: 'tourism', title: 'Экологический практикум «Чистый берег»',
      description: 'Выходы на побережье с экологической группой «ГИД»: наблюдения, пробы воды, уборка пляжей, итоговый проект.',
      requirements: 'Согласие родителей на выезды.', teacherName: 'Седова Марина Юрьевна',
      gradeFrom: 7, gradeTo: 10, capacity: 15, startsOn: '2026-09-01', endsOn: '2026-10-31', slots: [weekly(6, '10:00', '13:00')],
    },
  },
  'nvch-projects': {
    provider: 'nvch-school-31',
    networks: ['nvch-partners'],
    fields: {
      kind: 'extracurricular', direction: 'social', title: 'Основы проектной деятельности',
      description: 'Кружок, который работает в школе № 31 с 2012 года: ученики выбирают тему, ставят цель, собирают данные и защищают проект на городской конференции.',
      teacherName: 'Баштанник Н.', gradeFrom: 5, gradeTo: 7, capacity: 20, ...YEAR, slots: [weekly(3, '14:00', '15:30')],
    },
  },
  'nvch-cossack-history': {
    provider: 'nvch-school-31',
    venue: 'nvch-museum-cossacks',
    networks: ['nvch-partners'],
    fields: {
      kind: 'extracurricular', direction: 'tourism', title: 'Исследовательские проекты по истории донского казачества',
      description: 'Занятия в Музее истории донского казачества: работа с экспонатами и архивом, экскурсии, исследовательская работа на конкурс.',
      teacherName: 'Рыбалко Елена Николаевна', gradeFrom: 8, gradeTo: 11, capacity: 12, ...YEAR, slots: [weekly(5, '15:00', '16:30')],
    },
  },
  'nvch-tech-modelling': {
    provider: 'nvch-tech-centre-2',
    fields: {
      kind: 'supplementary', direction: 'technical', title: 'Начальное техническое моделирование',
      description: 'Модели машин, самолётов и кораблей из бумаги, картона и дерева; первые соревнования моделистов.',
      teacherName: 'Кравченко Олег Петрович', ageFrom: 7, ageTo: 11, capacity: 15, ...YEAR, slots: [weekly(2, '16:00', '17:30'), weekly(5, '16:00', '17:30')],
    },
  },
  'tmn-olympiad-maths': {
    provider: 'tmn-gymnasium-49',
    networks: ['tmn-association'],
    fields: {
      kind: 'supplementary', direction: 'natural_science', title: 'Олимпиадная математика (центр работы с одарёнными детьми)',
      description: 'Программа сетевого центра ассоциации для одарённых детей: олимпиадные задачи, командные турниры, подготовка к городской олимпиаде. Места распределяются по заявлениям с учётом приоритетов.',
      requirements: 'Участие в школьном этапе олимпиады по математике.', teacherName: 'Захаров Игорь Валентинович',
      gradeFrom: 6, gradeTo: 9, capacity: 20, enrolmentMode: 'campaign', ...YEAR, slots: [weekly(6, '11:00', '13:00')],
    },
  },
  'tmn-oil-gas': {
    provider: 'tmn-tech-lyceum',
    venue: 'tmn-university',
    networks: ['tmn-association'],
    fields: {
      kind: 'profile_course', direction: 'technical', title: 'Инженерная школа: нефтегазовые технологии',
      description: 'Профильный курс технического лицея в лабораториях университета: бурение, добыча, транспорт нефти и газа; проектные работы с преподавателями вуза.',
      teacherName: 'Лукьянов Сергей Михайлович', gradeFrom: 10, gradeTo: 11, capacity: 18, ...YEAR, slots: [weekly(4, '15:00', '17:00')],
    },
  },
  'tmn-art-studio': {
    provider: 'tmn-burkov-house',
    networks: ['tmn-association'],
    fields: {
      kind: 'supplementary', direction: 'arts', title: 'Художественная мастерская «В доме Буркова»',
      description: 'Рисунок, живопись и декоративно-прикладное творчество в центре эстетического воспитания; выставка работ в конце года.',
      teacherName: 'Белоусова Надежда Ивановна', ageFrom: 7, ageTo: 14, capacity: 16, ...YEAR, slots: [weekly(3, '16:00', '17:30'), weekly(6, '12:00', '13:30')],
    },
  },
  'tmn-health-gym': {
    provider: 'tmn-school-90',
    networks: ['tmn-association'],
    fields: {
      kind: 'supplementary', direction: 'sports', title: 'Оздоровительная гимнастика «Крепыш»',
      description: 'Занятия по здоровьесберегающей методике школы «Крепыш»: осанка, дыхание, подвижные игры.',
      teacherName: 'Аксёнова Людмила Павловна', gradeFrom: 1, gradeTo: 4, capacity: 20, ...YEAR, slots: [weekly(1, '13:00', '13:45'), weekly(4, '13:00', '13:45')],
    },
  },
  'tmn-python': {
    provider: 'tmn-school-88',
    networks: ['tmn-association', 'tmn-informatization'],
    fields: {
      kind: 'elective', direction: 'technical', title: 'Программирование на Python',
      description: 'Дистанционный элективный курс сетевого центра информатизации: онлайн-занятия и задачи с автоматической проверкой.',
      teacherName: 'Тарасов Алексей Игоревич', gradeFrom: 8, gradeTo: 9, capacity: 30, format: 'distance', ...YEAR, slots: [weekly(2, '17:00', '18:00')],
    },
  },
};

/**
 * Publishes the demo programmes through the programme commands, each as its provider's head, parsed by
 * the schema the API uses. Call after the networks are seeded (their keys → ids in `networkIds`): a
 * programme is offered only in networks where its provider is already an active member.
 */
export async function seedDemoProgrammes(db: CommandContext['db'], heads: DemoHeads, networkIds: Map<string, string> = new Map()): Promise<{ programmeIds: Record<string, string> }> {
  const programmeIds: Record<string, string> = {};
  for (const [slug, demo] of Object.entries(demoProgrammes)) {
    const head: CommandContext = { db, actor: await heads.headOf(demo.provider), ip: 'seed' };
    const organizationId = heads.id(demo.provider);
    const named = (demo.networks ?? []).flatMap((key) => (networkIds.has(key) ? [networkIds.get(key)!] : []));
    const foreign = new Set(await foreignNetworkIds(db, organizationId, named));
    const input = programmeCreation.parse({
      ...demo.fields,
      organizationId,
      venueOrganizationId: demo.venue ? heads.id(demo.venue) : null,
      networkIds: named.filter((id) => !foreign.has(id)),
    });
    const draft = await createProgramme(head, input);
    const published = await publishProgramme(head, draft.id, draft.version);
    programmeIds[slug] = published.id;
  }
  return { programmeIds };
}
