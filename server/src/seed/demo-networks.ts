import type { MemberRole, NetworkKind } from '../modules/networks/schema';

/** How far along its launch path a demo network is, so that the demo shows every stage. */
export type DemoStage = 'invitations' | 'council' | 'signing' | 'planning' | 'launched';

export interface DemoPlanItem {
  activity: string;
  startsOn: string;
  endsOn: string;
  /** Organisation keys (demo-region.ts). */
  responsible: string[];
  expectedResult: string;
  state: 'planned' | 'in_progress' | 'done';
  progress: number;
  /** Index of the parent item in the same list. */
  parent?: number;
}

/** An election of the council (seed 001): candidates (organisation keys, their heads), the organisations that vote, then the roles the elected council gives. */
export interface DemoElection {
  title: string;
  candidates: string[];
  voters: string[];
  chair: string;
  secretary: string;
}

/** A council seat for a person outside the member organisations (seed 003). */
export interface DemoOutsideSeat {
  kind: 'parent' | 'pupil' | 'enterprise' | 'public';
  fullName: string;
  position?: string;
  affiliation: string;
  vote: 'deciding' | 'advisory';
  /** Invited by e-mail; `accepted` — the person has taken the seat with an account of their own. */
  email?: string;
  accepted?: boolean;
}

export interface DemoNetwork {
  key: string;
  name: string;
  kind: NetworkKind;
  /** Organisation key of the managing organisation (base school, leader, centre). */
  managing: string;
  parent?: string;
  strategicGoal: string;
  tacticalGoals: string[];
  directions: string[];
  description: string;
  members: [organization: string, role: MemberRole][];
  invited?: [organization: string, role: MemberRole][];
  council?: [organization: string, role: 'chair' | 'secretary' | 'member'][];
  /** The council is elected by the member organisations instead of appointed. */
  election?: DemoElection;
  /** Seats outside the member organisations, after the representatives (seated whatever the stage). */
  outsideSeats?: DemoOutsideSeat[];
  stage: DemoStage;
  /** Bilateral contracts of the managing organisation with one partner each (seed 003): signed by both, by the managing one, or a draft. */
  bilateral?: { partner: string; signedBy?: 'both' | 'managing'; /** The network's plan as the annex. */ annex?: boolean }[];
  /** The education authority's acts around the base school (seed 001): register order, district order, contract. */
  authority?: { authority: string; baseSchool: string };
  /** The coordinator's adaptation of the kind's path (catalogue steps in order), with the reason recorded. */
  adaptedPath?: { steps: string[]; reason: string };
  plan?: { title: string; kind?: 'network_plan' | 'roadmap' | 'joint_actions'; items: DemoPlanItem[] };
}

