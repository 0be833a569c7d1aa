import { type SQL, and, arrayContains, asc, desc, eq, getTableColumns, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { type OrganizationKind, type OrganizationState, type OrganizationStatus, organizations } from './schema';
import { type ListTotal, countOrEstimate, EXACT_COUNT_UP_TO, estimateRows, estimatedTotal, isSurelyLonger } from '../../platform/db/estimated-count';
import { type Highlight, NAME_ORDER_UP_TO, type TextSearch, highlightItems, readSearch, searchMatches, searchPageIds, searchTier } from '../../platform/search/search';
import { municipalities } from '../territory/schema';

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

/** A query of 10 or more digits and nothing else may be an INN or OGRN. */
const isIdentifier = (q: string) => /^\d{10,}$/.test(q.trim());

/** INN and OGRN match exactly; everything else through the shared search (platform/search). */
function searchCondition(q: string, search: TextSearch): SQL {
  const byText = searchMatches(organizations.searchVector, search);
  return isIdentifier(q) ? or(byText, eq(organizations.inn, q.trim()), eq(organizations.ogrn, q.trim()))! : byText;
}

/**
 * The filter as SQL: `where` with the search, `filters` without it (what a search by tiers adds its tiers to). The query
 * is read first (`readSearch`) because its words become terms on the database.
 */
export async function organizationConditions(
  db: Database,
  filter: OrganizationFilter,
): Promise<{ where: SQL | undefined; filters: SQL | undefined; search: TextSearch | null }> {
  const search = filter.q ? await readSearch(db, filter.q) : null;
  const filters = and(
    ...[
      filter.kind ? eq(organizations.kind, filter.kind) : undefined,
      filter.municipalityId ? eq(organizations.municipalityId, filter.municipalityId) : undefined,
      filter.status ? arrayContains(organizations.statuses, [filter.status]) : undefined,
      !filter.state ? ne(organizations.state, 'archived') : filter.state === 'all' ? undefined : eq(organizations.state, filter.state),
    ].filter(Boolean),
  );
  return { where: search ? and(searchCondition(filter.q!, search), filters) : filters, filters, search };
}

const sortKeyInOrder = sql`${organizations.sortKey} collate "C"`;
const byName = [asc(sortKeyInOrder), asc(organizations.id)];

/**
 * Shared by the list and the export, so a downloaded registry is in the order the list shows. By relevance: the search's
 * tiers (platform/search), by name within a tier — as the list shows a search of up to 1,000 found rows.
 */
export function organizationOrder(sort: OrganizationSort | undefined, search: TextSearch | null): SQL[] {
  switch (sort ?? 'relevance') {
    case 'relevance':
      return search ? [asc(searchTier(organizations.searchVector, search)), ...byName] : byName;
    case 'name':
      return byName;
    case '-name':
      return [sql`${organizations.sortKey} collate "C" desc`, asc(organizations.id)];
    case 'updated':
      return [desc(organizations.updatedAt), asc(organizations.id)];
  }
}

/** What a list item shows: every column but the search vector and the sort key, with the municipality's name. */
const { searchVector: _vector, sortKey: _key, ...listColumns } = getTableColumns(organizations);

/**
 * A page of the registry and its total. The page's ids come first, from an index alone where the order allows
 * (`organizations_sort_idx` and its kind and municipality variants, migration 0010: page 2000 reads 40,000 index entries
 * and 20 rows), or tier by tier for a search by relevance (`searchPageIds`); only those 20 rows are then read. Above
 * `exactCountUpTo` matches the total is PostgreSQL's estimate and says so (`totalIsEstimate`: «около N»). A search by
 * relevance is estimated first: a find surely larger than the threshold reads only its page, a smaller one is counted
 * by the page's own query (it reads up to `exactCountUpTo + 1` found rows anyway, to order a small find by name).
 */
export async function listOrganizations(
  context: CommandContext,
  input: OrganizationFilter & { sort?: OrganizationSort; page?: number; pageSize?: number },
  exactCountUpTo = EXACT_COUNT_UP_TO,
) {
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, input.pageSize ?? 20));
  const offset = (page - 1) * pageSize;
  const { where, filters, search } = await organizationConditions(context.db, input);
  const sample = (search?.words.flatMap((word) => word.terms).length ?? 0) > 1;
  // The page's rows in the order of `ids` (a subquery of ids, with whatever else it answers in `extra`), read by key.
  const pageOf = <Extra extends Record<string, SQL>>(ids: SQL, extra: Extra) =>
    context.db
      .select({ ...listColumns, municipalityName: municipalities.name, ...extra })
      .from(organizations)
      .innerJoin(sql`(select ids.*, row_number() over () as n from (${ids}) as ids) as page`, sql`page.id = ${organizations.id}`)
      .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
      .orderBy(sql`page.n`);
  let rows: Awaited<ReturnType<typeof pageOf<Record<never, SQL>>>>;
  let count: ListTotal;
  if (search && (input.sort ?? 'relevance') === 'relevance' && !isIdentifier(input.q!)) {
    const estimate = await estimateRows(context.db, organizations, where, { sample });
    const large = isSurelyLonger(estimate, exactCountUpTo);
    const orderedUpTo = large ? 0 : Math.min(exactCountUpTo, NAME_ORDER_UP_TO);
    const found = await pageOf(searchPageIds(organizations, { id: organizations.id, vector: organizations.searchVector, sortKey: sortKeyInOrder }, filters, search, { offset, limit: pageSize, orderedUpTo }), {
      found: sql<number>`page.found`,
    });
    rows = found.map(({ found: _found, ...row }) => row);
    const foundInAll = Number(found[0]?.found ?? 0);
    if (!rows.length && offset > 0) count = await countOrEstimate(context.db, organizations, where, { exactUpTo: exactCountUpTo, sample });
    // A large find's last page is short: the rows before it and on it are then all there is.
    else if (large && rows.length < pageSize) count = { total: offset + rows.length, totalIsEstimate: false };
    else count = !large && foundInAll <= exactCountUpTo ? { total: foundInAll, totalIsEstimate: false } : estimatedTotal(large ? offset + rows.length : foundInAll, estimate, exactCountUpTo);
  } else {
    const ids = context.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(where)
      .orderBy(...organizationOrder(input.sort, search))
      .limit(pageSize)
      .offset(offset);
    [rows, count] = await Promise.all([pageOf(sql`${ids}`, {}), countOrEstimate(context.db, organizations, where, { exactUpTo: exactCountUpTo, sample })]);
  }
  const highlights = search
    ? await highlightItems(context.db, search, rows, {
        shortName: { weight: 'A', text: (row) => row.shortName },
        fullName: { weight: 'A', text: (row) => row.fullName },
        address: { weight: 'D', text: (row) => row.address },
      })
    : null;
  return {
    items: rows.map((item, index): typeof item & { highlight?: Highlight<'shortName' | 'fullName' | 'address'> } => (highlights ? { ...item, highlight: highlights[index] } : item)),
    ...count,
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
