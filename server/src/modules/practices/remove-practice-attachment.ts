import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { notFound, notSignedIn } from '../../platform/problem';
import { visiblePractices, editablePractices } from './access';
import { lockPractice } from './practice-writes';
import { practiceAttachments, practices } from './schema';
import { editRefusal } from './update-practice';

/** An author or a head removes an attachment; its file goes with it. */
export async function removePracticeAttachment(context: CommandContext, attachmentId: string) {
  if (!context.actor) throw notSignedIn();
  await context.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: practiceAttachments.id, practiceId: practiceAttachments.practiceId })
      .from(practiceAttachments)
      .innerJoin(practices, eq(practices.id, practiceAttachments.practiceId))
      .where(and(eq(practiceAttachments.id, attachmentId), visiblePractices(context.actor)));
    if (!found) throw notFound('Вложение');
    await lockPractice(tx, context, found.practiceId, editablePractices, editRefusal);
    const [removed] = await tx.delete(practiceAttachments).where(eq(practiceAttachments.id, attachmentId)).returning();
    await recordAudit(tx, context, { action: 'practice.attachment_removed', entityType: 'practice', entityId: found.practiceId, before: removed });
  });
}
