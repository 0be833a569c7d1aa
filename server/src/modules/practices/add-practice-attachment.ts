import { count, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { acceptUpload, fileProblems } from '../../platform/files/files';
import type { ReceivedUpload } from '../../platform/http/upload';
import { Problem, conflict, notSignedIn } from '../../platform/problem';
import { editablePractices } from './access';
import { presentAttachment } from './list-practice-attachments';
import type { AttachmentLink } from './practice-fields';
import { lockPractice } from './practice-writes';
import { practiceAttachmentFiles, practiceAttachments } from './schema';
import { editRefusal } from './update-practice';

/** A file attached to a practice is at most this size; a practice has at most this many attachments. */
export const attachmentLimits = { bytes: 25 * 1024 * 1024, perPractice: 30 } as const;
export const attachmentProblems = { tooLarge: fileProblems.tooLarge(attachmentLimits.bytes) };

/** Locks the practice the caller may edit and refuses an attachment past its limit, so two uploads at once cannot pass it. */
async function makeRoom(tx: Database, context: CommandContext, practiceId: string) {
  const practice = await lockPractice(tx, context, practiceId, editablePractices, editRefusal);
  if (practice.state === 'archived') throw conflict('Практика в архиве — вложения к ней не добавляются.');
  const [{ n }] = await tx.select({ n: count() }).from(practiceAttachments).where(eq(practiceAttachments.practiceId, practiceId));
  if (n >= attachmentLimits.perPractice) {
    throw new Problem(409, 'Слишком много вложений', `У практики уже ${attachmentLimits.perPractice} вложений. Удалите лишние или соберите файлы в одну папку и добавьте ссылкой.`);
  }
}

/** An author or a head adds a link or a video online to the practice. */
export async function addPracticeLink(context: CommandContext, practiceId: string, input: AttachmentLink) {
  if (!context.actor) throw notSignedIn();
  const row = await context.db.transaction(async (tx) => {
    await makeRoom(tx, context, practiceId);
    const [created] = await tx.insert(practiceAttachments).values({ practiceId, kind: input.kind, title: input.title, url: input.url, createdBy: context.actor!.userId }).returning();
    await recordAudit(tx, context, { action: 'practice.attachment_added', entityType: 'practice', entityId: practiceId, after: created });
    return created;
  });
  return presentAttachment(row);
}

/**
 * An author or a head uploads a file. The caller is authorised before a byte of it is read; the file is refused past
 * the size limit while it arrives, and when its bytes are not of an accepted type (an executable, whatever its name).
 */
export async function uploadPracticeFile(context: CommandContext, practiceId: string, receive: () => Promise<ReceivedUpload>) {
  if (!context.actor) throw notSignedIn();
  await context.db.transaction((tx) => lockPractice(tx, context, practiceId, editablePractices, editRefusal));
  const file = await receive();
  const { recording, data, facts } = acceptUpload(file);
  const { fileName } = facts;
  const title = (file.fields.title ?? '').trim().slice(0, 300) || fileName.replace(/\.[^.]+$/, '') || fileName;
  const row = await context.db.transaction(async (tx) => {
    await makeRoom(tx, context, practiceId);
    const [created] = await tx
      .insert(practiceAttachments)
      .values({
        practiceId,
        kind: recording ? 'video' : 'file',
        title: title.length >= 2 ? title : fileName,
        ...facts,
        createdBy: context.actor!.userId,
      })
      .returning();
    await tx.insert(practiceAttachmentFiles).values({ attachmentId: created.id, content: data });
    await recordAudit(tx, context, { action: 'practice.attachment_added', entityType: 'practice', entityId: practiceId, after: created });
    return created;
  });
  return presentAttachment(row);
}
