import { type SQL, and, arrayContains, asc, desc, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { type OrganizationKind, type OrganizationState, type OrganizationStatus, organizations } from './schema';
import { presentOrganizations } from './present-organization';

export interface OrganizationFilter {
  q?: string;
  kind?: OrganizationKind;
  municipalityId?: string;
  status?: OrganizationStatus;
  /** A single state, or 'all'; by default archived organisations are hidden. */
  state?: OrganizationState | 'all';
}

export type OrganizationSort = 'name' | '-name' | 'updated';

/**
 * Russian full-text search with stemming («школы» finds «школа»); each word also matches as a prefix
 * so that the list narrows while a person types. INN and OGRN match exactly.
 */
function searchCondition(q: string): SQL | undefined {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) return undefined;
  const tsquery = words.map((w) => `${w}:*`).join(' & ');
  const digits = q.replace(/\D/g, '');
  const byText = sql`${organizations.searchVector} @@ to_tsquery('russian', ${tsquery})`;
  return digits.length >= 10 && digits.length === q.trim().length ? or(byText, eq(organizations.inn, digits), eq(organizations.ogrn, digits)) : byText;
}

export function organizationConditions(filter: OrganizationFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filter.q ? searchCondition(filter.q) : undefined,
    filter.kind ? eq(organizations.kind, filter.kind) : undefined,
    filter.municipalityId ? eq(organizations.municipalityId, filter.municipalityId) : undefined,
    filter.status ? arrayContains(organizations.statuses, [filter.status]) : undefined,
    !filter.state ? ne(organizations.state, 'archived') : filter.state === 'all' ? undefined : eq(organizations.state, filter.state),
  ];
  return and(...conditions.filter(Boolean));
}

/** Shared by the list and the export, so a downloaded registry is in the order the list shows. */
export const orderings: Record<OrganizationSort, SQL[]> = {
  name: [sql`${organizations.sortKey} collate "C" asc`, asc(organizations.id)],
  '-name': [sql`${organizations.sortKey} collate "C" desc`, asc(organizations.id)],
  updated: [desc(organizations.updatedAt), asc(organizations.id)],
};

export async function listOrganizations(
  context: CommandContext,
  input: OrganizationFilter & { sort?: OrganizationSort; page?: number; pageSize?: number },
) {
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, input.pageSize ?? 20));
  const where = organizationConditions(input);
  const [rows, [{ total }]] = await Promise.all([
    context.db
      .select()
      .from(organizations)
      .where(where)
      .orderBy(...orderings[input.sort ?? 'name'])
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    context.db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(where),
  ]);
  return { items: await presentOrganizations(context.db, rows), total: Number(total), page, pageSize };
}

/** Every filtered organisation that has coordinates, in the few fields a map marker needs. */
export async function listOrganizationsForMap(context: CommandContext, filter: OrganizationFilter) {
  const items = await context.db
    .select({
      id: organizations.id,
      shortName: organizations.shortName,
      kind: organizations.kind,
      statuses: organizations.statuses,
      lat: organizations.lat,
      lon: organizations.lon,
    })
    .from(organizations)
    .where(and(organizationConditions(filter), isNotNull(organizations.lat), isNotNull(organizations.lon)));
  return { items: items as { id: string; shortName: string; kind: OrganizationKind; statuses: string[]; lat: number; lon: number }[] };
}

export async function countOrganizations(db: Database) {
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(ne(organizations.state, 'archived'));
  return Number(total);
}