/** The networks the seed documents describe, each at a different stage of its launch. */
export const demoNetworks: DemoNetwork[] = [
  {
    key: 'kld-alliance',
    name: 'Калининградский альянс «Общественные ресурсы образования»',
    kind: 'alliance',
    managing: 'kld-dom-uchitelya',
    strategicGoal: 'Создание условий для полноценного общественного участия в управлении образованием',
    tacticalGoals: [
      'Создание информационного пространства для обмена лучшими практиками в области образования, внедрение методических инноваций',
      'Объединение усилий государственных и муниципальных учреждений и общественных организаций для совместного решения задач реформирования системы образования в регионе',
      'Создание условий для развития сотрудничества и поддержка инновационной деятельности субъектов образования региона',
    ],
    directions: [
      'Реформа образования в рамках региона',
      'Развитие инновационной деятельности субъектов образования',
      'Вовлечение общественности в процессы реформирования системы образования',
      'Развитие сотрудничества организаций, заинтересованных в развитии системы образования',
    ],
    description: 'Альянс школ, областных образовательных учреждений и общественных организаций Калининграда: единое информационное пространство, справочник «Общественные ресурсы образования», совместные проекты.',
    members: [
      ['kld-citt', 'member'],
      ['kld-school-39', 'member'],
      ['kld-lyceum-23', 'member'],
      ['kld-lyceum-49', 'member'],
      ['kld-ngo-free-speech', 'partner'],
      ['kld-ngo-gid', 'partner'],
      ['kld-ngo-civic', 'partner'],
    ],
    council: [
      ['kld-dom-uchitelya', 'chair'],
      ['kld-lyceum-23', 'secretary'],
      ['kld-citt', 'member'],
      ['kld-school-39', 'member'],
      ['kld-ngo-civic', 'member'],
    ],
    stage: 'launched',
    plan: {
      title: 'План совместных действий альянса на 2026 год',
      items: [
        { activity: 'Создание единого информационного пространства альянса', startsOn: '2026-01-15', endsOn: '2026-06-30', responsible: ['kld-citt'], expectedResult: 'Интерактивный интернет-ресурс со сводной информацией о ресурсах участников', state: 'done', progress: 100 },
        { activity: 'Издание справочника «Общественные ресурсы образования Калининграда»', startsOn: '2026-03-01', endsOn: '2026-09-30', responsible: ['kld-dom-uchitelya', 'kld-ngo-free-speech'], expectedResult: 'Справочник для школ и родителей, печатная и электронная версии', state: 'in_progress', progress: 60 },
        { activity: 'Цикл семинаров «Школа и общественные организации: практики сотрудничества»', startsOn: '2026-02-01', endsOn: '2026-12-15', responsible: ['kld-lyceum-23', 'kld-ngo-civic'], expectedResult: 'Шесть семинаров, не менее 120 участников', state: 'in_progress', progress: 50 },
        { activity: 'Экологический проект «Чистый берег» для старшеклассников', startsOn: '2026-04-15', endsOn: '2026-10-01', responsible: ['kld-ngo-gid', 'kld-school-39'], expectedResult: 'Исследовательские работы школьников, публичная защита', state: 'in_progress', progress: 40 },
      ],
    },
  },
  {
    key: 'tmn-association',
    name: 'Ассоциация инновационных образовательных учреждений г. Тюмени',
    kind: 'association',
    managing: 'tmn-association',
    strategicGoal: 'Развитие инновационного потенциала образования города в рамках приоритетного национального проекта «Образование»',
    tacticalGoals: ['Распространение опыта федеральных и региональных экспериментальных площадок', 'Сетевые центры по направлениям инноваций', 'Экспертиза и поддержка инновационных проектов школ'],
    directions: ['Информатизация образования', 'Здоровьесберегающее образование', 'Работа с одарёнными детьми', 'Общественное управление школой'],
    description: 'Ассоциация объединяет школы, гимназии и лицеи Тюмени, работающие в инновационном и экспериментальном режимах, и городские центры инноваций.',
    members: [
      ['tmn-school-7', 'member'], ['tmn-school-9', 'member'], ['tmn-school-17', 'member'], ['tmn-school-32', 'member'], ['tmn-school-40', 'member'],
      ['tmn-school-57', 'member'], ['tmn-school-60', 'member'], ['tmn-school-63', 'member'], ['tmn-school-66', 'member'], ['tmn-school-70', 'member'],
      ['tmn-school-88', 'member'], ['tmn-school-89', 'member'], ['tmn-school-90', 'member'], ['tmn-gymnasium-12', 'member'], ['tmn-gymnasium-49', 'member'],
      ['tmn-gymnasium-83', 'member'], ['tmn-lyceum-34', 'member'], ['tmn-tech-lyceum', 'partner'], ['tmn-russian-culture-gymnasium', 'partner'],
      ['tmn-burkov-house', 'partner'], ['tmn-rehab-uspekh', 'partner'], ['tmn-rehab-fortuna', 'partner'], ['tmn-university', 'partner'],
    ],
    council: [
      ['tmn-association', 'chair'],
      ['tmn-gymnasium-12', 'secretary'],
      ['tmn-school-88', 'member'],
      ['tmn-school-90', 'member'],
      ['tmn-gymnasium-49', 'member'],
    ],
    stage: 'planning',
    // The association's light path with its council added: seed 004's association is governed by its council.
    adaptedPath: { steps: ['members', 'council', 'inventory', 'plan', 'information'], reason: 'Ассоциацией руководит координационный совет: его формирование — шаг пути' },
    plan: {
      title: 'Дорожная карта ассоциации на 2026/27 учебный год',
      items: [
        { activity: 'Работа сетевых инновационных центров', startsOn: '2026-09-01', endsOn: '2027-05-31', responsible: ['tmn-association'], expectedResult: 'Три действующих центра с планами работы', state: 'in_progress', progress: 30 },
        { activity: 'Центр информатизации образования: курсы для учителей', startsOn: '2026-09-15', endsOn: '2026-12-20', responsible: ['tmn-school-88'], expectedResult: '60 учителей прошли обучение', state: 'in_progress', progress: 45, parent: 0 },
        { activity: 'Центр здоровьесберегающего образования: методический семинар', startsOn: '2026-10-01', endsOn: '2026-10-31', responsible: ['tmn-school-90'], expectedResult: 'Сборник материалов семинара', state: 'done', progress: 100, parent: 0 },
        { activity: 'Центр работы с одарёнными детьми: городская олимпиада', startsOn: '2027-02-01', endsOn: '2027-03-15', responsible: ['tmn-gymnasium-49'], expectedResult: 'Олимпиада для 5–9 классов, 300 участников', state: 'planned', progress: 0, parent: 0 },
        { activity: 'Конкурс «Лидер инновационного образования»', startsOn: '2026-11-01', endsOn: '2026-11-20', responsible: ['tmn-association', 'tmn-gymnasium-12'], expectedResult: 'Победители в номинациях, публикация практик', state: 'in_progress', progress: 70 },
      ],
    },
  },
  {
    key: 'tmn-informatization',
    name: 'Сетевой центр информатизации образования (школа № 88)',
    kind: 'local_alliance',
    managing: 'tmn-school-88',
    parent: 'tmn-association',
    strategicGoal: 'Информатизация образовательного процесса школ ассоциации',
    tacticalGoals: ['Повышение ИКТ-компетентности учителей', 'Общая база цифровых образовательных ресурсов'],
    directions: ['Информатизация образования'],
    description: 'Локальный альянс школ ассоциации вокруг инновационного центра школы № 88.',
    members: [['tmn-school-89', 'member'], ['tmn-school-70', 'member'], ['tmn-tech-lyceum', 'partner']],
    stage: 'invitations',
  },
  {
    key: 'pvl-district',
    name: 'Павловский школьный образовательный округ',
    kind: 'district',
    managing: 'pvl-school-1',
    strategicGoal: 'Обеспечение условий для получения качественного общего образования независимо от места жительства',
    tacticalGoals: ['Объединение интеллектуальных и методических ресурсов', 'Создание социокультурной среды, общей методической и технологической базы', 'Формирование педагогического и мотивированного детского сообщества'],
    directions: ['Научно-методическое сопровождение изменений в образовательном процессе', 'Совместные образовательные события и воспитательные мероприятия'],
    description: 'Округ сельских школ Павловского района вокруг базовой Павловской СОШ № 1. Работа строится на договоре о совместной деятельности, управляет округом совет директоров.',
    members: [['pvl-school-prutskaya', 'member'], ['pvl-school-shakhi', 'member'], ['pvl-school-kolyvanskaya', 'member'], ['pvl-school-novye-zori', 'member'], ['pvl-children-house', 'member']],
    // «Для управления округом избирается совет, в который входят директора общеобразовательных учреждений» (seed 001).
    election: {
      title: 'Выборы совета директоров округа',
      candidates: ['pvl-school-1', 'pvl-school-prutskaya', 'pvl-school-shakhi', 'pvl-school-kolyvanskaya', 'pvl-school-novye-zori'],
      voters: ['pvl-school-1', 'pvl-school-prutskaya', 'pvl-school-shakhi', 'pvl-school-kolyvanskaya', 'pvl-school-novye-zori', 'pvl-children-house'],
      chair: 'pvl-school-1',
      secretary: 'pvl-school-prutskaya',
    },
    stage: 'signing',
    authority: { authority: 'pvl-komitet', baseSchool: 'pvl-school-1' },
  },
  {
    key: 'rst-partnership',
    name: 'Партнёрство гимназии им. А.Л. Кекина со школами-спутниками',
    kind: 'partnership',
    managing: 'rst-gymnasium-kekin',
    strategicGoal: 'Повышение качества образования в школах с низкими результатами и в неблагоприятных социальных условиях',
    tacticalGoals: ['Методическая поддержка учителей школ-спутников', 'Совместные образовательные события для учеников', 'Рефлексивный анализ партнёрства'],
    directions: ['Консультирование', 'Стажировки учителей', 'Совместные уроки и проекты'],
    description: 'Школа-лидер поддерживает сельские школы Ростовского района по программе помощи школам с низкими образовательными результатами.',
    members: [['rst-school-poreche', 'satellite'], ['rst-school-ugodichi', 'satellite'], ['rst-school-petrovskoe', 'satellite']],
    invited: [['rst-school-belogostitsy', 'satellite']],
    council: [
      ['rst-gymnasium-kekin', 'chair'],
      ['rst-school-poreche', 'secretary'],
      ['rst-school-petrovskoe', 'member'],
    ],
    stage: 'council',
    // Seed 002's path: the leader's strengths and the satellites' needs come from their inventory, the roadmap from
    // this plan; the agreement with each satellite is next.
    plan: {
      title: 'Дорожная карта совместной работы партнёрства',
      kind: 'roadmap',
      items: [
        { activity: 'Диагностика затруднений учителей школ-спутников', startsOn: '2026-09-01', endsOn: '2026-10-15', responsible: ['rst-gymnasium-kekin'], expectedResult: 'Карта профессиональных дефицитов', state: 'in_progress', progress: 70 },
        { activity: 'Стажировки учителей математики в гимназии', startsOn: '2026-10-01', endsOn: '2026-11-10', responsible: ['rst-gymnasium-kekin', 'rst-school-poreche'], expectedResult: '8 учителей прошли стажировку', state: 'in_progress', progress: 40 },
        { activity: 'Совместные уроки и предметные недели', startsOn: '2026-11-15', endsOn: '2027-04-30', responsible: ['rst-school-ugodichi', 'rst-school-petrovskoe'], expectedResult: 'Не менее 10 совместных событий', state: 'planned', progress: 0 },
      ],
    },
  },
  {
    key: 'nvch-partners',
    name: 'Сеть социальных партнёров МБОУ СОШ № 31 г. Новочеркасска',
    kind: 'alliance',
    managing: 'nvch-school-31',
    strategicGoal: 'Расширение спектра элективных, профильных курсов и дополнительного образования для индивидуальных образовательных траекторий учащихся',
    tacticalGoals: ['Договоры о сотрудничестве с вузами, колледжами, учреждениями культуры и спорта', 'Банк сетевых проектов', 'Профориентация'],
    directions: ['Профильное обучение', 'Дополнительное образование', 'Социальные проекты'],
    description: 'Школа № 31 и её партнёры: университеты, колледжи, детские сады, библиотеки, музей, учреждения культуры и спорта, общественные организации.',
    members: [['nvch-polytech', 'partner'], ['nvch-library-chekhov', 'partner'], ['nvch-museum-cossacks', 'partner'], ['nvch-school-15', 'member']],
    invited: [['nvch-nimi', 'partner'], ['nvch-dk-nevz', 'partner'], ['nvch-sports-school-1', 'partner'], ['nvch-ngo-gaia', 'partner']],
    // The coordinating council of seed 003: «из заинтересованных педагогов, родителей, учащихся, руководителей организаций, предприятий, представителей общественных объединений».
    council: [
      ['nvch-school-31', 'chair'],
      ['nvch-school-15', 'secretary'],
      ['nvch-polytech', 'member'],
    ],
    outsideSeats: [
      { kind: 'parent', fullName: 'Литвинова Елена Сергеевна', affiliation: 'председатель родительского комитета школы № 31', vote: 'deciding', email: 'parent31@orbita.demo', accepted: true },
      { kind: 'pupil', fullName: 'Маргарита Ж.', affiliation: 'обучающаяся 10 класса, председатель совета обучающихся', vote: 'advisory' },
      { kind: 'enterprise', fullName: 'Гребенников Олег Викторович', position: 'начальник отдела кадров', affiliation: 'ООО «ПК «НЭВЗ»', vote: 'advisory', email: 'nevz.council@orbita.demo' },
    ],
    stage: 'invitations',
    bilateral: [{ partner: 'nvch-polytech', signedBy: 'both' }, { partner: 'nvch-library-chekhov', signedBy: 'both' }, { partner: 'nvch-museum-cossacks', signedBy: 'managing' }, { partner: 'nvch-school-15' }],
  },
];
