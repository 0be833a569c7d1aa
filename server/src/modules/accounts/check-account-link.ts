import type { CommandContext } from '../../platform/context';
import { type AccountTokenPurpose, type LinkState, findAccountToken } from './account-tokens';

/**
 * What the page behind a link from a letter should show before the person acts: whether the link works, and if
 * not, why (used, expired, unknown). For an e-mail change, the address it confirms; for a registration, the
 * address and name of the account it will make (whoever holds the link got it at that address).
 */
export async function checkAccountLink(
  context: CommandContext,
  purpose: AccountTokenPurpose,
  token: string,
): Promise<{ valid: boolean; state: LinkState; newEmail?: string; fullName?: string }> {
  const { state, row } = await findAccountToken(context.db, token, purpose);
  if (state !== 'valid' || purpose === 'password_reset') return { valid: state === 'valid', state };
  return { valid: true, state, newEmail: row.newEmail ?? undefined, ...(purpose === 'registration' ? { fullName: row.fullName ?? undefined } : {}) };
}
