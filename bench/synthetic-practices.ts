/**
 * A synthetic library of practices for the search bench (bench/practices-search.ts) and its quick check
 * (server/test/practices-search-bench.test.ts), in the seeds' words (/work/shared/seeds: informatisation, health saving,
 * gifted children, school partnerships and schools with low results, NGOs, mentoring…): each practice has a topic
 * (its title, a tag and a sentence of its description say it, in different word forms), one in four a second topic (a
 * tag and a sentence), and a setting (сельская, малокомплектная школа, сетевая форма…). Deterministic (seed 17) but
 * for the ids. The labelled queries below judge by these labels: a practice is relevant to a query when it has every label
 * of the query: as its topic (gain 2), its second topic or its setting (gain 1).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../server/src/platform/db/client';
import { networkMembers, networks } from '../server/src/modules/networks/schema';
import { seededRandom } from '../server/src/seed/synthetic-organizations';
import { fillSyntheticRegistry } from './synthetic-registry';

interface Topic {
  label: string;
  /** How often it is a practice's topic, relative to the others. */
  share: number;
  direction: string;
  titles: string[];
  /** A sentence of the description, in other word forms than the title. */
  sentence: string;
  tag: string;
}

const topics: Topic[] = [
  { label: 'project', share: 12, direction: 'Развитие инновационной деятельности', titles: ['Проектная деятельность', 'Проектная деятельность учащихся'], sentence: 'Организация проектной деятельности учеников: каждый ведёт проект с наставником.', tag: 'проекты' },
  { label: 'robotics', share: 6, direction: 'Информатизация образования', titles: ['Робототехника', 'Образовательная робототехника'], sentence: 'Занятия робототехникой и конструированием проходят в кванториуме и школьных кружках.', tag: 'робототехника' },
  { label: 'mentoring', share: 8, direction: 'Профессиональное развитие педагогов', titles: ['Наставничество', 'Наставничество для молодых учителей'], sentence: 'Система наставничества: опытные наставники сопровождают молодых педагогов первые три года.', tag: 'наставничество' },
  { label: 'health', share: 8, direction: 'Здоровьесбережение', titles: ['Здоровьесберегающие технологии', 'Здоровьесберегающая среда'], sentence: 'Внедрение здоровьесберегающих технологий на уроках и переменах.', tag: 'здоровьесбережение' },
  { label: 'gifted', share: 6, direction: 'Работа с одарёнными детьми', titles: ['Работа с одарёнными детьми', 'Центр для одарённых детей'], sentence: 'Поддержка одарённых детей: олимпиадная подготовка, индивидуальные маршруты.', tag: 'одарённые дети' },
  { label: 'literacy', share: 8, direction: 'Качество образования', titles: ['Функциональная грамотность', 'Формирование функциональной грамотности'], sentence: 'Задания на функциональную грамотность в каждом предмете.', tag: 'функциональная грамотность' },
  { label: 'career', share: 6, direction: 'Профессиональная ориентация', titles: ['Профориентация', 'Профориентационные пробы'], sentence: 'Профориентации помогают пробы на предприятиях района и встречи с выпускниками.', tag: 'профориентация' },
  { label: 'inclusive', share: 4, direction: 'Инклюзивное образование', titles: ['Инклюзивное образование', 'Инклюзивная школа'], sentence: 'Условия инклюзивного обучения детей с ограниченными возможностями здоровья.', tag: 'инклюзия' },
  { label: 'partnership', share: 6, direction: 'Сетевое взаимодействие', titles: ['Школьное партнёрство', 'Партнёрство школы-лидера и школ-спутников'], sentence: 'Эффективное школьное партнёрство: школа-лидер передаёт опыт школам-спутникам по дорожной карте.', tag: 'партнёрство' },
  { label: 'lowresults', share: 5, direction: 'Качество образования', titles: ['Поддержка школ с низкими результатами', 'Переход школы в эффективный режим работы'], sentence: 'Адресная помощь школам с низкими образовательными результатами и неблагоприятными социальными условиями.', tag: 'ШНОР' },
  { label: 'digital', share: 8, direction: 'Информатизация образования', titles: ['Цифровая образовательная среда', 'Электронное обучение'], sentence: 'Цифровой образовательной средой пользуются ученики и учителя: электронный журнал, дистанционные курсы.', tag: 'цифровая среда' },
  { label: 'ngo', share: 3, direction: 'Сотрудничество с общественностью', titles: ['Сотрудничество с общественными организациями', 'Школа и некоммерческие организации'], sentence: 'Совместные программы с общественными и некоммерческими организациями города.', tag: 'НКО' },
  { label: 'civic', share: 5, direction: 'Воспитательная работа', titles: ['Патриотическое воспитание', 'Гражданско-патриотическое воспитание'], sentence: 'Воспитание гражданской позиции через волонтёрство и поисковые отряды.', tag: 'патриотическое воспитание' },
  { label: 'ecology', share: 4, direction: 'Экологическое образование', titles: ['Экологическое просвещение', 'Экологическая тропа'], sentence: 'Ученики прокладывают экологическую тропу и ведут наблюдения за природой.', tag: 'экология' },
  { label: 'museum', share: 2, direction: 'Воспитательная работа', titles: ['Школьный музей', 'Музейная педагогика'], sentence: 'Экспозиции школьного музея собирают ученики вместе с ветеранами.', tag: 'музей' },
  { label: 'reading', share: 3, direction: 'Качество образования', titles: ['Читательская грамотность', 'Школьная библиотека как центр чтения'], sentence: 'Развитие читательской грамотности: клубы чтения и литературные гостиные.', tag: 'чтение' },
  { label: 'parents', share: 3, direction: 'Работа с семьёй', titles: ['Родительский всеобуч', 'Школа для родителей'], sentence: 'Родители приходят на встречи родительского клуба раз в месяц.', tag: 'родители' },
  { label: 'mediation', share: 0.4, direction: 'Воспитательная работа', titles: ['Школьная служба медиации'], sentence: 'Школьные медиаторы разбирают конфликты учеников, медиация снижает число жалоб.', tag: 'медиация' },
  { label: 'chess', share: 0.4, direction: 'Дополнительное образование', titles: ['Шахматный всеобуч'], sentence: 'Уроки шахмат в начальной школе развивают логику.', tag: 'шахматы' },
];

