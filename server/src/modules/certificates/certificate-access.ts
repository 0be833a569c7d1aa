import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { notFound } from '../../platform/problem';
import { children } from '../families/schema';
import { certificatePolicy } from './policy';
import { certificates } from './schema';
import { managesSource } from './sources';

export type CertificateRow = typeof certificates.$inferSelect;

/**
 * A certificate for someone who may see it: the person named, a child's guardian, or those who manage its source.
 * To anyone else it does not exist (404, as a missing one); its public face is `verifyCertificate`.
 */
export async function loadVisibleCertificate(db: Database, actor: Actor, id: string): Promise<{ certificate: CertificateRow; manages: boolean }> {
  const [row] = await db
    .select({ certificate: certificates, guardianUserId: children.guardianUserId })
    .from(certificates)
    .leftJoin(children, eq(children.id, certificates.childId))
    .where(eq(certificates.id, id))
    .limit(1);
  if (!row) throw notFound('Сертификат');
  const manages = await managesSource(db, actor, row.certificate.sourceKind, row.certificate.sourceId);
  if (!certificatePolicy.download(actor, { userId: row.certificate.userId, guardianUserId: row.guardianUserId }, manages)) throw notFound('Сертификат');
  return { certificate: row.certificate, manages };
}

/** What a list shows of a certificate. */
export const presentCertificate = (c: CertificateRow) => ({
  id: c.id,
  number: c.number,
  verificationCode: c.verificationCode,
  sourceKind: c.sourceKind,
  sourceId: c.sourceId,
  recipientName: c.recipientName,
  child: !!c.childId,
  role: c.role,
  title: c.title,
  heldFrom: c.heldFrom,
  heldTo: c.heldTo,
  issuerName: c.issuerName,
  issuedAt: c.issuedAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
  revokeReason: c.revokeReason,
  version: c.version,
});
