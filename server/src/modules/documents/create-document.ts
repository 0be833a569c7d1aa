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

/** Kinds the coordinator drafts from the template list; accessions and exchange agreements start from their own records. */
export type TemplateKind = Exclude<DocumentKind, 'accession' | 'resource_exchange'>;

export interface CreateDocumentInput {
  networkId: string;
  kind: TemplateKind;
  /** Replaces the template's title. */
  title?: string;
}

/** Inserts a document with its first version; shared by templates, accessions and resource exchange agreements. */
export async function insertDocument(
  tx: Database,
  context: Pick<CommandContext, 'actor' | 'ip'>,
  values: {
    networkId: string;
    kind: DocumentKind;
    title: string;
    body: string;
    parentDocumentId?: string;
    accedingOrganizationId?: string;
    partyOrganizationIds?: string[];
    /** `signing` when the text needs no coordinator's review: an exchange agreement states terms its parties already agreed. */
    state?: 'draft' | 'signing';
  },
) {
  const userId = context.actor?.userId ?? null;
  const [document] = await tx
    .insert(networkDocuments)
    .values({
      networkId: values.networkId,
      kind: values.kind,
      title: values.title,
      state: values.state ?? 'draft',
      parentDocumentId: values.parentDocumentId,
      accedingOrganizationId: values.accedingOrganizationId,
      partyOrganizationIds: values.partyOrganizationIds,
      createdBy: userId,
    })
    .returning();
  const sha256 = versionSha256(values.title, values.body);
  const [version] = await tx.insert(documentVersions).values({ documentId: document.id, version: 1, title: values.title, body: values.body, sha256, createdBy: userId }).returning();
  await recordAudit(tx, context, {
    action: 'document.created',
    entityType: 'network_document',
    entityId: document.id,
    after: {
      networkId: values.networkId,
      kind: values.kind,
      title: values.title,
      state: document.state,
      versionId: version.id,
      version: 1,
      sha256,
      parentDocumentId: values.parentDocumentId ?? null,
      accedingOrganizationId: values.accedingOrganizationId ?? null,
      partyOrganizationIds: values.partyOrganizationIds ?? null,
    },
  });
  return document;
}

/** The coordinator drafts a document of the network from its Russian template, filled from the network and its members. */
export async function createDocument(context: CommandContext, input: CreateDocumentInput) {
  if (!context.actor) throw notSignedIn();
  const network = await loadVisibleNetwork(context.db, context.actor, input.networkId);
  authorize(context.actor, (actor) => documentPolicy.manage(actor, network));
  if ((input.kind as DocumentKind) === 'accession' || (input.kind as DocumentKind) === 'resource_exchange') {
    throw invalid('Этот вид документа создаётся не из списка шаблонов: соглашение о присоединении — из подписанного договора, соглашение об обмене ресурсами — из принятого обмена.', [
      { field: 'kind', message: 'Выберите другой вид документа' },
    ]);
  }
  const rendered = renderTemplate(input.kind, await templateContext(context.db, network));
  const title = input.title?.trim() || rendered.title;
  const document = await context.db.transaction((tx) => insertDocument(tx, context, { networkId: network.id, kind: input.kind, title, body: rendered.body }));
  return presentDocument(context.db, context.actor, document, network);
}
