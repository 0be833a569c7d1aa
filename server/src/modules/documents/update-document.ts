import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem } from '../../platform/problem';
import { planAnnexOf, sameAnnex } from './annex';
import { authorityOf, currentVersionOf, liveSignatures, loadVisibleDocument, lockDocument, requireCurrent } from './document-access';
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
  /** Take the annex afresh from the plan as it is now (after the plan changed: the signed annex is superseded). */
  refreshAnnex?: boolean;
}

/**
 * The coordinator edits the title or text. A version nobody has signed is edited in place (its
 * SHA-256 recomputed); a version with signatures is never changed: the edit becomes a new version,
 * the old version's signatures are voided and the document waits for signatures again.
 * The document row is locked for the transaction, so an edit and a signature never interleave.
 */
export async function updateDocument(context: CommandContext, input: UpdateDocumentInput) {
  const { document, network } = await loadVisibleDocument(context.db, context.actor, input.documentId, { requireActor: true });
  const authority = await authorityOf(context.db, document);
  authorize(context.actor, (actor) => documentPolicy.manageDocument(actor, network, authority));

  const updated = await context.db.transaction(async (tx) => {
    const locked = await lockDocument(tx, document.id);
    const current = await currentVersionOf(tx, locked);
    requireCurrent(current, input, 'внесите правки');
    const title = input.title?.trim() ?? current.title;
    const body = input.body !== undefined ? input.body.replace(/\r\n?/g, '\n') : current.body;
    // The annex and the act go with every new version; the annex is taken afresh from the plan only when asked.
    let annex = current.annex;
    if (input.refreshAnnex) {
      if (!current.annex) throw new Problem(409, 'Приложения нет', 'У документа нет приложения-плана, которое можно обновить.');
      annex = locked.annexPlanId ? await planAnnexOf(tx, locked.annexPlanId, current.annex.itemIds) : null;
      if (!annex) throw new Problem(409, 'План удалён', 'План, взятый в приложение, удалён: обновить приложение нельзя. Создайте новый документ с действующим планом.');
    }
    const act = current.act;
    if (act && locked.state === 'signed') {
      throw new Problem(409, 'Приказ уже действует', 'Подписанный приказ уже внёс изменения в реестр: его текст не меняется. Изменения вносятся новым приказом.');
    }
    if (title === current.title && body === current.body && sameAnnex(annex, current.annex)) return locked;

    const sha256 = versionSha256(title, body, { annex, act });
    const signatures = await liveSignatures(tx, current.id);
    const now = new Date();
    const before = { title: current.title, version: current.version, versionId: current.id, sha256: current.sha256, state: locked.state };

    if (!signatures.length) {
      await tx.update(documentVersions).set({ title, body, annex, sha256 }).where(eq(documentVersions.id, current.id));
      const [row] = await tx.update(networkDocuments).set({ title, updatedAt: now }).where(eq(networkDocuments.id, locked.id)).returning();
      await recordAudit(tx, context, { action: 'document.edited', entityType: 'network_document', entityId: locked.id, before, after: { ...before, title, sha256, annexRefreshed: !!input.refreshAnnex } });
      return row;
    }

    const [version] = await tx
      .insert(documentVersions)
      .values({ documentId: locked.id, version: current.version + 1, title, body, annex, act, sha256, createdBy: context.actor!.userId })
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
      after: { title, version: version.version, versionId: version.id, sha256, state: row.state, voidedSignatureIds: signatures.map((s) => s.id), annexRefreshed: !!input.refreshAnnex },
    });
    await notifySigners(tx, row, network);
    return row;
  });
  return presentDocument(context.db, context.actor, updated, network);
}
