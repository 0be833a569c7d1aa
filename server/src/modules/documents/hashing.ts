import { createHash } from 'node:crypto';

/** The `previousHash` of the first signature of a document. */
export const ZERO_HASH = '0'.repeat(64);

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

/** SHA-256 of a version: its title and body exactly as the signers saw them. */
export const versionSha256 = (title: string, body: string) => sha256Hex(canonicalJson({ title, body }));

export interface SignatureFields {
  documentId: string;
  versionId: string;
  versionSha256: string;
  organizationId: string;
  signerId: string;
  signedAt: Date;
  previousHash: string;
}

/** The hash of one signature record; it includes the previous record's hash, which makes the records a chain. */
export const signatureHash = (s: SignatureFields) =>
  sha256Hex(
    canonicalJson({
      documentId: s.documentId,
      versionId: s.versionId,
      versionSha256: s.versionSha256,
      organizationId: s.organizationId,
      signerId: s.signerId,
      signedAt: s.signedAt.toISOString(),
      previousHash: s.previousHash,
    }),
  );
