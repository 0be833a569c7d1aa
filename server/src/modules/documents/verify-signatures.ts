import { and, asc, eq, like, sql } from 'drizzle-orm';
import { auditEntries } from '../../platform/audit/schema';
import type { Database } from '../../platform/db/client';
import { ZERO_HASH, signatureHash, versionSha256 } from './hashing';
import { documentSignatures, documentVersions, networkDocuments } from './schema';

export type IntegrityProblem =
  | 'version_sha256'
  | 'signature_hash'
  | 'chain_link'
  | 'signature_version'
  | 'signature_voiding'
  | 'voiding_unrecorded'
  | 'audit_mismatch'
  | 'audit_missing'
  | 'state_unrecorded'
  | 'state_unjustified';

export interface BrokenRecord {
  documentId: string;
  table: 'network_documents' | 'network_document_versions' | 'network_document_signatures';
  recordId: string;
  problem: IntegrityProblem;
  /** What is wrong, in Russian, for the operator. */
  detail: string;
}

export interface IntegrityReport {
  documents: number;
  versions: number;
  signatures: number;
  broken: BrokenRecord[];
}

interface DocumentAudit {
  action: string;
  after: { state?: string; version?: number; signatureId?: string; hash?: string; voidedSignatureIds?: string[]; signatures?: { signatureId: string; hash: string }[] } | null;
}

const stateLabels: Record<string, string> = { draft: 'черновик', signing: 'на подписании', signed: 'подписан' };

/**
 * Recomputes every version's SHA-256 and every signature chain from the stored records, and the document's state from
 * its signatures and its audit trail, and lists the records that do not add up: an edited text; an edited, re-hashed
 * or re-named signature (the next link or the audited hash no longer matches); a signature on an old version that was
 * never voided, or voided without a revision that voided it; a signature the audit log saw but the table no longer has,
 * or one the audit log never saw; a state no signature and no audit entry produced. The audit entries it relies on are
 * themselves checked by `verifyAuditChain`.
 */
