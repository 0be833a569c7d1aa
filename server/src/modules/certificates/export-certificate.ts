import type { CommandContext } from '../../platform/context';
import { conflict, notSignedIn } from '../../platform/problem';
import { loadVisibleCertificate } from './certificate-access';

/** The PDF of a certificate for the person named, a child's guardian, or the source's organisers; a revoked one is not printed (409). */
export async function exportCertificate(context: CommandContext, id: string) {
  if (!context.actor) throw notSignedIn();
  const { certificate } = await loadVisibleCertificate(context.db, context.actor, id);
  if (certificate.revokedAt) throw conflict('Сертификат отозван: его нельзя выгрузить.');
  const { certificateFileNames, certificatePdf } = await import('./certificate-pdf');
  return { ...certificateFileNames(certificate), data: await certificatePdf(certificate) };
}