const settings = [
  { label: 'rural', title: 'в сельской школе', sentence: 'Практика родилась в сельской школе, где в классе по пять учеников.' },
  { label: 'small', title: 'в малокомплектных школах', sentence: 'Подходит малокомплектным школам района.' },
  { label: 'network', title: 'в сетевой форме', sentence: 'Занятия идут в сетевой форме вместе с соседними школами.' },
  { label: 'city', title: 'в городской гимназии', sentence: 'Опыт городской гимназии с большими классами.' },
  { label: 'district', title: 'в образовательном округе', sentence: 'Работает во всех школах образовательного округа.' },
  { label: 'basic', title: 'для учеников 5–9 классов', sentence: 'Рассчитана на учеников основной школы.' },
];

const problems = [
  'Ученики теряют интерес к учёбе в средних классах.',
  'Молодые учителя уходят из школы в первые годы.',
  'Результаты ОГЭ ниже средних по региону.',
  'Мало кружков и секций в шаговой доступности.',
  'Родители редко участвуют в жизни школы.',
  'Не хватает современного оборудования.',
];
const results = [
  'Доля учеников, участвующих в конкурсах, выросла вдвое.',
  'Средний балл ОГЭ вырос на 0,4.',
  'Педагоги освоили новые методики и делятся ими на семинарах.',
  'Снизилось число пропусков уроков.',
  'Практику переняли три школы района.',
];
const levels = ['preschool', 'primary', 'basic', 'secondary', 'supplementary', 'management'];
const audiences = ['students', 'teachers', 'heads', 'parents'];

/** A labelled query: what a person types, and the labels of what they want found. */
export interface LabelledQuery {
  q: string;
  labels: string[];
  kind: 'word form' | 'typo' | 'phrase' | 'rare' | 'common';
}

