import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { localDate } from '../../platform/dates';
import { Problem } from '../../platform/problem';
import { regionTimezone } from '../territory/region-clock';
import { certificates } from './schema';
import { storedCode } from './verification-code';

const notACertificate = () => new Problem(404, 'Сертификат не найден', 'Сертификата с таким кодом проверки нет. Проверьте, что код набран без ошибок.');

/**
 * A child's name as the public page shows it: the surname and initials («Иванова М. П.»), so a code found on a
 * lost paper does not tell the world a child's full name; an adult's is shown as printed.
 */
export function publicName(name: string, child: boolean): string {
  if (!child) return name;
  const [surname, ...rest] = name.trim().split(/\s+/);
  return [surname, ...rest.map((word) => `${word[0]}.`)].join(' ');
}

/**
 * The public face of a certificate, by its verification code: only what the paper says (name, what it was for,
 * when, the role, who issued it, its number) and whether it is valid or revoked — never the reason, never contacts.
 */
export async function verifyCertificate(db: Database, typedCode: string) {
  const code = storedCode(typedCode);
  if (!code) throw notACertificate();
  const [c] = await db.select().from(certificates).where(eq(certificates.verificationCode, code)).limit(1);
  if (!c) throw notACertificate();
  const timezone = await regionTimezone(db);
  return {
    number: c.number,
    recipientName: publicName(c.recipientName, !!c.childId),
    role: c.role,
    title: c.title,
    heldFrom: c.heldFrom,
    heldTo: c.heldTo,
    issuerName: c.issuerName,
    issuedOn: localDate(c.issuedAt, timezone),
    valid: !c.revokedAt,
    revokedOn: c.revokedAt ? localDate(c.revokedAt, timezone) : null,
  };
}
