import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { hashToken, randomToken } from '../../platform/secret-tokens';
import { organizations } from '../organizations/schema';
import { type PlatformRole, memberships, sessions, userRoles, users } from './schema';

export const SESSION_COOKIE = 'orbita_session';
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
/** How stale `last_seen_at` may get: fresh enough to tell sessions apart, rare enough to cost one write an hour. */
const LAST_SEEN_RESOLUTION_MS = 3600 * 1000;

/** How a session was opened, shown in the person's list of sessions. */
export type SessionMethod = 'password' | 'invitation' | 'reset' | 'sso';

export async function openSession(db: Database, userId: string, meta: { ip: string | null; userAgent: string | null; method?: SessionMethod }) {
  const token = randomToken();
  const csrfToken = randomToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    ip: meta.ip,
    userAgent: meta.userAgent,
    method: meta.method ?? 'password',
  });
  return { token, csrfToken };
}

export async function closeSession(db: Database, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/**
 * Someone else was signed in on this device when another account's session opened: their cookie gives way to
 * the new one, so their session must not outlive it unseen. Call it in the transaction that opens the new session.
 */
export async function endReplacedSession(db: Database, context: Pick<CommandContext, 'actor' | 'ip'>, token: string, reason: string) {
  await closeSession(db, token);
  if (context.actor) await recordAudit(db, context, { action: 'auth.sign_out', entityType: 'user', entityId: context.actor.userId, after: { reason } });
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

/** Turns a session cookie into the actor it stands for, or null when it is unknown, expired or the account is disabled. */
export async function resolveSession(db: Database, token: string): Promise<ResolvedSession | null> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  if (!row || row.user.disabledAt) return null;
  const staleBefore = new Date(Date.now() - LAST_SEEN_RESOLUTION_MS);
  if (row.session.lastSeenAt < staleBefore) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date() })
      .where(and(eq(sessions.tokenHash, row.session.tokenHash), lt(sessions.lastSeenAt, staleBefore)));
  }
  return { actor: await loadActor(db, row.user), csrfToken: row.session.csrfToken };
}

export async function loadActor(db: Database, user: Pick<typeof users.$inferSelect, 'id' | 'email' | 'fullName' | 'municipalityId'>): Promise<Actor> {
  // Roles and memberships in one round trip: this runs on every signed-in request.
  const [{ platformRoles, memberships: rows }] = await db
    .select({
      platformRoles: sql<PlatformRole[]>`coalesce((select json_agg(${userRoles.role} order by ${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${user.id}), '[]'::json)`,
      memberships: sql<Actor['memberships']>`coalesce((select json_agg(json_build_object('organizationId', ${memberships.organizationId}, 'role', ${memberships.role})) from ${memberships} where ${memberships.userId} = ${user.id}), '[]'::json)`,
    })
    .from(users)
    .where(eq(users.id, user.id));
  return {
    userId: user.id,
    email: user.email,
    fullName: user.fullName,
    platformRoles,
    municipalityId: user.municipalityId,
    memberships: rows,
  };
}

/** The signed-in user as the web app sees it: the actor plus the names of their organisations. */
export async function describeActor(db: Database, actor: Actor) {
  const [rows, [preference]] = await Promise.all([
    db
      .select({ organizationId: memberships.organizationId, organizationName: organizations.shortName, role: memberships.role })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(eq(memberships.userId, actor.userId)),
    db.select({ mailPreference: users.mailPreference }).from(users).where(eq(users.id, actor.userId)),
  ]);
  return {
    id: actor.userId,
    email: actor.email,
    fullName: actor.fullName,
    platformRoles: actor.platformRoles,
    municipalityId: actor.municipalityId,
    memberships: rows,
    mailPreference: preference?.mailPreference ?? 'immediate',
  };
}

