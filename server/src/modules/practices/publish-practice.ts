import type { CommandContext } from '../../platform/context';
import { conflict } from '../../platform/problem';
import { publishablePractices } from './access';
import { getPractice } from './get-practice';
import { loadVersion, lockPractice, publishWorkingVersion } from './practice-writes';

export const publishRefusal = 'Публикуют и убирают в архив руководители организаций практики и оператор.';

/**
 * A head of one of the practice's organisations (or the operator) publishes its drafted or submitted version without
 * review: it becomes the one everyone reads, the one published before is kept as superseded.
 */
export async function publishPractice(context: CommandContext, id: string, version: number) {
  await context.db.transaction(async (tx) => {
    const current = await lockPractice(tx, context, id, publishablePractices, publishRefusal, version);
    const working = await loadVersion(tx, current.workingVersionId);
    if (!working) throw conflict('Публиковать нечего: у практики нет новой версии.');
    await publishWorkingVersion(tx, context, current, working);
  });
  return getPractice(context, id);
}
