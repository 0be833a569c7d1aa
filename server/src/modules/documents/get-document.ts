import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { notFound } from '../../platform/problem';
import { type NetworkRow, activeMemberIds, loadVisibleNetwork } from '../networks/access';
import { organizations } from '../organizations/schema';
import { annexStatusOf } from './annex';
import { type DocumentRow, accessionsOf, authorityOf, bindsWholeNetwork, loadVisibleDocument, partyOrganizations, requiredSigners, requiredSignersAmong } from './document-access';
import { baseSchoolRegister } from '../organizations/schema';
import { documentPolicy } from './policy';
import { documentSignatures, documentVersions, networkDocuments } from './schema';
import { documentKindLabels } from './templates';

const collator = new Intl.Collator('ru');

async function organizationNames(db: Database, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, { shortName: string; fullName: string }>();
  const rows = await db.select({ id: organizations.id, shortName: organizations.shortName, fullName: organizations.fullName }).from(organizations).where(inArray(organizations.id, unique));
  return new Map(rows.map((r) => [r.id, { shortName: r.shortName, fullName: r.fullName }]));
}

/**
 * A document with every version, every signature (voided ones too: they stay for the chain and the
 * history), the parties of the current version and what the caller may do with it.
 */
export async function presentDocument(db: Database, actor: Actor | null, document: DocumentRow, network: NetworkRow) {
  const versions = await db.select().from(documentVersions).where(eq(documentVersions.documentId, document.id)).orderBy(asc(documentVersions.version));
  const signatures = await db.select().from(documentSignatures).where(eq(documentSignatures.documentId, document.id)).orderBy(asc(documentSignatures.signedAt), asc(documentSignatures.id));
  const current = versions.find((v) => v.version === document.currentVersion)!;
  const required = await requiredSigners(db, document, network);
  const live = signatures.filter((s) => s.versionId === current.id && !s.voidedAt);
  const signedBy = new Map(live.map((s) => [s.organizationId, s]));

  // A signed agreement lists the members that joined after it was signed: they accede instead of signing it.
  const accessions = bindsWholeNetwork(document) ? await accessionsOf(db, [document.id]) : [];
  const awaitingAccession =
    bindsWholeNetwork(document) && document.state === 'signed'
      ? (await activeMemberIds(db, network.id)).filter((id) => !signedBy.has(id) && !accessions.some((a) => a.organizationId === id))
      : [];

  const names = await organizationNames(db, [...required, ...signatures.map((s) => s.organizationId), ...awaitingAccession, ...accessions.map((a) => a.organizationId ?? ''), network.managingOrganizationId, document.accedingOrganizationId ?? ''].filter(Boolean));
  const nameOf = (id: string) => names.get(id)?.shortName ?? '';
  const versionNumber = new Map(versions.map((v) => [v.id, v.version]));

  const authority = await authorityOf(db, document);
  const manages = !!actor && documentPolicy.manageDocument(actor, network, authority);
  const partyInfo = await partyOrganizations(db, required);
  const signAs = actor && document.state === 'signing' ? required.filter((id) => !signedBy.has(id) && documentPolicy.signFor(actor, id, partyInfo.get(id))) : [];
  const annex = await annexStatusOf(db, document, current);
  // An authority act's effect once signed: the register entry it made.
  const act = current.act
    ? {
        ...current.act,
        registeredOn:
          (await db.select({ effectiveOn: baseSchoolRegister.effectiveOn }).from(baseSchoolRegister).where(and(eq(baseSchoolRegister.organizationId, current.act.organizationId), eq(baseSchoolRegister.documentId, document.id))).limit(1))[0]
            ?.effectiveOn ?? null,
      }
    : null;
  const parent = document.parentDocumentId
    ? (await db.select({ id: networkDocuments.id, title: networkDocuments.title }).from(networkDocuments).where(eq(networkDocuments.id, document.parentDocumentId)).limit(1))[0] ?? null
    : null;

  return {
    id: document.id,
    networkId: network.id,
    networkName: network.name,
    kind: document.kind,
    kindLabel: documentKindLabels[document.kind],
    title: document.title,
    state: document.state,
    currentVersion: document.currentVersion,
    parent,
    accedingOrganizationId: document.accedingOrganizationId,
    accedingOrganizationName: document.accedingOrganizationId ? nameOf(document.accedingOrganizationId) : null,
    /** Who the parties are: every member, the organisations named, or one education authority alone. */
    partyScope: document.partyScope,
    /** The plan annex of the current version and whether the plan still says the same (else: superseded, make a new version). */
    annex,
    /** What an authority act changes once signed, and the register entry it made. */
    act,
    createdBy: document.createdBy,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    /** The text in force; its `id` and `sha256` are what an edit, a send or a signature must name. */
    current: { id: current.id, version: current.version, title: current.title, body: current.body, annex: current.annex, sha256: current.sha256, createdAt: current.createdAt },
    versions: versions.map((v) => ({ id: v.id, version: v.version, title: v.title, body: v.body, annex: v.annex, sha256: v.sha256, createdBy: v.createdBy, createdAt: v.createdAt })),
    signatures: signatures.map((s) => ({
      id: s.id,
      versionId: s.versionId,
      version: versionNumber.get(s.versionId) ?? null,
      organizationId: s.organizationId,
      organizationName: nameOf(s.organizationId),
      signerId: s.signerId,
      signerName: s.signerName,
      versionSha256: s.versionSha256,
      signedAt: s.signedAt,
      previousHash: s.previousHash,
      hash: s.hash,
      voidedAt: s.voidedAt,
    })),
    /** Who must sign the current version, and who has. */
    parties: required
      .map((id) => {
        const signature = signedBy.get(id);
        return { organizationId: id, organizationName: nameOf(id), signed: !!signature, signerName: signature?.signerName ?? null, signedAt: signature?.signedAt ?? null };
      })
      .sort((a, b) => Number(b.organizationId === network.managingOrganizationId) - Number(a.organizationId === network.managingOrganizationId) || collator.compare(a.organizationName, b.organizationName)),
    accessions: accessions.map((a) => ({ id: a.id, organizationId: a.organizationId, organizationName: a.organizationId ? nameOf(a.organizationId) : '', state: a.state })),
    awaitingAccession: awaitingAccession.map((id) => ({ organizationId: id, organizationName: nameOf(id) })),
    permissions: {
      // A signed authority act has changed the data it governs: it is not edited, a new act is issued.
      canEdit: manages && !(current.act && document.state === 'signed'),
      canSend: manages && document.state === 'draft',
      /** The plan changed since this version: the coordinator makes a new version with the annex as the plan is now. */
      canRefreshAnnex: manages && !!annex?.superseded && !annex.planDeleted,
      canSign: signAs.length > 0,
      /** The organisations the caller may sign for now (usually one). */
      signAs: signAs.map((id) => ({ organizationId: id, organizationName: nameOf(id) })),
      canCreateAccession: manages && awaitingAccession.length > 0,
    },
  };
}

