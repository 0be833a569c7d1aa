import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { loadNetworkUnscreened } from '../networks/access';
import { currentVersionOf, liveSignatures, lockDocument, requiredSigners } from './document-access';
import { networkDocuments } from './schema';

/**
 * For the networks module, inside the transaction that ends a membership: a document out for
 * signature that now lacks no signature but the departed member's becomes signed. Returns the ids
 * of the documents it completed.
 */
export async function settleDocumentsAfterMembershipChange(tx: Database, context: Pick<CommandContext, 'actor' | 'ip'>, networkId: string): Promise<string[]> {
  const network = await loadNetworkUnscreened(tx, networkId);
  const waiting = await tx
    .select({ id: networkDocuments.id })
    .from(networkDocuments)
    .where(and(eq(networkDocuments.networkId, networkId), eq(networkDocuments.state, 'signing')))
    .orderBy(asc(networkDocuments.id));
  const completed: string[] = [];
  for (const { id } of waiting) {
    const document = await lockDocument(tx, id);
    if (document.state !== 'signing') continue;
    const required = await requiredSigners(tx, document, network);
    const current = await currentVersionOf(tx, document);
    const signed = new Set((await liveSignatures(tx, current.id)).map((s) => s.organizationId));
    if (!required.length || !required.every((orgId) => signed.has(orgId))) continue;
    await tx.update(networkDocuments).set({ state: 'signed', updatedAt: new Date() }).where(eq(networkDocuments.id, id));
    await recordAudit(tx, context, { action: 'document.completed', entityType: 'network_document', entityId: id, before: { state: 'signing' }, after: { state: 'signed', version: current.version, reason: 'membership_changed' } });
    completed.push(id);
  }
  return completed;
}
