import type { CommandContext } from '../../platform/context';
import { type AccountTokenPurpose, type LinkState, findAccountToken } from './account-tokens';

/**
 * What the page behind a link from a letter should show before the person acts: whether the link works, and if
 * not, why (used, expired, unknown). For an e-mail change, the address it confirms.
 */
export async function checkAccountLink(context: CommandContext, purpose: AccountTokenPurpose, token: string): Promise<{ valid: boolean; state: LinkState; newEmail?: string }> {
  const { state, row } = await findAccountToken(context.db, token, purpose);
  return { valid: state === 'valid', state, ...(purpose === 'email_change' && state === 'valid' && row?.newEmail ? { newEmail: row.newEmail } : {}) };
}
