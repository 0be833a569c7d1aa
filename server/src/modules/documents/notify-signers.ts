import type { Database } from '../../platform/db/client';
import { type NetworkRow, organizationHeads } from '../networks/access';
import { notify } from '../notifications/notify';
import { type DocumentRow, currentVersionOf, liveSignatures, requiredSigners } from './document-access';

/**
 * Tells the heads of the parties that have not signed the current version that it awaits their signature;
 * inside the transaction that sent the document (or a new version of it) out for signature.
 */
export async function notifySigners(tx: Database, document: DocumentRow, network: NetworkRow) {
  const current = await currentVersionOf(tx, document);
  const signed = new Set((await liveSignatures(tx, current.id)).map((s) => s.organizationId));
  const parties = (await requiredSigners(tx, document, network)).filter((id) => !signed.has(id));
  const people = [...new Set((await organizationHeads(tx, parties)).map((h) => h.userId))];
  await notify(
    tx,
    people.map((userId) => ({
      userId,
      kind: 'signature_requested' as const,
      title: `Документ «${document.title}» ждёт вашей подписи`,
      body: current.version > 1 ? `Сеть «${network.name}». Текст изменён (редакция № ${current.version}): прежние подписи больше не действуют.` : `Сеть «${network.name}».`,
      link: `/networks/${network.id}/documents/${document.id}`,
      data: { documentId: document.id, version: current.version },
    })),
  );
}
