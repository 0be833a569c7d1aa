import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict } from '../../platform/problem';
import { publishablePractices } from './access';
import { getPractice } from './get-practice';
import { loadVersion, lockPractice, savePractice } from './practice-writes';
import { practiceVersions } from './schema';

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
    const now = context.now ?? new Date();
    if (current.publishedVersionId) await tx.update(practiceVersions).set({ state: 'superseded' }).where(eq(practiceVersions.id, current.publishedVersionId));
    await tx
      .update(practiceVersions)
      .set({ state: 'published', submittedAt: working.submittedAt ?? now, publishedAt: now, publishedBy: context.actor!.userId })
      .where(eq(practiceVersions.id, working.id));
    const after = await savePractice(tx, context, current, { state: 'published', publishedVersionId: working.id, workingVersionId: null, publishedAt: now });
    await recordAudit(tx, context, { action: 'practice.published', entityType: 'practice', entityId: id, before: current, after: { ...after, publishedVersionNumber: working.number } });
  });
  return getPractice(context, id);
}
