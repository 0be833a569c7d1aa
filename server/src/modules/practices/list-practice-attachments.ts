import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { practiceAttachments } from './schema';

type AttachmentRow = typeof practiceAttachments.$inferSelect;

/** An attachment as the card shows it: an uploaded file with its download address, a link or video with its own. */
export function presentAttachment(row: AttachmentRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    url: row.fileName ? `/api/practice-attachments/${row.id}/file` : row.url,
    fileName: row.fileName,
    contentType: row.contentType,
    byteSize: row.byteSize,
    createdAt: row.createdAt,
  };
}

/** The attachments of a practice the caller has already been shown (the card asks visiblePractices first). */
export async function listPracticeAttachments(db: Database, practiceId: string) {
  const rows = await db.select().from(practiceAttachments).where(eq(practiceAttachments.practiceId, practiceId)).orderBy(asc(practiceAttachments.createdAt));
  return rows.map(presentAttachment);
}
