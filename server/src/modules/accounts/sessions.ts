import { type SQL, and, eq, gt, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { preparedQuery } from '../../platform/db/prepared';
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

/**
 * The user's platform roles and memberships as two JSON columns, for a user id given as a value or as a column of a
 * join (Drizzle qualifies columns only in a select with joins; unqualified, the id would name the subquery's own).
 */
const actorColumns = (userId: string | SQL) => ({
  platformRoles: sql<PlatformRole[]>`coalesce((select json_agg(${userRoles.role} order by ${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${userId}), '[]'::json)`,
  memberships: sql<Actor['memberships']>`coalesce((select json_agg(json_build_object('organizationId', ${memberships.organizationId}, 'role', ${memberships.role})) from ${memberships} where ${memberships.userId} = ${userId}), '[]'::json)`,
});

/** Session, user, roles and memberships in one round trip: this runs on every signed-in request. */
const sessionLookup = preparedQuery((db) =>
  db
    .select({
      tokenHash: sessions.tokenHash,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      email: users.email,
      fullName: users.fullName,
      municipalityId: users.municipalityId,
      disabledAt: users.disabledAt,
      ...actorColumns(sql`${users.id}`),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .limit(1)
    .prepare('resolve_session'),
);

/** Turns a session cookie into the actor it stands for, or null when it is unknown, expired or the account is disabled. */
export async function resolveSession(db: Database, token: string): Promise<ResolvedSession | null> {
  const now = new Date();
  const [row] = await sessionLookup(db).execute({ tokenHash: hashToken(token), now });
  if (!row || row.disabledAt) return null;
  const staleBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS);
  if (row.lastSeenAt < staleBefore) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.tokenHash, row.tokenHash), lt(sessions.lastSeenAt, staleBefore)));
  }
  const actor: Actor = {
    userId: row.userId,
    email: row.email,
    fullName: row.fullName,
    platformRoles: row.platformRoles,
    municipalityId: row.municipalityId,
    memberships: row.memberships,
  };
  return { actor, csrfToken: row.csrfToken };
}

export async function loadActor(db: Database, user: Pick<typeof users.$inferSelect, 'id' | 'email' | 'fullName' | 'municipalityId'>): Promise<Actor> {
  const [{ platformRoles, memberships: rows }] = await db
    .select(actorColumns(user.id))
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

