import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem } from '../../platform/problem';
import { annexStatusOf } from './annex';
import { authorityOf, currentVersionOf, loadVisibleDocument, lockDocument, requireCurrent, requiredSigners } from './document-access';
import { presentDocument } from './get-document';
import { notifySigners } from './notify-signers';
import { documentPolicy } from './policy';
import { networkDocuments } from './schema';

/** The coordinator sends the draft, in the version they reviewed, to the heads of the parties: draft → signing. */
export async function sendForSignature(context: CommandContext, input: { documentId: string; versionId: string; sha256: string }) {
  const { document, network } = await loadVisibleDocument(context.db, context.actor, input.documentId, { requireActor: true });
  const authority = await authorityOf(context.db, document);
  authorize(context.actor, (actor) => documentPolicy.manageDocument(actor, network, authority));

  const updated = await context.db.transaction(async (tx) => {
    const locked = await lockDocument(tx, document.id);
    if (locked.state !== 'draft') {
      throw new Problem(409, 'Документ уже отправлен', locked.state === 'signed' ? 'Документ уже подписан всеми сторонами.' : 'Документ уже отправлен на подпись.');
    }
    const current = await currentVersionOf(tx, locked);
    requireCurrent(current, input, 'отправьте документ на подпись');
    const annex = await annexStatusOf(tx, locked, current);
    if (annex?.superseded) {
      throw new Problem(409, 'Приложение устарело', 'План, взятый в приложение, изменился после составления документа: обновите приложение, прочитайте его и отправьте документ на подпись.');
    }
    if (!(await requiredSigners(tx, locked, network)).length) {
      throw new Problem(409, 'Некому подписывать', 'У документа нет сторон, руководители которых могли бы его подписать: в сети нет действующих участников.');
    }
    const [row] = await tx.update(networkDocuments).set({ state: 'signing', updatedAt: new Date() }).where(eq(networkDocuments.id, locked.id)).returning();
    await recordAudit(tx, context, {
      action: 'document.sent',
      entityType: 'network_document',
      entityId: locked.id,
      before: { state: locked.state },
      after: { state: row.state, version: current.version, versionId: current.id, sha256: current.sha256 },
    });
    await notifySigners(tx, row, network);
    return row;
  });
  return presentDocument(context.db, context.actor, updated, network);
}
