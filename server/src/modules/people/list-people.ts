import { type SQL, and, eq, ilike, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { memberships, userRoles, users } from '../accounts/schema';
import { peoplePolicy, visiblePeople, worksIn, worksInMunicipality } from './policy';
import { byName, personColumns, presentPeople } from './present-person';
import { type Role, isMembershipRole } from './roles';

export interface PeopleFilter {
  /** Part of the name or the address. */
  q?: string;
  municipalityId?: string | null;
  organizationId?: string | null;
  role?: Role;
  state?: 'active' | 'disabled';
  page?: number;
  pageSize?: number;
}

/** A LIKE pattern that finds `q` anywhere, its wildcards taken literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Holds a role somewhere, or in one organisation when `organizationId` is given too. */
function holdsRoleCondition(role: Role | undefined, organizationId: string | null | undefined): SQL | undefined {
  if (role && !isMembershipRole(role)) {
    const platform = sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${role})`;
    return organizationId ? and(platform, worksIn(organizationId)) : platform;
  }
  if (!role && !organizationId) return undefined;
  return sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id}${organizationId ? sql` and ${memberships.organizationId} = ${organizationId}` : sql``}${role ? sql` and ${memberships.role} = ${role}` : sql``})`;
}

/** A municipality's people: its authority staff and the staff of its organisations. */
const ofMunicipality = (municipalityId: string) => or(eq(users.municipalityId, municipalityId), worksInMunicipality(municipalityId));

/** The people the caller sees (the operator everyone; others the staff of the places they grant roles in), by name. */
export async function listPeople(context: CommandContext, filter: PeopleFilter) {
  authorize(context.actor, peoplePolicy.manage);
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 20;
  const q = filter.q?.trim();
  const where = and(
    visiblePeople(context.actor),
    q ? or(ilike(users.fullName, likePattern(q)), ilike(users.email, likePattern(q))) : undefined,
    filter.municipalityId ? ofMunicipality(filter.municipalityId) : undefined,
    holdsRoleCondition(filter.role, filter.organizationId),
    filter.state === 'active' ? isNull(users.disabledAt) : filter.state === 'disabled' ? isNotNull(users.disabledAt) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    context.db
      .select(personColumns)
      .from(users)
      .where(where)
      .orderBy(...byName)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    context.db.select({ total: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { items: await presentPeople(context.db, rows), total: Number(total), page, pageSize };
}
