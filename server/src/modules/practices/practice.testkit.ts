import type { TestApp } from '../../../test/app';
import { createPractice } from './create-practice';
import type { PracticeInput } from './practice-fields';
import { publishPractice } from './publish-practice';

let serial = 0;

/** Practice input of `organizationId`, with `overrides`; titles are unique. */
export const practiceInput = (organizationId: string, overrides: Partial<PracticeInput> = {}): PracticeInput => ({
  organizationIds: [organizationId],
  authors: [],
  title: `Проектная деятельность в сетевой школе ${++serial}`,
  direction: 'Информатизация образования',
  levels: ['basic'],
  audiences: ['students'],
  problem: 'Ученики малокомплектных школ не участвуют в проектах',
  description: 'Ученики базовой и филиальных школ ведут общие проекты в сетевой форме, встречаясь по видеосвязи раз в неделю.',
  conditions: [{ category: 'staff', text: 'Наставник в каждой школе' }],
  results: 'Доля учеников с проектами выросла с 12 до 40 %',
  evidence: 'Отчёт школы за 2025 год',
  tags: ['проекты'],
  ...overrides,
});

/** A practice created straight through the command, as the operator; published when `publish` is set. */
export async function insertPractice(t: TestApp, organizationId: string, options: { publish?: boolean; input?: Partial<PracticeInput> } = {}) {
  const context = { db: t.handle.db, actor: t.fixtures.actors.operator, ip: null };
  const created = await createPractice(context, practiceInput(organizationId, options.input));
  return options.publish ? publishPractice(context, created.id, created.version) : created;
}
