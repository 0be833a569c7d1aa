import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { invalid, notSignedIn } from '../../platform/problem';
import { loadVisibleNetwork } from '../networks/access';
import { presentDocument } from './get-document';
import { versionSha256 } from './hashing';
import { documentPolicy } from './policy';
import { type DocumentKind, documentVersions, networkDocuments } from './schema';
import { templateContext } from './template-context';
import { renderTemplate } from './templates';

export interface CreateDocumentInput {
  networkId: string;
  kind: Exclude<DocumentKind, 'accession'>;
  /** Replaces the template's title. */
  title?: string;
}

/** Inserts a document with its first version; shared by templates and accessions. */
export async function insertDocument(
  tx: Database,
  context: CommandContext,
  values: { networkId: string; kind: DocumentKind; title: string; body: string; parentDocumentId?: string; accedingOrganizationId?: string },
) {
  const userId = context.actor?.userId ?? null;
  const [document] = await tx
    .insert(networkDocuments)
    .values({ networkId: values.networkId, kind: values.kind, title: values.title, parentDocumentId: values.parentDocumentId, accedingOrganizationId: values.accedingOrganizationId, createdBy: userId })
    .returning();
  const sha256 = versionSha256(values.title, values.body);
  const [version] = await tx.insert(documentVersions).values({ documentId: document.id, version: 1, title: values.title, body: values.body, sha256, createdBy: userId }).returning();
  await recordAudit(tx, context, {
    action: 'document.created',
    entityType: 'network_document',
    entityId: document.id,
    after: { networkId: values.networkId, kind: values.kind, title: values.title, versionId: version.id, version: 1, sha256, parentDocumentId: values.parentDocumentId ?? null, accedingOrganizationId: values.accedingOrganizationId ?? null },
  });
  return document;
}

/** The coordinator drafts a document of the network from its Russian template, filled from the network and its members. */
export async function createDocument(context: CommandContext, input: CreateDocumentInput) {
  if (!context.actor) throw notSignedIn();
  const network = await loadVisibleNetwork(context.db, context.actor, input.networkId);
  authorize(context.actor, (actor) => documentPolicy.manage(actor, network));
  if ((input.kind as DocumentKind) === 'accession') {
    throw invalid('Соглашение о присоединении создаётся из подписанного договора, а не из списка шаблонов.', [{ field: 'kind', message: 'Выберите другой вид документа' }]);
  }
  const rendered = renderTemplate(input.kind, await templateContext(context.db, network));
  const title = input.title?.trim() || rendered.title;
  const document = await context.db.transaction((tx) => insertDocument(tx, context, { networkId: network.id, kind: input.kind, title, body: rendered.body }));
  return presentDocument(context.db, context.actor, document, network);
}
