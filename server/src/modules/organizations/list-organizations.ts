import { type SQL, and, arrayContains, asc, desc, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { type OrganizationKind, type OrganizationState, type OrganizationStatus, organizations } from './schema';
import { presentOrganizations } from './present-organization';
import { type Highlight, type TextSearch, highlightItems, readSearch, searchMatches, searchRank } from '../../platform/search/search';

export interface OrganizationFilter {
  q?: string;
  kind?: OrganizationKind;
  municipalityId?: string;
  status?: OrganizationStatus;
  /** A single state, or 'all'; by default archived organisations are hidden. */
  state?: OrganizationState | 'all';
}

/** `relevance` — the best match first when there is a query, by name otherwise (the default). */
export type OrganizationSort = 'relevance' | 'name' | '-name' | 'updated';

/** INN and OGRN match exactly; everything else through the shared search (platform/search). */
function searchCondition(q: string, search: TextSearch): SQL {
  const digits = q.replace(/\D/g, '');
  const byText = searchMatches(organizations.searchVector, search);
  return digits.length >= 10 && digits.length === q.trim().length ? or(byText, eq(organizations.inn, digits), eq(organizations.ogrn, digits))! : byText;
}

/** The filter as SQL; the query is read first (`readSearch`) because its words become terms on the database. */
export async function organizationConditions(db: Database, filter: OrganizationFilter): Promise<{ where: SQL | undefined; search: TextSearch | null }> {
  const search = filter.q ? await readSearch(db, filter.q) : null;
  const conditions: (SQL | undefined)[] = [
    search ? searchCondition(filter.q!, search) : undefined,
    filter.kind ? eq(organizations.kind, filter.kind) : undefined,
    filter.municipalityId ? eq(organizations.municipalityId, filter.municipalityId) : undefined,
    filter.status ? arrayContains(organizations.statuses, [filter.status]) : undefined,
    !filter.state ? ne(organizations.state, 'archived') : filter.state === 'all' ? undefined : eq(organizations.state, filter.state),
  ];
  return { where: and(...conditions.filter(Boolean)), search };
}

const byName = [sql`${organizations.sortKey} collate "C" asc`, asc(organizations.id)];

/** Shared by the list and the export, so a downloaded registry is in the order the list shows. */
export function organizationOrder(sort: OrganizationSort | undefined, search: TextSearch | null): SQL[] {
  switch (sort ?? 'relevance') {
    case 'relevance':
      return search ? [desc(searchRank(organizations.searchVector, search)), ...byName] : byName;
    case 'name':
      return byName;
    case '-name':
      return [sql`${organizations.sortKey} collate "C" desc`, asc(organizations.id)];
    case 'updated':
      return [desc(organizations.updatedAt), asc(organizations.id)];
  }
}

export async function listOrganizations(
  context: CommandContext,
  input: OrganizationFilter & { sort?: OrganizationSort; page?: number; pageSize?: number },
) {
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, input.pageSize ?? 20));
  const { where, search } = await organizationConditions(context.db, input);
  const [rows, [{ total }]] = await Promise.all([
    context.db
      .select()
      .from(organizations)
      .where(where)
      .orderBy(...organizationOrder(input.sort, search))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    context.db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(where),
  ]);
  const items = await presentOrganizations(context.db, rows);
  const highlights = search
    ? await highlightItems(context.db, search, rows, {
        shortName: { weight: 'A', text: (row) => row.shortName },
        fullName: { weight: 'A', text: (row) => row.fullName },
        address: { weight: 'D', text: (row) => row.address },
      })
    : null;
  return {
    items: items.map((item, index): typeof item & { highlight?: Highlight<'shortName' | 'fullName' | 'address'> } => (highlights ? { ...item, highlight: highlights[index] } : item)),
    total: Number(total),
    page,
    pageSize,
  };
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
    .where(and((await organizationConditions(context.db, filter)).where, isNotNull(organizations.lat), isNotNull(organizations.lon)));
  return { items: items as { id: string; shortName: string; kind: OrganizationKind; statuses: string[]; lat: number; lon: number }[] };
}

export async function countOrganizations(db: Database) {
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(ne(organizations.state, 'archived'));
  return Number(total);
}
