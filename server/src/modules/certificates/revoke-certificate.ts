import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { conflict, notSignedIn } from '../../platform/problem';
import { loadVisibleCertificate, presentCertificate } from './certificate-access';
import { certificatePolicy } from './policy';
import { certificates } from './schema';

/**
 * Revokes a certificate with a reason (kept for the organisers; the public page says only «отозван»). Of two
 * revocations, or a revocation and an edit seen at an older version, one wins and the other gets 409.
 */
export async function revokeCertificate(context: CommandContext, id: string, input: { reason: string; version: number }) {
  if (!context.actor) throw notSignedIn();
  const { certificate, manages } = await loadVisibleCertificate(context.db, context.actor, id);
  authorize(context.actor, (a) => certificatePolicy.revoke(a, manages));
  if (certificate.revokedAt) throw conflict('Сертификат уже отозван.');
  return context.db.transaction(async (tx) => {
    const [row] = await tx
      .update(certificates)
      .set({ revokedAt: context.now ?? new Date(), revokedBy: context.actor!.userId, revokeReason: input.reason, version: sql`${certificates.version} + 1` })
      .where(and(eq(certificates.id, id), eq(certificates.version, input.version), isNull(certificates.revokedAt)))
      .returning();
    if (!row) throw conflict('Сертификат изменился, пока вы его смотрели (его уже отозвали). Обновите страницу.');
    await recordAudit(tx, context, { action: 'certificate.revoked', entityType: 'certificate', entityId: id, before: { revokedAt: null }, after: { revokedAt: row.revokedAt!.toISOString(), reason: input.reason } });
    return presentCertificate(row);
  });
}
