import { type SQL, and, arrayContains, asc, desc, eq, getTableColumns, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { type OrganizationKind, type OrganizationState, type OrganizationStatus, organizations } from './schema';
import { type ListTotal, countOrEstimate, EXACT_COUNT_UP_TO, estimateRows, estimatedTotal, isSurelyLonger } from '../../platform/db/estimated-count';
import { type Highlight, NAME_ORDER_UP_TO, type TextSearch, highlightItems, readSearch, searchMatches, searchPageIds, searchTier } from '../../platform/search/search';
import { municipalities } from '../territory/schema';
import { brokenPageCursor, decodePageCursor, encodePageCursor } from '../../platform/db/page-cursor';
import { invalid } from '../../platform/problem';

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
 * tiers (platform/search), by name within a tier — as the list shows a search of up to 1,000 found rows. Ties go by id
 * in the order's direction, so each order is one index read forwards or backwards (and a keyset resumes it).
 */
export function organizationOrder(sort: OrganizationSort | undefined, search: TextSearch | null): SQL[] {
  switch (sort ?? 'relevance') {
    case 'relevance':
      return search ? [asc(searchTier(organizations.searchVector, search)), ...byName] : byName;
    case 'name':
      return byName;
    case '-name':
      return [desc(sortKeyInOrder), desc(organizations.id)];
    case 'updated':
      return [desc(organizations.updatedAt), desc(organizations.id)];
  }
}

/**
 * An order a page resumes from its last row (keyset): the key the order goes by, as text in the cursor and back as a
 * value of the column, and its direction. A search by relevance has none (its tiers are not a key): it pages by rows skipped.
 */
interface Keyset {
  /** The order's column as SQL, and its value read as the text a cursor carries. */
  column: SQL;
  text: SQL<string>;
  /** The cursor's text back as a value of the column. */
  value: (text: string) => SQL;
  ascending: boolean;
  /** Whether a cursor's key text can be a value of the column (a 400 otherwise, not a failed cast). */
  valid: (text: string) => boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const nameKeyset = (ascending: boolean): Keyset => ({ column: sortKeyInOrder, text: sql<string>`${organizations.sortKey}`, value: (text) => sql`${text}`, ascending, valid: () => true });
const keysets: Record<OrganizationSort, Keyset | null> = {
  relevance: nameKeyset(true),
  name: nameKeyset(true),
  '-name': nameKeyset(false),
  updated: {
    column: sql`${organizations.updatedAt}`,
    // Microseconds in UTC, so the cursor's key is the stored instant exactly, whatever the session's time zone.
    text: sql<string>`to_char(${organizations.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    value: (text) => sql`${text}::timestamptz`,
    ascending: false,
    valid: (text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(text) && !Number.isNaN(Date.parse(text)),
  },
};

/** What a list item shows: every column but the search vector and the sort key, with the municipality's name. */
const { searchVector: _vector, sortKey: _key, ...listColumns } = getTableColumns(organizations);

type ListInput = OrganizationFilter & { sort?: OrganizationSort; page?: number; pageSize?: number; cursor?: string };

/**
 * A page of the registry, its total, and cursors to the pages beside it (`next`, `previous`: opaque, null at an end).
 * The page's ids come first, from an index alone where the order allows (`organizations_sort_idx` and its kind and
 * municipality variants, migration 0010); only those rows are then read. A cursor resumes the order after (or before)
 * a row's key, so the 2000th page reads 21 index entries as the first does; `page` still opens a page by number
 * (rows skipped: old links). A search by relevance goes tier by tier (`searchPageIds`) and its cursors carry the rows
 * to skip. Above `exactCountUpTo` matches the total is PostgreSQL's estimate and says so (`totalIsEstimate`: «около N»).
 * A search by relevance is estimated first: a find surely larger than the threshold reads only its page, a smaller one
 * is counted by the page's own query (it reads up to `exactCountUpTo + 1` found rows anyway, to order a small find by name).
 */
export async function listOrganizations(context: CommandContext, input: ListInput, exactCountUpTo = EXACT_COUNT_UP_TO) {
  const pageSize = Math.min(100, Math.max(1, input.pageSize ?? 20));
  const sort = input.sort ?? 'relevance';
  if (input.cursor && input.page) throw invalid('Укажите либо номер страницы, либо ссылку на страницу (cursor), но не оба.', [{ field: 'page', message: 'Номер страницы или cursor' }]);
  const byTiers = !!input.q && sort === 'relevance' && !isIdentifier(input.q);
  const keyset = byTiers ? null : keysets[sort];
  const cursor = input.cursor ? decodePageCursor(input.cursor, byTiers ? 'relevance-search' : sort) : null;
  if (cursor) {
    // A keyset order takes a row's key and id; a search by relevance, rows to skip.
    const key = 'after' in cursor ? cursor.after : 'before' in cursor ? cursor.before : null;
    if (keyset ? !key || key.length !== 2 || !UUID.test(key[1]) || !keyset.valid(key[0]) : key) throw brokenPageCursor();
  }
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
  const counted = () => countOrEstimate(context.db, organizations, where, { exactUpTo: exactCountUpTo, sample });
  type Row = Awaited<ReturnType<typeof pageOf<Record<never, SQL>>>>[number];
  let rows: Row[];
  let count: ListTotal;
  let page: number;
  let next: string | null = null;
  let previous: string | null = null;
  if (keyset) {
    // One row more than the page, to know whether there is a page beyond it in the direction read.
    const read = async (from: { after: string[] } | { before: string[] } | { offset: number }) => {
      const backwards = 'before' in from;
      const key = 'offset' in from ? null : 'after' in from ? from.after : from.before;
      const forward = keyset.ascending !== backwards;
      const past = key ? (forward ? sql`(${keyset.column}, ${organizations.id}) > (${keyset.value(key[0])}, ${key[1]}::uuid)` : sql`(${keyset.column}, ${organizations.id}) < (${keyset.value(key[0])}, ${key[1]}::uuid)`) : undefined;
      const ids = context.db
        .select({ id: organizations.id, key: sql<string>`${keyset.text}`.as('key') })
        .from(organizations)
        .where(and(where, past))
        .orderBy(...(forward ? [asc(keyset.column), asc(organizations.id)] : [desc(keyset.column), desc(organizations.id)]))
        .limit(pageSize + 1)
        .offset('offset' in from ? from.offset : 0);
      const found = await pageOf(sql`${ids}`, { key: sql<string>`page.key` });
      const more = found.length > pageSize;
      const shown = found.slice(0, pageSize);
      if (backwards) shown.reverse();
      return { shown, more };
    };
    const start = cursor && 'before' in cursor ? { before: cursor.before } : cursor && 'after' in cursor ? { after: cursor.after } : { offset: (Math.max(1, input.page ?? 1) - 1) * pageSize };
    page = cursor ? cursor.page : Math.max(1, input.page ?? 1);
    let [{ shown, more }, total] = await Promise.all([read(start), counted()]);
    let beyond = 'before' in start ? true : more;
    let before = 'before' in start ? more : page > 1;
    // Back at the list's start (rows came and went since the cursor was made): the first page, full.
    if ('before' in start && !more) {
      page = 1;
      before = false;
      if (shown.length < pageSize) ({ shown, more: beyond } = await read({ offset: 0 }));
    }
    rows = shown.map(({ key: _key, ...row }) => row);
    count = total;
    if (beyond && shown.length) next = encodePageCursor({ order: sort, page: page + 1, after: [shown[shown.length - 1].key, shown[shown.length - 1].id] });
    if (before && shown.length) previous = encodePageCursor({ order: sort, page: page - 1, before: [shown[0].key, shown[0].id] });
  } else {
    page = cursor ? cursor.page : Math.max(1, input.page ?? 1);
    const offset = cursor && 'offset' in cursor ? cursor.offset : (page - 1) * pageSize;
    const estimate = await estimateRows(context.db, organizations, where, { sample });
    const large = isSurelyLonger(estimate, exactCountUpTo);
    const orderedUpTo = large ? 0 : Math.min(exactCountUpTo, NAME_ORDER_UP_TO);
    const found = await pageOf(searchPageIds(organizations, { id: organizations.id, vector: organizations.searchVector, sortKey: sortKeyInOrder }, filters, search!, { offset, limit: pageSize, orderedUpTo }), {
      found: sql<number>`page.found`,
    });
    rows = found.map(({ found: _found, ...row }) => row);
    const foundInAll = Number(found[0]?.found ?? 0);
    if (!rows.length && offset > 0) count = await counted();
    // A large find's last page is short: the rows before it and on it are then all there is.
    else if (large && rows.length < pageSize) count = { total: offset + rows.length, totalIsEstimate: false };
    else count = !large && foundInAll <= exactCountUpTo ? { total: foundInAll, totalIsEstimate: false } : estimatedTotal(large ? offset + rows.length : foundInAll, estimate, exactCountUpTo);
    if (rows.length === pageSize && (count.totalIsEstimate || offset + pageSize < count.total)) next = encodePageCursor({ order: 'relevance-search', page: page + 1, offset: offset + pageSize });
    if (offset > 0) previous = encodePageCursor({ order: 'relevance-search', page: Math.max(1, page - 1), offset: Math.max(0, offset - pageSize) });
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
    next,
    previous,
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
