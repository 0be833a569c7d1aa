import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict } from '../../platform/problem';
import { editablePractices } from './access';
import { getPractice } from './get-practice';
import { loadVersion, lockPractice, savePractice } from './practice-writes';
import { practiceVersions } from './schema';
import { editRefusal } from './update-practice';

/**
 * The authors submit the drafted version for review or publication; from now on it is not rewritten. A practice
 * never published becomes «submitted»; a published one stays published with its edit waiting.
 */
export async function submitPractice(context: CommandContext, id: string, version: number) {
  await context.db.transaction(async (tx) => {
    const current = await lockPractice(tx, context, id, editablePractices, editRefusal, version);
    const working = await loadVersion(tx, current.workingVersionId);
    if (current.state === 'archived' || working?.state !== 'draft') throw conflict('Отправлять нечего: у практики нет черновика. Сначала внесите изменения.');
    const now = context.now ?? new Date();
    await tx.update(practiceVersions).set({ state: 'submitted', submittedAt: now }).where(eq(practiceVersions.id, working.id));
    const after = await savePractice(tx, context, current, { state: current.publishedVersionId ? current.state : 'submitted' });
    await recordAudit(tx, context, { action: 'practice.submitted', entityType: 'practice', entityId: id, before: current, after: { ...after, submittedVersionId: working.id } });
  });
  return getPractice(context, id);
}
