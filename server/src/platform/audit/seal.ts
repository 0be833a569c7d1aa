import { createHash } from 'node:crypto';

/** The `previousHash` of the first record of a chain. */
export const ZERO_HASH = '0'.repeat(64);

/**
 * The SHA-256 (hex) of a sealed record: its kind, then each field as `|<length in UTF-8 bytes>:<text>`, or `|~` for
 * no value. Unambiguous without escaping, and easy to write in SQL: migration 0008 computes the same form in the
 * database (`orbita_seal`), while the verifiers recompute it here, so a changed database function cannot hide an edit.
 */
export function sealHash(kind: string, fields: readonly (string | null)[]): string {
  const text = kind + fields.map((field) => (field === null ? '|~' : `|${Buffer.byteLength(field, 'utf8')}:${field}`)).join('');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface SealedAuditFields {
  chainSeq: number;
  id: number;
  /** Microseconds since the epoch, as the database stores the time. */
  atMicros: string;
  actorId: string | null;
  actorIp: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** `before` and `after` in PostgreSQL's own jsonb text form. */
  beforeText: string | null;
  afterText: string | null;
  previousHash: string;
}

/** The hash of one audit entry in the chain; the trigger `audit_chain_append` (migration 0008) seals it in this order. */
export const auditEntryHash = (e: SealedAuditFields) =>
  sealHash('orbita-audit-v1', [String(e.chainSeq), String(e.id), e.atMicros, e.actorId, e.actorIp, e.action, e.entityType, e.entityId, e.beforeText, e.afterText, e.previousHash]);