export type DocumentView = Awaited<ReturnType<typeof presentDocument>>;

export async function getDocument(context: CommandContext, id: string): Promise<DocumentView> {
  const { document, network } = await loadVisibleDocument(context.db, context.actor, id);
  return presentDocument(context.db, context.actor, document, network);
}

/** The network's documents, oldest first, with how many of the required parties signed the current version. */
export async function listDocuments(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const rows = (await context.db.select().from(networkDocuments).where(eq(networkDocuments.networkId, networkId)).orderBy(asc(networkDocuments.createdAt), asc(networkDocuments.id))).filter((row) =>
    documentPolicy.read(context.actor, row, network),
  );
  const live = rows.length
    ? await context.db
        .select({ documentId: documentSignatures.documentId, organizationId: documentSignatures.organizationId })
        .from(documentSignatures)
        .innerJoin(documentVersions, eq(documentVersions.id, documentSignatures.versionId))
        .innerJoin(networkDocuments, and(eq(networkDocuments.id, documentSignatures.documentId), eq(networkDocuments.currentVersion, documentVersions.version)))
        .where(and(eq(networkDocuments.networkId, networkId), isNull(documentSignatures.voidedAt)))
    : [];
  const members = await activeMemberIds(context.db, networkId);
  const names = await organizationNames(context.db, rows.flatMap((r) => [r.accedingOrganizationId ?? '', ...(r.partyScope === 'members' ? [] : (r.partyOrganizationIds ?? []))]).filter(Boolean));
  return {
    items: rows.map((row) => {
      const required = requiredSignersAmong(row, network, members);
      const signed = new Set(live.filter((s) => s.documentId === row.id).map((s) => s.organizationId));
      return {
        id: row.id,
        kind: row.kind,
        kindLabel: documentKindLabels[row.kind],
        title: row.title,
        state: row.state,
        currentVersion: row.currentVersion,
        parentDocumentId: row.parentDocumentId,
        accedingOrganizationId: row.accedingOrganizationId,
        accedingOrganizationName: row.accedingOrganizationId ? (names.get(row.accedingOrganizationId)?.shortName ?? '') : null,
        partyScope: row.partyScope,
        /** For named parties and authority acts: who they are (short names). */
        partyNames: row.partyScope === 'members' || row.kind === 'accession' ? [] : required.map((id) => names.get(id)?.shortName ?? ''),
        hasAnnex: !!row.annexPlanId,
        signedCount: required.filter((id) => signed.has(id)).length,
        requiredCount: required.length,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      };
    }),
    canCreate: !!context.actor && documentPolicy.manage(context.actor, network),
  };
}
