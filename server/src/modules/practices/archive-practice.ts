import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict } from '../../platform/problem';
import { publishablePractices } from './access';
import { getPractice } from './get-practice';
import { lockPractice, savePractice } from './practice-writes';
import { publishRefusal } from './publish-practice';

/**
 * A head of the practice's organisations (or the operator) moves it to the archive: it leaves the library and is
 * seen only by its organisations, its authors and the operator; its versions are kept.
 */
export async function archivePractice(context: CommandContext, id: string, version: number) {
  await context.db.transaction(async (tx) => {
    const current = await lockPractice(tx, context, id, publishablePractices, publishRefusal, version);
    if (current.state === 'archived') throw conflict('Практика уже в архиве.');
    const after = await savePractice(tx, context, current, { state: 'archived' });
    await recordAudit(tx, context, { action: 'practice.archived', entityType: 'practice', entityId: id, before: current, after });
  });
  return getPractice(context, id);
}
