import { and, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { hashToken } from '../../platform/secret-tokens';
import { accountPolicy } from './policy';
import { sessions } from './schema';

/** «Выйти на всех других устройствах»: every session of the caller ends except the one in use. */
export async function revokeOtherSessions(context: CommandContext, currentSessionToken: string | null) {
  const { actor } = context;
  authorize(actor, accountPolicy.manageOwnAccount);
  const keep = currentSessionToken ? hashToken(currentSessionToken) : '';
  return context.db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, actor.userId), ne(sessions.tokenHash, keep)))
      .returning({ tokenHash: sessions.tokenHash });
    await recordAudit(tx, context, { action: 'auth.other_sessions_revoked', entityType: 'user', entityId: actor.userId, after: { ended: ended.length } });
    return { ended: ended.length };
  });
}