export const labelledQueries: LabelledQuery[] = [
  { q: 'проектная деятельность', labels: ['project'], kind: 'phrase' },
  { q: 'проектной деятельности', labels: ['project'], kind: 'word form' },
  { q: 'проектную деятельность', labels: ['project'], kind: 'word form' },
  { q: 'робототехника', labels: ['robotics'], kind: 'common' },
  { q: 'робототехникой', labels: ['robotics'], kind: 'word form' },
  { q: 'наставничество', labels: ['mentoring'], kind: 'common' },
  { q: 'наставничества', labels: ['mentoring'], kind: 'word form' },
  { q: 'наставники', labels: ['mentoring'], kind: 'word form' },
  { q: 'здоровьесберегающие технологии', labels: ['health'], kind: 'phrase' },
  { q: 'здоровьесберегающих технологий', labels: ['health'], kind: 'word form' },
  { q: 'одарённые дети', labels: ['gifted'], kind: 'phrase' },
  { q: 'одаренных детей', labels: ['gifted'], kind: 'word form' },
  { q: 'функциональной грамотности', labels: ['literacy'], kind: 'word form' },
  { q: 'профориентация', labels: ['career'], kind: 'common' },
  { q: 'инклюзивное образование', labels: ['inclusive'], kind: 'phrase' },
  { q: 'школьное партнерство', labels: ['partnership'], kind: 'phrase' },
  { q: 'школы-спутники', labels: ['partnership'], kind: 'word form' },
  { q: 'низкими результатами', labels: ['lowresults'], kind: 'phrase' },
  { q: 'цифровая образовательная среда', labels: ['digital'], kind: 'phrase' },
  { q: 'общественными организациями', labels: ['ngo'], kind: 'phrase' },
  { q: 'патриотическое воспитание', labels: ['civic'], kind: 'phrase' },
  { q: 'экологическая тропа', labels: ['ecology'], kind: 'phrase' },
  { q: 'школьного музея', labels: ['museum'], kind: 'word form' },
  { q: 'читательской грамотности', labels: ['reading'], kind: 'word form' },
  { q: 'родительский всеобуч', labels: ['parents'], kind: 'phrase' },
  { q: 'медиация', labels: ['mediation'], kind: 'rare' },
  { q: 'служба медиации', labels: ['mediation'], kind: 'rare' },
  { q: 'шахматы', labels: ['chess'], kind: 'rare' },
  { q: 'шахматный всеобуч', labels: ['chess'], kind: 'rare' },
  { q: 'сельской школе', labels: ['rural'], kind: 'common' },
  { q: 'малокомплектные школы', labels: ['small'], kind: 'common' },
  { q: 'сетевая форма', labels: ['network'], kind: 'common' },
  { q: 'робототехнка', labels: ['robotics'], kind: 'typo' },
  { q: 'наставничиство', labels: ['mentoring'], kind: 'typo' },
  { q: 'профориентацыя', labels: ['career'], kind: 'typo' },
  { q: 'проэктная деятельность', labels: ['project'], kind: 'typo' },
  { q: 'инклюзивное обрзование', labels: ['inclusive'], kind: 'typo' },
  { q: 'медиацыя', labels: ['mediation'], kind: 'typo' },
  { q: 'шахмотный всеобуч', labels: ['chess'], kind: 'typo' },
  { q: 'функцианальная грамотность', labels: ['literacy'], kind: 'typo' },
  { q: 'патриотическое воспитанее', labels: ['civic'], kind: 'typo' },
  { q: 'экалогическое просвещение', labels: ['ecology'], kind: 'typo' },
  { q: 'здоровьесберегающие техналогии', labels: ['health'], kind: 'typo' },
  { q: 'робототехника сельской школе', labels: ['robotics', 'rural'], kind: 'phrase' },
];

/** Each practice's labels with their gains: 2 its topic, 1 its second topic or its setting. */
export type LibraryLabels = Map<string, Map<string, number>>;

/**
 * `count` published practices of `organizationCount` synthetic organisations (bench/synthetic-registry.ts) in 40
 * municipalities, 12 networks of 20 schools each, reviews (a third reviewed, a tenth in review) and adoptions.
 */