export async function verifySignatureChains(db: Database, options: { documentId?: string } = {}): Promise<IntegrityReport> {
  const only = options.documentId;
  const documents = await db
    .select({ id: networkDocuments.id, state: networkDocuments.state, currentVersion: networkDocuments.currentVersion })
    .from(networkDocuments)
    .where(only ? eq(networkDocuments.id, only) : undefined);
  const versions = await db.select().from(documentVersions).where(only ? eq(documentVersions.documentId, only) : undefined);
  const signatures = await db
    .select()
    .from(documentSignatures)
    .where(only ? eq(documentSignatures.documentId, only) : undefined)
    .orderBy(asc(documentSignatures.documentId), asc(documentSignatures.signedAt), asc(documentSignatures.id));
  const audit = await db
    .select({ documentId: auditEntries.entityId, action: auditEntries.action, after: auditEntries.after })
    .from(auditEntries)
    .where(and(eq(auditEntries.entityType, 'network_document'), like(auditEntries.action, 'document.%'), only ? eq(auditEntries.entityId, only) : undefined))
    .orderBy(sql`${auditEntries.chainSeq} asc nulls last`, asc(auditEntries.id));

  const broken: BrokenRecord[] = [];
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const currentVersionId = new Map<string, string>();
  for (const d of documents) {
    const current = versions.find((v) => v.documentId === d.id && v.version === d.currentVersion);
    if (current) currentVersionId.set(d.id, current.id);
  }

  // What the audit trail says: each signature's hash as last sealed, the signatures a revision voided, each document's last state.
  const auditedHash = new Map<string, { documentId: string; hash: string | undefined }>();
  const auditedVoiding = new Set<string>();
  const auditedState = new Map<string, DocumentAudit[]>();
  for (const entry of audit as (DocumentAudit & { documentId: string | null })[]) {
    const documentId = entry.documentId ?? '';
    const after = entry.after;
    if (entry.action === 'document.signed' && after?.signatureId) auditedHash.set(after.signatureId, { documentId, hash: after.hash });
    for (const s of entry.action === 'document.signatures_resealed' ? (after?.signatures ?? []) : []) auditedHash.set(s.signatureId, { documentId, hash: s.hash });
    if (entry.action === 'document.revised') for (const id of after?.voidedSignatureIds ?? []) auditedVoiding.add(id);
    (auditedState.get(documentId) ?? auditedState.set(documentId, []).get(documentId)!).push(entry);
  }

  for (const v of versions) {
    if (versionSha256(v.title, v.body, v) !== v.sha256) {
      broken.push({ documentId: v.documentId, table: 'network_document_versions', recordId: v.id, problem: 'version_sha256', detail: `Текст, заголовок или приложение редакции № ${v.version} не совпадает с её хешем SHA-256.` });
    }
  }

  let previous: { documentId: string; hash: string } | null = null;
  for (const s of signatures) {
    const expectedPrevious = previous && previous.documentId === s.documentId ? previous.hash : ZERO_HASH;
    const report = (problem: IntegrityProblem, detail: string) => broken.push({ documentId: s.documentId, table: 'network_document_signatures', recordId: s.id, problem, detail });
    if (s.previousHash !== expectedPrevious) {
      report('chain_link', 'Подпись не продолжает цепочку: предыдущая запись изменена, удалена или вставлена задним числом.');
    }
    const version = versionById.get(s.versionId);
    if (signatureHash({ ...s, version: version?.version ?? 0 }) !== s.hash) {
      report('signature_hash', 'Данные подписи (подписант, организация, время, редакция или состояние документа) не совпадают с её хешем: запись изменена.');
    }
    if (!version || version.documentId !== s.documentId || version.sha256 !== s.versionSha256) {
      report('signature_version', 'Хеш подписанной редакции не совпадает с хешем редакции в базе: текст изменён после подписания.');
    }
    if (!s.voidedAt && currentVersionId.get(s.documentId) !== s.versionId) {
      report('signature_voiding', 'Подпись относится к прежней редакции, но не аннулирована.');
    }
    if (s.voidedAt && !auditedVoiding.has(s.id)) {
      report('voiding_unrecorded', 'Подпись отмечена аннулированной, но в журнале аудита нет новой редакции, которая её аннулировала.');
    }
    const audited = auditedHash.get(s.id);
    if (!audited) report('audit_missing', 'Подписи нет в журнале аудита: запись добавлена в обход платформы или журнал изменён.');
    else if (audited.hash !== s.hash) report('audit_mismatch', 'Хеш подписи отличается от записанного в журнале аудита.');
    previous = { documentId: s.documentId, hash: s.hash };
  }

  const stored = new Set(signatures.map((s) => s.id));
  for (const [signatureId, audited] of auditedHash) {
    if (stored.has(signatureId) || (only && audited.documentId !== only)) continue;
    broken.push({ documentId: audited.documentId, table: 'network_document_signatures', recordId: signatureId, problem: 'audit_mismatch', detail: 'Подпись есть в журнале аудита, но удалена из таблицы подписей.' });
  }

  for (const d of documents) {
    const report = (problem: IntegrityProblem, detail: string) => broken.push({ documentId: d.id, table: 'network_documents', recordId: d.id, problem, detail });
    const trail = auditedState.get(d.id) ?? [];
    const lastState = trail.findLast((e) => typeof e.after?.state === 'string')?.after?.state;
    if (lastState !== d.state) {
      report('state_unrecorded', `Состояние «${stateLabels[d.state] ?? d.state}» не подтверждено журналом аудита (по журналу — «${lastState ? (stateLabels[lastState] ?? lastState) : 'нет записей'}»).`);
    }
    if (d.state !== 'signed') continue;
    // Signed means: the last live signature of the current version completed it, or a membership change did, as audited.
    const live = signatures.filter((s) => s.documentId === d.id && s.versionId === currentVersionId.get(d.id) && !s.voidedAt);
    const completedBySignature = live.at(-1)?.documentState === 'signed';
    const completedByMembership = trail.some((e) => e.action === 'document.completed' && e.after?.version === d.currentVersion);
    if (!completedBySignature && !completedByMembership) {
      report('state_unjustified', `Документ отмечен подписанным, но подписи сторон не завершают редакцию № ${d.currentVersion}: действующих подписей ${live.length}, последняя не завершала подписание.`);
    }
  }
  return { documents: documents.length, versions: versions.length, signatures: signatures.length, broken };
}
