import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { Problem } from '../../platform/problem';
import { hashToken } from '../../platform/secret-tokens';
import { invitations } from '../accounts/schema';
import type { InvitationRow } from './present-invitation';

/** What `randomToken()` makes: 32 bytes in base64url. Anything else cannot be a link we sent. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The same answer for a malformed token, an unknown one and a deleted one, so links cannot be probed. */
export const invitationNotFound = () =>
  new Problem(404, 'Приглашение не найдено', 'Ссылка неверна. Проверьте, что она скопирована из письма целиком, или попросите прислать приглашение ещё раз.');

/** The invitation a link's token stands for, found by the token's hash (locked for the rest of the transaction when asked). */
export async function findInvitationByToken(db: Database, token: string, options: { lock: boolean }): Promise<InvitationRow> {
  if (!TOKEN_PATTERN.test(token)) throw invitationNotFound();
  const query = db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token))).$dynamic();
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw invitationNotFound();
  return row;
}
