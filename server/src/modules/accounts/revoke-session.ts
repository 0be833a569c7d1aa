import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { hashToken } from '../../platform/secret-tokens';
import { liveSessionsOf, publicSessionId } from './list-sessions';
import { accountPolicy } from './policy';
import { sessions } from './schema';

/**
 * Ends one of the caller's sessions by the id the list showed; only the caller's own are looked at, so another
 * person's id is simply not found. Ending the one in use is signing out, and the route clears the cookie.
 */
export async function revokeSession(context: CommandContext, input: { id: string; currentSessionToken: string | null }) {
  const { actor } = context;
  authorize(actor, accountPolicy.manageOwnAccount);
  const session = (await liveSessionsOf(context.db, actor.userId)).find((s) => publicSessionId(s.tokenHash) === input.id);
  if (!session) throw notFound('Сеанс');
  const current = !!input.currentSessionToken && session.tokenHash === hashToken(input.currentSessionToken);
  await context.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, session.tokenHash));
    await recordAudit(tx, context, { action: 'auth.session_revoked', entityType: 'user', entityId: actor.userId, after: { sessionId: input.id, current } });
  });
  return { current };
}
