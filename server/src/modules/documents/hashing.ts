import { createHash } from 'node:crypto';
import { sealHash } from '../../platform/audit/seal';

export { ZERO_HASH } from '../../platform/audit/seal';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with keys sorted at every level, so that the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * SHA-256 of a version: its title and body exactly as the signers saw them, and its plan annex and authority act when it
 * has them. A version with neither hashes as before they existed (canonicalJson leaves out undefined keys), so documents
 * signed earlier keep verifying.
 */
export const versionSha256 = (title: string, body: string, extra: { annex?: unknown; act?: unknown } = {}) =>
  sha256Hex(canonicalJson({ title, body, annex: extra.annex ?? undefined, act: extra.act ?? undefined }));

export interface SignatureFields {
  documentId: string;
  versionId: string;
  /** The version's number, printed on the signature sheet. */
  version: number;
  versionSha256: string;
  organizationId: string;
  organizationName: string;
  signerId: string;
  signerName: string;
  signedAt: Date;
  /** The document's state this signature produced. */
  documentState: string;
  previousHash: string;
}

/**
 * The hash of one signature record: everything the signature sheet prints, the state the signature produced and the
 * previous record's hash, which makes the records a chain. Migration 0008 re-sealed older signatures in this form.
 */
export const signatureHash = (s: SignatureFields) =>
  sealHash('orbita-signature-v2', [
    s.documentId,
    s.versionId,
    String(s.version),
    s.versionSha256,
    s.organizationId,
    s.organizationName,
    s.signerId,
    s.signerName,
    s.signedAt.toISOString(),
    s.documentState,
    s.previousHash,
  ]);
