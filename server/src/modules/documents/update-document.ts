import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { currentVersionOf, liveSignatures, loadVisibleDocument, lockDocument, requireCurrent } from './document-access';
import { presentDocument } from './get-document';
import { notifySigners } from './notify-signers';
import { versionSha256 } from './hashing';
import { documentPolicy } from './policy';
import { documentSignatures, documentVersions, networkDocuments } from './schema';

export interface UpdateDocumentInput {
  documentId: string;
  /** The version the editor started from, and its SHA-256: a concurrent edit or signature makes this a 409, never a silent overwrite. */
  versionId: string;
  sha256: string;
  title?: string;
  body?: string;
}

/**
 * The coordinator edits the title or text. A version nobody has signed is edited in place (its
 * SHA-256 recomputed); a version with signatures is never changed: the edit becomes a new version,
 * the old version's signatures are voided and the document waits for signatures again.
 * The document row is locked for the transaction, so an edit and a signature never interleave.
 */
export async function updateDocument(context: CommandContext, input: UpdateDocumentInput) {
  const { document, network } = await loadVisibleDocument(context.db, context.actor, input.documentId, { requireActor: true });
  authorize(context.actor, (actor) => documentPolicy.manage(actor, network));

  const updated = await context.db.transaction(async (tx) => {
    const locked = await lockDocument(tx, document.id);
    const current = await currentVersionOf(tx, locked);
    requireCurrent(current, input, 'внесите правки');
    const title = input.title?.trim() ?? current.title;
    const body = input.body !== undefined ? input.body.replace(/\r\n?/g, '\n') : current.body;
    if (title === current.title && body === current.body) return locked;

    const sha256 = versionSha256(title, body);
    const signatures = await liveSignatures(tx, current.id);
    const now = new Date();
    const before = { title: current.title, version: current.version, versionId: current.id, sha256: current.sha256, state: locked.state };

    if (!signatures.length) {
      await tx.update(documentVersions).set({ title, body, sha256 }).where(eq(documentVersions.id, current.id));
      const [row] = await tx.update(networkDocuments).set({ title, updatedAt: now }).where(eq(networkDocuments.id, locked.id)).returning();
      await recordAudit(tx, context, { action: 'document.edited', entityType: 'network_document', entityId: locked.id, before, after: { ...before, title, sha256 } });
      return row;
    }

    const [version] = await tx
      .insert(documentVersions)
      .values({ documentId: locked.id, version: current.version + 1, title, body, sha256, createdBy: context.actor!.userId })
      .returning();
    await tx
      .update(documentSignatures)
      .set({ voidedAt: now })
      .where(and(eq(documentSignatures.versionId, current.id), isNull(documentSignatures.voidedAt)));
    // Signatures exist only once the document was sent, so the new version goes straight back out for signature.
    const [row] = await tx
      .update(networkDocuments)
      .set({ title, currentVersion: version.version, state: 'signing', updatedAt: now })
      .where(eq(networkDocuments.id, locked.id))
      .returning();
    await recordAudit(tx, context, {
      action: 'document.revised',
      entityType: 'network_document',
      entityId: locked.id,
      before,
      after: { title, version: version.version, versionId: version.id, sha256, state: row.state, voidedSignatureIds: signatures.map((s) => s.id) },
    });
    await notifySigners(tx, row, network);
    return row;
  });
  return presentDocument(context.db, context.actor, updated, network);
}
