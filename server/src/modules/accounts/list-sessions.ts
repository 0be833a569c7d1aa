import { createHash } from 'node:crypto';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { hashToken } from '../../platform/secret-tokens';
import { accountPolicy } from './policy';
import { sessions } from './schema';

/**
 * How a session is named to its owner: a short digest of its stored hash. The stored hash never leaves the
 * server, and the name cannot be turned back into it.
 */
export const publicSessionId = (tokenHash: string) => createHash('sha256').update(`session:${tokenHash}`).digest('base64url').slice(0, 16);

/** The person's sessions that have not expired, newest activity first. */
export async function liveSessionsOf(db: Database, userId: string) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/** The caller's live sessions — where and how each was opened, when last seen — the one in use first. */
export async function listSessions(context: CommandContext, currentSessionToken: string | null) {
  const { actor } = context;
  authorize(actor, accountPolicy.manageOwnAccount);
  const currentHash = currentSessionToken ? hashToken(currentSessionToken) : null;
  const rows = await liveSessionsOf(context.db, actor.userId);
  const items = rows.map((s) => ({
    id: publicSessionId(s.tokenHash),
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    ip: s.ip,
    userAgent: s.userAgent,
    method: s.method,
    current: s.tokenHash === currentHash,
  }));
  return { items: [...items.filter((s) => s.current), ...items.filter((s) => !s.current)] };
}
