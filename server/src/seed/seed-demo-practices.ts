import type { CommandContext } from '../platform/context';
import { createPractice } from '../modules/practices/create-practice';
import { type PracticeInput, practiceFields } from '../modules/practices/practice-fields';
import { publishPractice } from '../modules/practices/publish-practice';
import { submitPractice } from '../modules/practices/submit-practice';
import type { DemoHeads } from './demo-heads';

interface DemoPractice {
  /** The organisations' keys, the lead first; the lead's head writes and publishes it. */
  organizations: string[];
  /** published: in the library; submitted: awaiting a decision; draft: still being written. */
  stage: 'published' | 'submitted' | 'draft';
  fields: Omit<PracticeInput, 'organizationIds' | 'authors'> & { authors?: PracticeInput['authors'] };
}

/**
 * The seeds' practices (issue 17): Tyumen's innovation centres at schools No. 88, No. 90 and gymnasium No. 49 (seed
 * 004), the Kaliningrad lyceum's partnership with an NGO (seed 000), the Kekin gymnasium's work with its satellite
 * schools (seed 002) and school No. 31's network projects (seed 003). Directions are the networks' own.
 */
const demoPractices: DemoPractice[] = [
  {
    organizations: ['tmn-school-88'],
    stage: 'published',
    fields: {
      title: 'Городской центр информатизации: цифровые технологии в уроке и в управлении школой',
      direction: 'Информатизация образования',
      levels: ['primary', 'basic', 'secondary', 'management'],
      audiences: ['teachers', 'heads'],
      problem: 'Учителя школ города владеют компьютером, но редко используют цифровые ресурсы на уроке; управление школой ведётся на бумаге.',
      description:
        'На базе школы № 88 работает городской инновационный центр информатизации. Учителя школ ассоциации проходят у нас практикумы по цифровым образовательным ресурсам, готовят уроки с электронными пособиями, а администрация переводит расписание, учёт успеваемости и отчётность в единую информационную систему. Центр ведёт общую базу цифровых ресурсов и консультирует школы по запросу.',
      conditions: [
        { category: 'facilities', text: 'Компьютерный класс на 15 мест и проектор в каждом кабинете, где ведутся уроки' },
        { category: 'staff', text: 'Методист по информатизации и учитель информатики, готовый вести практикумы' },
        { category: 'information', text: 'Доступ к базе цифровых образовательных ресурсов ассоциации' },
      ],
      results: 'За два года 140 учителей из 12 школ прошли практикумы; доля уроков с цифровыми ресурсами в школах-участницах выросла с 9 до 35 %.',
      evidence: 'Отчёт центра информатизации ассоциации за 2024–2025 годы, анкеты учителей',
      tags: ['информатизация', 'цифровые ресурсы', 'ИКТ-компетентность'],
      authors: [{ name: 'Методический совет центра информатизации' }],
    },
  },
  {
    organizations: ['tmn-school-90'],
    stage: 'published',
    fields: {
      title: 'Интегративная модель образовательно-оздоровительной школы «Крепыш»',
      direction: 'Здоровьесберегающее образование',
      levels: ['preschool', 'primary', 'basic'],
      audiences: ['students', 'teachers', 'parents'],
      problem: 'Растёт число детей с хроническими заболеваниями; школьная нагрузка не учитывает здоровье ребёнка.',
      description:
        'Городской центр здоровьесберегающего образования соединяет в одном расписании уроки, оздоровительные процедуры и динамические паузы. Для каждого класса составляется паспорт здоровья, учителя проводят уроки с чередованием поз и видов деятельности, родители участвуют в днях здоровья. Школы ассоциации стажируются у нас и переносят модель по частям.',
      conditions: [
        { category: 'staff', text: 'Медицинский работник и инструктор ЛФК в штате' },
        { category: 'facilities', text: 'Зал для динамических пауз, кабинет здоровья' },
        { category: 'methodical', text: 'Методические рекомендации по урокам со сменой видов деятельности' },
      ],
      results: 'Пропуски по болезни в начальной школе сократились на 27 % за три года; модель переняли четыре школы ассоциации.',
      evidence: 'Данные медицинского кабинета, отчёт федеральной экспериментальной площадки',
      tags: ['здоровьесбережение', 'динамические паузы', 'паспорт здоровья'],
    },
  },
  {
    organizations: ['tmn-gymnasium-49'],
    stage: 'submitted',
    fields: {
      title: 'Сетевые курсы и исследовательские школы для одарённых детей города',
      direction: 'Работа с одарёнными детьми',
      levels: ['basic', 'secondary', 'supplementary'],
      audiences: ['students', 'teachers'],
      problem: 'Одарённые дети из обычных школ не получают олимпиадной подготовки: в каждой школе их слишком мало для отдельной группы.',
      description:
        'Центр развития детской одарённости гимназии № 49 собирает сетевые группы из учеников разных школ: олимпиадная подготовка по субботам, летняя исследовательская школа, дистанционные курсы с наставниками из университета. Школа ученика засчитывает курс как часть учебного плана.',
      conditions: [
        { category: 'staff', text: 'Наставники-олимпиадники и преподаватели университета' },
        { category: 'social', text: 'Договор о сетевой форме реализации программ со школами учеников' },
      ],
      results: 'Число призёров регионального этапа олимпиады из школ-участниц выросло с 11 до 29.',
      evidence: 'Протоколы регионального этапа всероссийской олимпиады школьников',
      tags: ['одарённые дети', 'олимпиады', 'сетевая форма'],
    },
  },
  {
    organizations: ['kld-lyceum-23', 'kld-ngo-civic'],
    stage: 'published',
    fields: {
      title: 'Партнёрство школы с общественной организацией: социальные проекты старшеклассников',
      direction: 'Вовлечение общественности в процессы реформирования системы образования',
      levels: ['basic', 'secondary'],
      audiences: ['students', 'parents'],
      problem: 'Школа закрыта от города: ученики не видят, как их знания нужны вне класса, родители не участвуют в школьной жизни.',
      description:
        'Лицей № 23 и общественная организация вместе ведут социальные проекты: старшеклассники с наставниками от организации выбирают проблему района, готовят проект и защищают его перед жителями. Организация даёт площадку и экспертов, лицей — время во внеурочной деятельности. Практика вошла в справочник «Общественные ресурсы образования» альянса.',
      conditions: [
        { category: 'social', text: 'Соглашение о партнёрстве с общественной организацией' },
        { category: 'staff', text: 'Куратор проектов от школы и наставники от организации' },
      ],
      results: 'За год проведено 14 проектов; 60 % участников продолжили волонтёрскую работу.',
      evidence: 'Публичный отчёт лицея, отзывы жителей на защите проектов',
      tags: ['НКО', 'социальное партнёрство', 'проектная деятельность'],
    },
  },
  {
    organizations: ['rst-gymnasium-kekin', 'rst-school-poreche'],
    stage: 'published',
    fields: {
      title: 'Школа-лидер и школы-сателлиты: стажировки, совместные уроки и консультации',
      direction: 'Стажировки учителей',
      levels: ['basic', 'secondary', 'management'],
      audiences: ['teachers', 'heads'],
      problem: 'В сельских школах с низкими результатами учителя работают в одиночку, без методической поддержки.',
      description:
        'Гимназия им. Кекина ведёт с сельскими школами-сателлитами годовой цикл: стажировка учителей математики в гимназии, совместные уроки по видеосвязи, консультации для администрации по запросу школы. Каждая школа-сателлит составляет с гимназией план перехода и раз в четверть обсуждает его результаты.',
      conditions: [
        { category: 'staff', text: 'Учителя-наставники гимназии с часами на стажировку' },
        { category: 'information', text: 'Видеосвязь в кабинете математики школы-сателлита' },
        { category: 'methodical', text: 'Программа стажировки и банк совместных уроков' },
      ],
      results: 'Средний балл ОГЭ по математике в Поречской школе вырос с 3,1 до 3,6 за два года.',
      evidence: 'Результаты ОГЭ 2024 и 2025 годов, отчёт сетевого партнёрства',
      tags: ['школы с низкими результатами', 'наставничество', 'стажировка'],
    },
  },
  {
    organizations: ['nvch-school-31'],
    stage: 'draft',
    fields: {
      title: 'Сетевые проекты школы с вузами, музеями и колледжами города',
      direction: 'Социальные проекты',
      levels: ['basic', 'secondary', 'supplementary'],
      audiences: ['students'],
      problem: 'Профильное обучение в одной школе не даёт ученикам лабораторий и наставников, которые есть у партнёров города.',
      description:
        'Школа № 31 ведёт проектно-исследовательскую деятельность вместе с политехническим университетом, музеем истории донского казачества и колледжами: ученики выполняют проекты в лабораториях партнёров и представляют их на конференции «В науке первые шаги».',
      conditions: [{ category: 'social', text: 'Договоры о сетевом взаимодействии с партнёрами' }],
      results: '',
      evidence: '',
      tags: ['сетевое взаимодействие', 'исследовательские проекты'],
    },
  },
];

/** The seeds' practices through the practices commands, as the heads of their lead organisations. */
export async function seedDemoPractices(db: CommandContext['db'], heads: DemoHeads): Promise<{ practices: number; published: number }> {
  let published = 0;
  for (const demo of demoPractices) {
    const context: CommandContext = { db, actor: await heads.headOf(demo.organizations[0]), ip: 'seed' };
    const input = practiceFields.parse({ ...demo.fields, authors: demo.fields.authors ?? [], organizationIds: demo.organizations.map((key) => heads.id(key)) });
    const created = await createPractice(context, input);
    if (demo.stage === 'submitted') await submitPractice(context, created.id, created.version);
    if (demo.stage === 'published') {
      await publishPractice(context, created.id, created.version);
      published++;
    }
  }
  return { practices: demoPractices.length, published };
}
