import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { Problem, notFound, notSignedIn } from '../../platform/problem';
import { type NetworkRow, activeMemberIds, loadVisibleNetwork } from '../networks/access';
import { documentPolicy } from './policy';
import { organizations } from '../organizations/schema';
import { documentSignatures, documentVersions, networkDocuments } from './schema';

export type DocumentRow = typeof networkDocuments.$inferSelect;
export type VersionRow = typeof documentVersions.$inferSelect;
export type SignatureRow = typeof documentSignatures.$inferSelect;

export const documentNotFound = () => notFound('Документ');

export async function loadDocument(db: Database, id: string): Promise<DocumentRow> {
  const [row] = await db.select().from(networkDocuments).where(eq(networkDocuments.id, id)).limit(1);
  if (!row) throw documentNotFound();
  return row;
}

/** The document row, locked until the transaction ends: signing, editing and sending of one document take turns. */
export async function lockDocument(tx: Database, id: string): Promise<DocumentRow> {
  const [row] = await tx.select().from(networkDocuments).where(eq(networkDocuments.id, id)).for('update');
  if (!row) throw documentNotFound();
  return row;
}

/**
 * A document and its network, if the caller may see the network and the document (documentPolicy.read);
 * otherwise 404, so neither a member-only network nor an exchange's agreement shows itself. Every read,
 * export and step on a document starts here.
 */
export async function loadVisibleDocument(db: Database, actor: Actor | null, id: string, options: { requireActor?: boolean } = {}) {
  if (options.requireActor && !actor) throw notSignedIn();
  const document = await loadDocument(db, id);
  const network = await loadVisibleNetwork(db, actor, document.networkId, 'Документ');
  if (!documentPolicy.read(actor, document, network)) throw documentNotFound();
  return { document, network };
}

export async function currentVersionOf(db: Database, document: Pick<DocumentRow, 'id' | 'currentVersion'>): Promise<VersionRow> {
  const [row] = await db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, document.id), eq(documentVersions.version, document.currentVersion)))
    .limit(1);
  if (!row) throw new Problem(500, 'Документ повреждён', 'У документа нет текущей редакции. Сообщите оператору платформы.');
  return row;
}

/**
 * Whether every active member of the network is a party (and members that join later accede): a document whose parties
 * are all members. Not an accession (the acceding organisation and the managing one), an exchange agreement (its two
 * organisations), a document with named parties nor an authority act.
 */
export const bindsWholeNetwork = (document: Pick<DocumentRow, 'kind' | 'partyScope'>) =>
  document.partyScope === 'members' && document.kind !== 'accession' && document.kind !== 'resource_exchange';

/** The organisations whose heads must sign the current version, given the network's active members. */
export function requiredSignersAmong(
  document: Pick<DocumentRow, 'kind' | 'accedingOrganizationId' | 'partyOrganizationIds' | 'partyScope'>,
  network: Pick<NetworkRow, 'managingOrganizationId'>,
  activeMembers: readonly string[],
): string[] {
  if (document.kind === 'accession') {
    return [...new Set([document.accedingOrganizationId, network.managingOrganizationId].filter((id): id is string => !!id))];
  }
  if (document.kind === 'resource_exchange' || document.partyScope !== 'members') return [...new Set(document.partyOrganizationIds ?? [])];
  return [...activeMembers];
}

/** The organisations whose heads must sign the current version of `document`. */
export async function requiredSigners(db: Database, document: DocumentRow, network: NetworkRow): Promise<string[]> {
  return requiredSignersAmong(document, network, bindsWholeNetwork(document) ? await activeMemberIds(db, network.id) : []);
}

/** What signFor needs to know of a party: an education authority is signed for by its head or by the authority's people. */
export type PartyOrganization = { id: string; kind: string; municipalityId: string };

export async function partyOrganizations(db: Database, ids: readonly string[]): Promise<Map<string, PartyOrganization>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: organizations.id, kind: organizations.kind, municipalityId: organizations.municipalityId }).from(organizations).where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * For an authority act: the authority organisation that issues it (its one party). Null for every other document.
 */
export async function authorityOf(db: Database, document: Pick<DocumentRow, 'partyScope' | 'partyOrganizationIds'>): Promise<PartyOrganization | null> {
  if (document.partyScope !== 'authority' || !document.partyOrganizationIds?.length) return null;
  return (await partyOrganizations(db, document.partyOrganizationIds.slice(0, 1))).get(document.partyOrganizationIds[0]) ?? null;
}

/** Signatures that still count: of `versionId`, not voided. */
export async function liveSignatures(db: Database, versionId: string): Promise<SignatureRow[]> {
  return db
    .select()
    .from(documentSignatures)
    .where(and(eq(documentSignatures.versionId, versionId), isNull(documentSignatures.voidedAt)))
    .orderBy(asc(documentSignatures.signedAt));
}

/** The newest signature of a document: the link the next one hashes. */
export async function chainTail(db: Database, documentId: string): Promise<SignatureRow | null> {
  const [row] = await db
    .select()
    .from(documentSignatures)
    .where(eq(documentSignatures.documentId, documentId))
    .orderBy(desc(documentSignatures.signedAt), desc(documentSignatures.id))
    .limit(1);
  return row ?? null;
}

/** Accessions already started from `parentId`, per acceding organisation. */
export async function accessionsOf(db: Database, parentIds: string[]) {
  if (!parentIds.length) return [];
  return db
    .select({ id: networkDocuments.id, parentDocumentId: networkDocuments.parentDocumentId, organizationId: networkDocuments.accedingOrganizationId, state: networkDocuments.state })
    .from(networkDocuments)
    .where(inArray(networkDocuments.parentDocumentId, parentIds));
}

/** The version the caller read must still be the current one, with the same text; otherwise 409. */
export function requireCurrent(current: VersionRow, read: { versionId: string; sha256: string }, action: string) {
  if (current.id !== read.versionId || current.sha256 !== read.sha256) {
    throw new Problem(
      409,
      'Документ изменился',
      `Документ изменён после того, как вы его открыли: действует редакция № ${current.version}. Обновите страницу, прочитайте актуальный текст и ${action} ещё раз.`,
      { currentVersionId: current.id, currentVersion: current.version, currentSha256: current.sha256 },
    );
  }
}
