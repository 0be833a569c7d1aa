import { type SQL, and, arrayContains, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { CommandContext } from '../../platform/context';
import { brokenPageCursor, decodePageCursor, encodePageCursor } from '../../platform/db/page-cursor';
import { pageQuery } from '../../platform/fields';
import { invalid } from '../../platform/problem';
import { type TextSearch, highlightItems, readSearch, searchMatches, searchTier } from '../../platform/search/search';
import { visibleNetworks } from '../networks/access';
import { networkMembers, networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';
import { seesWorkOn, visiblePractices } from './access';
import { practiceAudiences, practiceLevels, practiceOrganizations, practiceVersions, practices, reviewStatuses } from './schema';

/** How many schools adopted a practice, as the library's facet groups it: none, one or two, three and more. */
export const adoptionBuckets = ['none', 'few', 'many'] as const;
export type AdoptionBucket = (typeof adoptionBuckets)[number];

export const practiceSorts = ['relevance', 'date', 'rating', 'adoptions'] as const;
export type PracticeSort = (typeof practiceSorts)[number];

export const practiceListQuery = z.object({
  q: z.string({ error: 'Запрос — текст' }).trim().max(200, { error: 'Запрос — не длиннее 200 символов' }).optional(),
  direction: z.string({ error: 'Направление — текст' }).trim().max(200, { error: 'Направление — не длиннее 200 символов' }).optional(),
  level: z.enum(practiceLevels, { error: 'Неизвестный уровень образования' }).optional(),
  audience: z.enum(practiceAudiences, { error: 'Неизвестная аудитория' }).optional(),
  municipalityId: z.uuid({ error: 'Неверный идентификатор муниципалитета' }).optional(),
  networkId: z.uuid({ error: 'Неверный идентификатор сети' }).optional(),
  review: z.enum(reviewStatuses, { error: 'Экспертиза: none, in_review или reviewed' }).optional(),
  adoptions: z.enum(adoptionBuckets, { error: 'Внедрения: none, few или many' }).optional(),
  /** «mine»: the practices the caller works on, in any state; the library otherwise (published ones). */
  scope: z.enum(['library', 'mine'], { error: 'Выборка: library или mine' }).default('library'),
  /** `relevance` orders by the search's tiers when there is a query, newest first otherwise. */
  sort: z.enum(practiceSorts, { error: 'Сортировка: relevance, date, rating или adoptions' }).default('relevance'),
  cursor: z.string({ error: 'Ссылка на страницу — текст' }).max(2000, { error: 'Ссылка на страницу списка слишком длинная' }).optional(),
  ...pageQuery(50),
});
export type PracticeListQuery = z.output<typeof practiceListQuery>;

/** The version a list shows: the published one, or — a practice never published, to those who work on it — the working one. */
const shown = alias(practiceVersions, 'shown');
const shownVersion = sql`coalesce(${practices.publishedVersionId}, ${practices.workingVersionId})`;
/** The date a list orders by (drafts, in «mine», have no publication date). Indexed as is (`practices_date_order_idx`). */
const listDate = sql`coalesce(${practices.publishedAt}, ${practices.updatedAt})`;

const organisationsOf = (practiceId: SQL | typeof practices.id) =>
  sql`select ${practiceOrganizations.organizationId} from ${practiceOrganizations} where ${practiceOrganizations.practiceId} = ${practiceId}`;

const inMunicipality = (municipalityId: string): SQL =>
  sql`exists (select 1 from ${organizations} where ${organizations.id} in (${organisationsOf(practices.id)}) and ${organizations.municipalityId} = ${municipalityId})`;

/** A practice of a member organisation of the network — a network the caller may see (networks/access.ts), or nothing is found. */
const inNetwork = (context: CommandContext, networkId: string): SQL =>
  sql`exists (select 1 from ${networkMembers} join ${networks} on ${networks.id} = ${networkMembers.networkId}
    where ${networkMembers.networkId} = ${networkId} and ${networkMembers.state} = 'active' and ${networkMembers.organizationId} in (${organisationsOf(practices.id)}) and ${and(visibleNetworks(context.actor)) ?? sql`true`})`;

const adoptionBucket = sql<AdoptionBucket>`case when ${practices.adoptionCount} = 0 then 'none' when ${practices.adoptionCount} <= 2 then 'few' else 'many' end`;

const facetNames = ['direction', 'level', 'audience', 'municipality', 'network', 'review', 'adoptions'] as const;
type Facet = (typeof facetNames)[number];

/** The chosen facets as conditions on a practice and its shown version. */
function facetConditions(context: CommandContext, query: PracticeListQuery): Partial<Record<Facet, SQL>> {
  const chosen: Partial<Record<Facet, SQL>> = {};
  if (query.direction) chosen.direction = sql`lower(${shown.direction}) = lower(${query.direction})`;
  if (query.level) chosen.level = arrayContains(shown.levels, [query.level]);
  if (query.audience) chosen.audience = arrayContains(shown.audiences, [query.audience]);
  if (query.municipalityId) chosen.municipality = inMunicipality(query.municipalityId);
  if (query.networkId) chosen.network = inNetwork(context, query.networkId);
  if (query.review) chosen.review = eq(practices.reviewStatus, query.review);
  if (query.adoptions) chosen.adoptions = sql`${adoptionBucket} = ${query.adoptions}`;
  return chosen;
}

/**
 * An order a page resumes from its last row (keyset), all descending: the key's parts (a SQL value, its text in the
 * cursor, the cursor's text back as a value, and which texts may be one) and then the practice's id.
 */
interface KeyPart {
  value: SQL;
  text: SQL<string>;
  parse: (text: string) => SQL;
  valid: (text: string) => boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const datePart: KeyPart = {
  value: listDate,
  // Microseconds in UTC, so the cursor's key is the stored instant exactly, whatever the session's time zone.
  text: sql<string>`to_char(${listDate} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  parse: (text) => sql`${text}::timestamptz`,
  valid: (text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(text) && !Number.isNaN(Date.parse(text)),
};
/** A practice never reviewed goes after every reviewed one (−1 is no score, never shown): «Не оценивалась» is not a low score. */
const ratingValue = sql`coalesce(${practices.reviewScore}, -1)`;
const integerPart = (value: SQL): KeyPart => ({ value, text: sql<string>`(${value})::text`, parse: (text) => sql`${text}::int`, valid: (text) => /^-?\d{1,9}$/.test(text) });

function keyParts(sort: PracticeSort, search: TextSearch | null): KeyPart[] {
  switch (sort) {
    case 'relevance':
      // The best tier is 0: descending by its negative keeps every part of the key descending.
      return search ? [integerPart(sql`-${searchTier(shown.searchVector, search)}`), datePart] : [datePart];
    case 'date':
      return [datePart];
    case 'rating':
      return [{ value: ratingValue, text: sql<string>`(${ratingValue})::text`, parse: (text) => sql`${text}::numeric`, valid: (text) => /^-?\d{1,3}(\.\d{1,2})?$/.test(text) }, datePart];
    case 'adoptions':
      return [integerPart(sql`${practices.adoptionCount}`), datePart];
  }
}

/**
 * The library: practices the caller may see (`visiblePractices`), found by the shared search (Russian word forms, typos
 * through the `search_words` vocabulary), narrowed by facets, with counts per facet value (each facet's counts ignore
 * its own choice), in one of four orders, a page at a time. Pages resume after (or before) a row's key — keyset, so the
 * 500th page reads what the first does; `page=` still opens a page by number (rows skipped: old links).
 */
export async function listPractices(context: CommandContext, query: PracticeListQuery) {
  const { db } = context;
  if (query.cursor && query.page) throw invalid('Укажите либо номер страницы, либо ссылку на страницу (cursor), но не оба.', [{ field: 'page', message: 'Номер страницы или cursor' }]);
  const pageSize = query.pageSize ?? 20;
  const search = query.q ? await readSearch(db, query.q) : null;
  // A relevance order without a query is the date order: its cursors are the same.
  const order = query.sort === 'relevance' && !search ? 'date' : query.sort;
  const parts = keyParts(order, search);
  const cursor = query.cursor ? decodePageCursor(query.cursor, order) : null;
  if (cursor) {
    const key = 'after' in cursor ? cursor.after : 'before' in cursor ? cursor.before : null;
    if (!key || key.length !== parts.length + 1 || !UUID.test(key[parts.length]) || parts.some((part, i) => !part.valid(key[i]))) throw brokenPageCursor();
  }
  const base = and(
    visiblePractices(context.actor),
    query.scope === 'mine' ? seesWorkOn(context.actor) : eq(practices.state, 'published'),
    search ? searchMatches(shown.searchVector, search) : undefined,
  );
  const chosen = facetConditions(context, query);
  const where = and(base, ...Object.values(chosen));

  const keyText = sql<string>`json_build_array(${sql.join([...parts.map((part) => part.text), sql`${practices.id}::text`], sql`, `)})::text`;
  /** One page from a place in the order, and one row more, to know whether the list goes on in the direction read. */
  const read = async (from: { after: string[] } | { before: string[] } | { offset: number }) => {
    const backwards = 'before' in from;
    const key = 'after' in from ? from.after : 'before' in from ? from.before : null;
    const left = sql`(${sql.join([...parts.map((part) => part.value), sql`${practices.id}`], sql`, `)})`;
    const right = key ? sql`(${sql.join([...parts.map((part, i) => part.parse(key[i])), sql`${key[parts.length]}::uuid`], sql`, `)})` : null;
    const past = right ? (backwards ? sql`${left} > ${right}` : sql`${left} < ${right}`) : undefined;
    const direction = backwards ? asc : desc;
    const found = await db
      .select({
        id: practices.id,
        state: practices.state,
        publishedAt: practices.publishedAt,
        updatedAt: practices.updatedAt,
        reviewStatus: practices.reviewStatus,
        reviewScore: practices.reviewScore,
        adoptionCount: practices.adoptionCount,
        versionId: shown.id,
        title: shown.title,
        direction: shown.direction,
        levels: shown.levels,
        audiences: shown.audiences,
        description: shown.description,
        results: shown.results,
        tags: shown.tags,
        organizations: sql<{ id: string; shortName: string }[]>`(select coalesce(json_agg(json_build_object('id', o.id, 'shortName', o.short_name) order by po.position), '[]') from ${practiceOrganizations} po join ${organizations} o on o.id = po.organization_id where po.practice_id = ${practices.id})`,
        key: keyText,
      })
      .from(practices)
      .innerJoin(shown, sql`${shown.id} = ${shownVersion}`)
      .where(and(where, past))
      .orderBy(...parts.map((part) => direction(part.value)), direction(practices.id))
      .limit(pageSize + 1)
      .offset('offset' in from ? from.offset : 0);
    const more = found.length > pageSize;
    const rows = found.slice(0, pageSize);
    if (backwards) rows.reverse();
    return { rows, more };
  };

  const start = cursor && 'before' in cursor ? { before: cursor.before } : cursor && 'after' in cursor ? { after: cursor.after } : { offset: ((query.page ?? 1) - 1) * pageSize };
  let page = cursor ? cursor.page : (query.page ?? 1);
  let [{ rows, more }, counts] = await Promise.all([read(start), facetCounts(context, base, chosen)]);
  let beyond = 'before' in start ? true : more;
  let before = 'before' in start ? more : page > 1;
  // Back at the list's start (practices came and went since the cursor was made): the first page, full.
  if ('before' in start && !more) {
    page = 1;
    before = false;
    if (rows.length < pageSize) ({ rows, more: beyond } = await read({ offset: 0 }));
  }
  const keyOf = (row: { key: string }) => JSON.parse(row.key) as string[];
  const next = beyond && rows.length ? encodePageCursor({ order, page: page + 1, after: keyOf(rows[rows.length - 1]) }) : null;
  const previous = before && rows.length ? encodePageCursor({ order, page: page - 1, before: keyOf(rows[0]) }) : null;

  const snippet = (text: string) => (text.length > 300 ? `${text.slice(0, 300).replace(/\s+\S*$/, '')}…` : text);
  const highlights = search
    ? await highlightItems(db, search, rows, {
        title: { weight: 'A', text: (row) => row.title },
        description: { weight: 'B', text: (row) => snippet(row.description) },
      })
    : null;
  return {
    items: rows.map(({ key: _key, ...row }, index) => ({
      ...row,
      description: snippet(row.description),
      results: snippet(row.results),
      ...(highlights ? { highlight: highlights[index] } : {}),
    })),
    total: counts.total,
    page,
    pageSize,
    next,
    previous,
    facets: counts.facets,
  };
}

interface FacetCount {
  value: string;
  label?: string;
  count: number;
}

/**
 * The total and every facet's counts in one statement: the practices the list finds without its facets are read once
 * (`found`, with each chosen facet's condition as a column), then each facet counts those passing the OTHER chosen
 * facets — choosing a level still shows how many there are at every other level.
 */
async function facetCounts(context: CommandContext, base: SQL | undefined, chosen: Partial<Record<Facet, SQL>>) {
  const chosenNames = Object.keys(chosen) as Facet[];
  const flags = chosenNames.map((name) => sql`(${chosen[name]}) as ${sql.identifier(`is_${name}`)}`);
  const found = sql`select ${practices.id} as id, ${shown.direction} as direction, ${shown.levels} as levels, ${shown.audiences} as audiences,
      ${practices.reviewStatus} as review, ${adoptionBucket} as adoptions${sql.join(flags.map((flag) => sql`, ${flag}`))}
    from ${practices} inner join ${practiceVersions} as ${sql.identifier('shown')} on ${shown.id} = ${shownVersion} where ${base ?? sql`true`}`;
  const passing = (except?: Facet) => {
    const others = chosenNames.filter((name) => name !== except).map((name) => sql`f.${sql.identifier(`is_${name}`)}`);
    return others.length ? sql.join(others, sql` and `) : sql`true`;
  };
  const byOrganisation = sql`join ${practiceOrganizations} on ${practiceOrganizations.practiceId} = f.id`;
  const rows = (await context.db.execute(sql`
    with found as materialized (${found})
    select 'total' as facet, '' as value, null as label, count(*)::int as n from found f where ${passing()}
    union all select 'direction', f.direction, null, count(*)::int from found f where ${passing('direction')} group by f.direction
    union all select 'level', l, null, count(*)::int from found f cross join unnest(f.levels) as l where ${passing('level')} group by l
    union all select 'audience', a, null, count(*)::int from found f cross join unnest(f.audiences) as a where ${passing('audience')} group by a
    union all select 'review', f.review, null, count(*)::int from found f where ${passing('review')} group by f.review
    union all select 'adoptions', f.adoptions, null, count(*)::int from found f where ${passing('adoptions')} group by f.adoptions
    union all select 'municipality', ${municipalities.id}::text, ${municipalities.name}, count(distinct f.id)::int from found f ${byOrganisation}
      join ${organizations} on ${organizations.id} = ${practiceOrganizations.organizationId} join ${municipalities} on ${municipalities.id} = ${organizations.municipalityId}
      where ${passing('municipality')} group by ${municipalities.id}, ${municipalities.name}
    union all select 'network', ${networks.id}::text, ${networks.name}, count(distinct f.id)::int from found f ${byOrganisation}
      join ${networkMembers} on ${networkMembers.organizationId} = ${practiceOrganizations.organizationId} and ${networkMembers.state} = 'active'
      join ${networks} on ${networks.id} = ${networkMembers.networkId}
      where ${passing('network')} and ${visibleNetworks(context.actor) ?? sql`true`} group by ${networks.id}, ${networks.name}`)) as unknown as {
    rows: { facet: Facet | 'total'; value: string; label: string | null; n: number }[];
  };
  const facets = Object.fromEntries(facetNames.map((name) => [name, [] as FacetCount[]])) as Record<Facet, FacetCount[]>;
  let total = 0;
  for (const row of rows.rows) {
    if (row.facet === 'total') total = Number(row.n);
    else facets[row.facet].push({ value: row.value, ...(row.label ? { label: row.label } : {}), count: Number(row.n) });
  }
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return { total, facets };
}
