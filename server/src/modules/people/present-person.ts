import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import { auditEntries } from '../../platform/audit/schema';
import type { Database } from '../../platform/db/client';
import { memberships, sessions, userRoles, users } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';

export type PersonRow = Pick<typeof users.$inferSelect, 'id' | 'email' | 'fullName' | 'municipalityId' | 'disabledAt' | 'disabledReason' | 'createdAt'>;

/** The columns `presentPeople` needs, for selects. */
export const personColumns = {
  id: users.id,
  email: users.email,
  fullName: users.fullName,
  municipalityId: users.municipalityId,
  disabledAt: users.disabledAt,
  disabledReason: users.disabledReason,
  createdAt: users.createdAt,
};

/** russianSortKey's order for a person's name (no numbers or quotes in it), computed where the rows are. */
export const byName = [sql`translate(lower(${users.fullName}), 'ё', 'е') collate "C"`, asc(users.id)];

/** The later of two moments, either of which may be missing. */
const later = (a: Date | null | undefined, b: Date | null | undefined) => (a && b ? (a > b ? a : b) : (a ?? b ?? null));

/**
 * People as lists and cards show them: every role they hold, in five queries for any number of them. When they
 * were last seen is the latest of their sessions' activity and their last sign-in in the audit log: sessions end
 * (signing out, deactivation) but the sign-in stays on record.
 */
export async function presentPeople(db: Database, rows: PersonRow[]) {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const [roles, places, seen, signedIn, towns] = await Promise.all([
    db.select({ userId: userRoles.userId, role: userRoles.role }).from(userRoles).where(inArray(userRoles.userId, ids)).orderBy(userRoles.role),
    db
      .select({ userId: memberships.userId, organizationId: memberships.organizationId, organizationName: organizations.shortName, role: memberships.role })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(inArray(memberships.userId, ids))
      .orderBy(organizations.sortKey, memberships.role),
    db.select({ userId: sessions.userId, lastSeenAt: max(sessions.lastSeenAt) }).from(sessions).where(inArray(sessions.userId, ids)).groupBy(sessions.userId),
    db
      .select({ userId: auditEntries.entityId, at: max(auditEntries.at) })
      .from(auditEntries)
      .where(and(eq(auditEntries.entityType, 'user'), inArray(auditEntries.entityId, ids), eq(auditEntries.action, 'auth.sign_in')))
      .groupBy(auditEntries.entityId),
    db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities),
  ]);
  const townName = new Map(towns.map((m) => [m.id, m.name]));
  const lastSeen = new Map(seen.map((s) => [s.userId, s.lastSeenAt]));
  const lastSignIn = new Map(signedIn.map((s) => [s.userId, s.at]));
  return rows.map((row) => ({
    id: row.id,
    fullName: row.fullName,
    email: row.email,
    platformRoles: roles.filter((r) => r.userId === row.id).map((r) => r.role),
    municipality: row.municipalityId ? { id: row.municipalityId, name: townName.get(row.municipalityId) ?? '' } : null,
    memberships: places.filter((m) => m.userId === row.id).map(({ userId: _user, ...m }) => m),
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt,
    lastSeenAt: later(lastSeen.get(row.id), lastSignIn.get(row.id)),
  }));
}

export type Person = Awaited<ReturnType<typeof presentPeople>>[number];

export async function presentPerson(db: Database, id: string): Promise<Person> {
  const rows = await db.select(personColumns).from(users).where(eq(users.id, id));
  const [person] = await presentPeople(db, rows);
  return person;
}
