import { and, asc, eq } from 'drizzle-orm';
import { auditEntries } from '../../platform/audit/schema';
import type { Database } from '../../platform/db/client';
import { ZERO_HASH, signatureHash, versionSha256 } from './hashing';
import { documentSignatures, documentVersions, networkDocuments } from './schema';

export type IntegrityProblem = 'version_sha256' | 'signature_hash' | 'chain_link' | 'signature_version' | 'signature_voiding' | 'audit_mismatch';

export interface BrokenRecord {
  documentId: string;
  table: 'network_document_versions' | 'network_document_signatures';
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

/**
 * Recomputes every version's SHA-256 and every signature chain from the stored records and lists
 * the records that do not add up: an edited text, an edited or re-hashed signature (the next link
 * no longer matches), a signature whose version hash differs, a signature on an old version that
 * was never voided, and a signature the audit log saw but the table no longer has.
 */
export async function verifySignatureChains(db: Database, options: { documentId?: string } = {}): Promise<IntegrityReport> {
  const only = options.documentId;
  const documents = await db
    .select({ id: networkDocuments.id, currentVersion: networkDocuments.currentVersion })
    .from(networkDocuments)
    .where(only ? eq(networkDocuments.id, only) : undefined);
  const versions = await db.select().from(documentVersions).where(only ? eq(documentVersions.documentId, only) : undefined);
  const signatures = await db
    .select()
    .from(documentSignatures)
    .where(only ? eq(documentSignatures.documentId, only) : undefined)
    .orderBy(asc(documentSignatures.documentId), asc(documentSignatures.signedAt), asc(documentSignatures.id));
  const signedAudit = await db
    .select({ entityId: auditEntries.entityId, after: auditEntries.after })
    .from(auditEntries)
    .where(and(eq(auditEntries.action, 'document.signed'), eq(auditEntries.entityType, 'network_document'), only ? eq(auditEntries.entityId, only) : undefined));

  const broken: BrokenRecord[] = [];
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const currentVersionId = new Map<string, string>();
  for (const d of documents) {
    const current = versions.find((v) => v.documentId === d.id && v.version === d.currentVersion);
    if (current) currentVersionId.set(d.id, current.id);
  }

  for (const v of versions) {
    if (versionSha256(v.title, v.body) !== v.sha256) {
      broken.push({ documentId: v.documentId, table: 'network_document_versions', recordId: v.id, problem: 'version_sha256', detail: `Текст или заголовок редакции № ${v.version} не совпадает с её хешем SHA-256.` });
    }
  }

  let previous: { documentId: string; hash: string } | null = null;
  for (const s of signatures) {
    const expectedPrevious = previous && previous.documentId === s.documentId ? previous.hash : ZERO_HASH;
    const report = (problem: IntegrityProblem, detail: string) => broken.push({ documentId: s.documentId, table: 'network_document_signatures', recordId: s.id, problem, detail });
    if (s.previousHash !== expectedPrevious) {
      report('chain_link', 'Подпись не продолжает цепочку: предыдущая запись изменена, удалена или вставлена задним числом.');
    }
    if (signatureHash(s) !== s.hash) report('signature_hash', 'Данные подписи не совпадают с её хешем: запись изменена.');
    const version = versionById.get(s.versionId);
    if (!version || version.documentId !== s.documentId || version.sha256 !== s.versionSha256) {
      report('signature_version', 'Хеш подписанной редакции не совпадает с хешем редакции в базе: текст изменён после подписания.');
    }
    if (!s.voidedAt && currentVersionId.get(s.documentId) !== s.versionId) {
      report('signature_voiding', 'Подпись относится к прежней редакции, но не аннулирована.');
    }
    previous = { documentId: s.documentId, hash: s.hash };
  }

  const byId = new Map(signatures.map((s) => [s.id, s]));
  for (const entry of signedAudit) {
    const after = entry.after as { signatureId?: string; hash?: string } | null;
    if (!after?.signatureId) continue;
    const stored = byId.get(after.signatureId);
    if (!stored || stored.hash !== after.hash) {
      broken.push({
        documentId: entry.entityId ?? '',
        table: 'network_document_signatures',
        recordId: after.signatureId,
        problem: 'audit_mismatch',
        detail: stored ? 'Хеш подписи отличается от записанного в журнале аудита.' : 'Подпись есть в журнале аудита, но удалена из таблицы подписей.',
      });
    }
  }
  return { documents: documents.length, versions: versions.length, signatures: signatures.length, broken };
}