export async function fillSyntheticLibrary(db: Database, count: number, organizationCount = Math.max(50, Math.min(2000, Math.round(count / 50)))): Promise<LibraryLabels> {
  const { labels: registry, municipalityIds } = await fillSyntheticRegistry(db, organizationCount);
  const organizationIds = [...registry.keys()];
  const random = seededRandom(17);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const [manager] = organizationIds;
  for (let n = 0; n < 12; n++) {
    const [network] = await db.insert(networks).values({ name: `Сеть для замера ${n + 1}`, kind: 'district', municipalityIds: [municipalityIds[n % municipalityIds.length]], managingOrganizationId: manager, visibility: n < 10 ? 'public' : 'members' }).returning();
    const members = new Set(Array.from({ length: 20 }, () => pick(organizationIds)));
    await db.insert(networkMembers).values([...members].map((organizationId) => ({ networkId: network.id, organizationId, role: 'member' as const, state: 'active' as const })));
  }
  const totalShare = topics.reduce((sum, topic) => sum + topic.share, 0);
  const topicOf = () => {
    let r = random() * totalShare;
    return topics.find((topic) => (r -= topic.share) <= 0) ?? topics[0];
  };
  const labels: LibraryLabels = new Map();
  const day = 24 * 3600 * 1000;
  for (let from = 0; from < count; from += 2000) {
    const batch = Array.from({ length: Math.min(2000, count - from) }, (_, index) => {
      const i = from + index;
      const topic = topicOf();
      const second = random() < 0.25 ? topicOf() : null;
      const setting = pick(settings);
      const reviewed = random();
      const practiceLabels = new Map<string, number>([[setting.label, 1]]);
      if (second && second !== topic) practiceLabels.set(second.label, 1);
      practiceLabels.set(topic.label, 2);
      const id = randomUUID();
      labels.set(id, practiceLabels);
      const orgs = random() < 0.1 ? [pick(organizationIds), pick(organizationIds)] : [pick(organizationIds)];
      return {
        id,
        version_id: randomUUID(),
        orgs: [...new Set(orgs)],
        title: `${pick(topic.titles)} ${setting.title}`,
        direction: topic.direction,
        levels: [...new Set([pick(levels), pick(levels)])],
        audiences: [...new Set([pick(audiences), ...(random() < 0.3 ? [pick(audiences)] : [])])],
        problem: pick(problems),
        description: [topic.sentence, second && second !== topic ? second.sentence : '', setting.sentence, `Практика № ${i + 1}.`].filter(Boolean).join(' '),
        results: pick(results),
        tags: [topic.tag, ...(second && second !== topic ? [second.tag] : [])],
        review: reviewed < 0.33 ? 'reviewed' : reviewed < 0.43 ? 'in_review' : 'none',
        score: reviewed < 0.33 ? Math.round(40 + random() * 6000) / 100 : null,
        adopted: random() < 0.6 ? 0 : Math.floor(random() * 6),
        published: new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 700 * day)).toISOString(),
      };
    });
    const rows = sql`jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as v(id uuid, version_id uuid, orgs uuid[], title text, direction text, levels text[], audiences text[], problem text,
      description text, results text, tags text[], review text, score numeric, adopted int, published timestamptz)`;
    await db.execute(sql`insert into practices (id, state, review_status, review_score, adoption_count, published_at, updated_at, created_at)
      select id, 'draft', review, score, adopted, published, published, published from ${rows}`);
    await db.execute(sql`insert into practice_versions (id, practice_id, number, state, title, direction, levels, audiences, problem, description, results, tags, published_at)
      select version_id, id, 1, 'published', title, direction, levels, audiences, problem, description, results, tags, published from ${rows}`);
    await db.execute(sql`insert into practice_organizations (practice_id, organization_id, position) select id, o.organization_id, o.position - 1 from ${rows}, unnest(orgs) with ordinality as o(organization_id, position)`);
    await db.execute(sql`update practices set state = 'published', published_version_id = v.version_id from ${rows} where practices.id = v.id`);
  }
  await db.execute(sql`analyze`);
  return labels;
}

/**
 * How good a ranked answer is for a labelled query: recall@10 (the relevant practices among the first 10, of as many as
 * could be there: min(10, relevant)) and nDCG@10 (gains 2 and 1 by the labels, against the ideal order of all relevant ones).
 */
export function judge(query: LabelledQuery, ranked: string[], labels: LibraryLabels): { recall: number; ndcg: number; relevant: number } {
  // A query of several labels wants practices with all of them.
  const gain = (id: string) => Math.min(...query.labels.map((label) => labels.get(id)?.get(label) ?? 0));
  const gains = [...labels.keys()].map(gain).filter((g) => g > 0);
  const top = ranked.slice(0, 10);
  const hits = top.filter((id) => gain(id) > 0).length;
  const dcg = (list: number[]) => list.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(gains.sort((a, b) => b - a).slice(0, 10));
  return { recall: gains.length ? hits / Math.min(10, gains.length) : 1, ndcg: ideal ? dcg(top.map(gain)) / ideal : 1, relevant: gains.length };
}
