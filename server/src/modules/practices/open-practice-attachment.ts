import { and, eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { notFound } from '../../platform/problem';
import { visiblePractices } from './access';
import { practiceAttachmentFiles, practiceAttachments, practices } from './schema';

/** The bytes of a file attached to a practice the caller may see (404 otherwise, as a missing one). */
export async function openPracticeAttachment(context: CommandContext, attachmentId: string) {
  const [row] = await context.db
    .select({ fileName: practiceAttachments.fileName, contentType: practiceAttachments.contentType, data: practiceAttachmentFiles.content })
    .from(practiceAttachments)
    .innerJoin(practices, eq(practices.id, practiceAttachments.practiceId))
    .innerJoin(practiceAttachmentFiles, eq(practiceAttachmentFiles.attachmentId, practiceAttachments.id))
    .where(and(eq(practiceAttachments.id, attachmentId), visiblePractices(context.actor)))
    .limit(1);
  if (!row?.fileName || !row.contentType) throw notFound('Файл');
  return { fileName: row.fileName, contentType: row.contentType, data: row.data };
}
