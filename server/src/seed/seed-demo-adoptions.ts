import { and, eq, inArray } from 'drizzle-orm';
import type { CommandContext } from '../platform/context';
import { adoptionFields, adoptionResultsFields } from '../modules/adoptions/adoption-fields';
import { recordAdoption } from '../modules/adoptions/record-adoption';
import { recordAdoptionResults } from '../modules/adoptions/record-adoption-results';
import { resourceNeeds } from '../modules/inventory/schema';
import { practiceVersions, practices } from '../modules/practices/schema';
import type { DemoHeads } from './demo-heads';

interface DemoAdoption {
  /** The adopted practice's published title, as seed-demo-practices.ts writes it. */
  practice: string;
  /** The adopting organisation's key; its head records the adoption. */
  adopter: string;
  startedOn: string;
  changes: string;
  /** Titles of the adopter's own needs (demo-inventory.ts) the adoption answers. */
  needs?: string[];
  results?: { results: string; resultsOn: string; figures?: { indicator: string; before: number | null; after: number; unit?: string }[] };
}

const kekin = 'Школа-лидер и школы-сателлиты: стажировки, совместные уроки и консультации';

/**
 * Who adopts the seeds' practices (issue 17): the Kekin gymnasium's satellites in the Rostov partnership (seed 002,
 * shown on the partnership's page), Tyumen's informatisation centre taken up by a school of the association, the
 * health-saving model by a Kaliningrad school, the lyceum's NGO partnership by Novocherkassk's school No. 15.
 */
const demoAdoptions: DemoAdoption[] = [
  {
    practice: kekin,
    adopter: 'rst-school-ugodichi',
    startedOn: '2025-09-01',
    changes: 'Учителя математики 5–9 классов прошли стажировку в гимназии; раз в две недели ведём совместные уроки по видеосвязи, разноуровневые задания готовим по банку гимназии.',
    needs: ['Работа с разноуровневым и малокомплектным классом'],
    results: {
      results: 'За учебный год доля девятиклассников, сдавших ОГЭ по математике на «4» и «5», выросла с 20 до 45 %; учителя ведут формирующее оценивание на каждом уроке.',
      resultsOn: '2026-06-30',
      figures: [
        { indicator: 'Средний балл ОГЭ по математике', before: 3.0, after: 3.5 },
        { indicator: 'Доля «4» и «5» на ОГЭ', before: 20, after: 45, unit: '%' },
      ],
    },
  },
  {
    practice: kekin,
    adopter: 'rst-school-petrovskoe',
    startedOn: '2026-10-01',
    changes: 'Учитель русского языка стажируется в гимназии; девятиклассники из зоны риска раз в неделю занимаются на совместных консультациях по видеосвязи.',
    needs: ['Консультации по подготовке девятиклассников к ОГЭ по русскому языку'],
  },
  {
    practice: 'Городской центр информатизации: цифровые технологии в уроке и в управлении школой',
    adopter: 'tmn-school-89',
    startedOn: '2025-01-15',
    changes: 'Двенадцать учителей прошли практикумы центра; расписание и журнал перевели в общую информационную систему ассоциации.',
    results: { results: 'Доля уроков с цифровыми ресурсами выросла с 7 до 28 %; отчёты для управления образования собираются из системы без бумажных таблиц.', resultsOn: '2025-12-25', figures: [{ indicator: 'Уроки с цифровыми ресурсами', before: 7, after: 28, unit: '%' }] },
  },
  {
    practice: 'Интегративная модель образовательно-оздоровительной школы «Крепыш»',
    adopter: 'kld-school-39',
    startedOn: '2026-09-01',
    changes: 'В начальной школе ввели динамические паузы и паспорт здоровья класса; родители участвуют в днях здоровья раз в четверть.',
  },
  {
    practice: 'Партнёрство школы с общественной организацией: социальные проекты старшеклассников',
    adopter: 'nvch-school-15',
    startedOn: '2025-10-01',
    changes: 'Старшеклассники ведут социальные проекты с наставниками городской экологической организации и защищают их перед жителями микрорайона.',
    results: { results: 'Проведено шесть проектов; двое выпускников продолжили волонтёрскую работу в организации.', resultsOn: '2026-05-25', figures: [{ indicator: 'Социальные проекты', before: 0, after: 6 }] },
  },
];

/** The demo adoptions through the adoption commands, as the heads of the adopting schools. */
export async function seedDemoAdoptions(db: CommandContext['db'], heads: DemoHeads): Promise<{ adoptions: number }> {
  for (const demo of demoAdoptions) {
    const [practice] = await db
      .select({ id: practices.id })
      .from(practices)
      .innerJoin(practiceVersions, eq(practiceVersions.id, practices.publishedVersionId))
      .where(eq(practiceVersions.title, demo.practice));
    if (!practice) throw new Error(`demo adoption of an unknown practice: ${demo.practice}`);
    const organizationId = heads.id(demo.adopter);
    const needs = demo.needs?.length
      ? await db.select({ id: resourceNeeds.id }).from(resourceNeeds).where(and(eq(resourceNeeds.organizationId, organizationId), inArray(resourceNeeds.title, demo.needs)))
      : [];
    if (needs.length !== (demo.needs?.length ?? 0)) throw new Error(`demo adoption names an unknown need of ${demo.adopter}`);
    const context: CommandContext = { db, actor: await heads.headOf(demo.adopter), ip: 'seed' };
    const input = adoptionFields.parse({ organizationId, startedOn: demo.startedOn, changes: demo.changes, needIds: needs.map((n) => n.id) });
    const adoption = await recordAdoption(context, practice.id, input);
    if (demo.results) await recordAdoptionResults(context, adoption.id, adoptionResultsFields.parse({ version: adoption.version, ...demo.results }));
  }
  return { adoptions: demoAdoptions.length };
}
