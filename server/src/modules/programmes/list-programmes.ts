import { type SQL, and, arrayContains, eq, exists, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { preparedQuery } from '../../platform/db/prepared';
import { invalid, notFound } from '../../platform/problem';
import { type Highlight, highlightItems, readSearch, searchMatches, searchTier } from '../../platform/search/search';
import { canViewNetwork } from '../networks/access';
import { organizations } from '../organizations/schema';
import type { CatalogueQuery } from './programme-fields';
import { type Place, distanceFrom, readProgrammeViews } from './present-programme';
import { programmeSlots, programmes } from './schema';

const provider = alias(organizations, 'provider');
const venue = alias(organizations, 'venue');

/** Every list orders by the titles' sort keys, and titles repeat from request to request: keys are kept (bounded). */
const sortKeys = new Map<string, string>();
function titleSortKey(title: string): string {
  let key = sortKeys.get(title);
  if (key === undefined) {
    if (sortKeys.size >= 50_000) sortKeys.clear();
    sortKeys.set(title, (key = russianSortKey(title)));
  }
  return key;
}

/** Children start school at about 7: grade g is ages g + 6 … g + 7, so a programme by age still answers a filter by grade. */
const SCHOOL_AGE_OFFSET = 6;

/** By grade, or by age for a programme given in ages; `grade` a value or a placeholder. */
function forGrade(grade: number | SQL): SQL {
  const byGrade = and(
    or(isNull(programmes.gradeFrom), sql`${programmes.gradeFrom} <= ${grade}`),
    or(isNull(programmes.gradeTo), sql`${programmes.gradeTo} >= ${grade}`),
    or(sql`${programmes.gradeFrom} is not null`, sql`${programmes.gradeTo} is not null`),
  )!;
  const byAge = and(
    isNull(programmes.gradeFrom),
    isNull(programmes.gradeTo),
    or(isNull(programmes.ageFrom), sql`${programmes.ageFrom} <= ${grade} + ${SCHOOL_AGE_OFFSET + 1}`),
    or(isNull(programmes.ageTo), sql`${programmes.ageTo} >= ${grade} + ${SCHOOL_AGE_OFFSET}`),
  )!;
  return or(byGrade, byAge)!;
}

/** The school distances are measured from; it must have coordinates in the registry. */
async function originOf(context: CommandContext, organizationId: string | undefined): Promise<Place | null> {
  if (!organizationId) return null;
  const [school] = await context.db.select({ shortName: organizations.shortName, lat: organizations.lat, lon: organizations.lon }).from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  if (!school) throw notFound('Школа');
  if (school.lat === null || school.lon === null) {
    throw invalid(`У «${school.shortName}» нет координат в реестре, поэтому расстояние до программ не посчитать.`, [{ field: 'nearOrganizationId', message: 'У школы нет координат' }]);
  }
  return { lat: school.lat, lon: school.lon };
}

/** A found programme in the few columns the order, the distance and the map need: its venue's place, its search tier. */
const readFound = (db: Database, tier: SQL<number>) =>
  db
    .select({ id: programmes.id, title: programmes.title, lat: venue.lat, lon: venue.lon, tier })
    .from(programmes)
    .innerJoin(provider, eq(provider.id, programmes.organizationId))
    .innerJoin(venue, eq(venue.id, sql`coalesce(${programmes.venueOrganizationId}, ${programmes.organizationId})`));

/** The catalogue lists published programmes of organisations that are not archived. */
const listed = and(eq(programmes.state, 'published'), ne(provider.state, 'archived'));

/**
 * The catalogue's filters that take no search and no network as one prepared query (platform/db/prepared): a filter
 * not given is a null placeholder, so the landing page and the usual narrowing by kind, direction, grade, municipality,
 * free places, day or provider skip Drizzle's query building. Tier 0: no search.
 */
const filteredProgrammes = preparedQuery((db) => {
  const given = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;
  const grade = given('grade', 'int');
  return readFound(db, sql<number>`0`)
    .where(
      and(
        listed,
        sql`(${given('kind', 'text')} is null or ${programmes.kind}::text = ${given('kind', 'text')})`,
        sql`(${given('direction', 'text')} is null or ${programmes.direction}::text = ${given('direction', 'text')})`,
        sql`(${grade} is null or ${forGrade(grade)})`,
        sql`(${given('municipalityId', 'uuid')} is null or ${venue.municipalityId} = ${given('municipalityId', 'uuid')})`,
        sql`(not ${given('freeOnly', 'boolean')} or ${programmes.seatsTaken} < ${programmes.capacity})`,
        sql`(${given('weekday', 'int')} is null or exists (select 1 from ${programmeSlots} where ${programmeSlots.programmeId} = ${programmes.id} and ${programmeSlots.weekday} = ${given('weekday', 'int')}))`,
        sql`(${given('organizationId', 'uuid')} is null or ${programmes.organizationId} = ${given('organizationId', 'uuid')})`,
      ),
    )
    .prepare('catalogue_programmes');
});

/** The catalogue's filters, without the page. */
export type CatalogueFilter = Omit<CatalogueQuery, 'page' | 'pageSize'>;

/**
 * Every programme the filters find, in the catalogue's order, in the few columns the order, the distance and the map
 * need: published programmes of organisations that are not archived, found by the shared search (platform/search:
 * «робототехника» finds «робототехнике»). Distance is great-circle kilometres from the chosen school to the venue.
 * Order: nearest first when a school is chosen, then the best match, then by title.
 */
async function findProgrammes(context: CommandContext, query: CatalogueFilter) {
  if (query.maxKm !== undefined && !query.nearOrganizationId) {
    throw invalid('Чтобы ограничить расстояние, выберите школу, от которой его считать.', [{ field: 'nearOrganizationId', message: 'Выберите школу' }]);
  }
  const origin = await originOf(context, query.nearOrganizationId);
  const search = query.q ? await readSearch(context.db, query.q) : null;
  const found =
    !search && !query.networkId
      ? await filteredProgrammes(context.db).execute({
          kind: query.kind ?? null,
          direction: query.direction ?? null,
          grade: query.grade ?? null,
          municipalityId: query.municipalityId ?? null,
          freeOnly: query.freeOnly ?? false,
          weekday: query.weekday ?? null,
          organizationId: query.organizationId ?? null,
        })
      : await readFound(context.db, search ? searchTier(programmes.searchVector, search) : sql<number>`0`)
          .where(
            and(
              listed,
              search ? searchMatches(programmes.searchVector, search) : undefined,
              query.kind ? eq(programmes.kind, query.kind) : undefined,
              query.direction ? eq(programmes.direction, query.direction) : undefined,
              query.grade !== undefined ? forGrade(query.grade) : undefined,
              query.municipalityId ? eq(venue.municipalityId, query.municipalityId) : undefined,
              query.freeOnly ? lt(programmes.seatsTaken, programmes.capacity) : undefined,
              query.weekday
                ? exists(
                    context.db
                      .select({ one: sql`1` })
                      .from(programmeSlots)
                      .where(and(eq(programmeSlots.programmeId, programmes.id), eq(programmeSlots.weekday, query.weekday))),
                  )
                : undefined,
              // A members-only network the caller may not see filters as an unknown one would: to nothing.
              query.networkId ? ((await canViewNetwork(context.db, context.actor, query.networkId)) ? arrayContains(programmes.networkIds, [query.networkId]) : sql`false`) : undefined,
              query.organizationId ? eq(programmes.organizationId, query.organizationId) : undefined,
            ),
          );
  const placed = found
    .map((row) => ({ ...row, distanceKm: distanceFrom(origin, row), sortKey: titleSortKey(row.title) }))
    .filter((row) => query.maxKm === undefined || (row.distanceKm !== null && row.distanceKm <= query.maxKm));
  placed.sort(
    (a, b) =>
      (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.tier - b.tier || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : 1),
  );
  return { placed, origin, search };
}

/**
 * The public catalogue's page: the filtered set is read in a few columns once (`findProgrammes`) — for the distance
 * limit and the order — and only the page is read in full. The map's points are not in it: `listProgrammePoints`.
 */
export async function listProgrammes(context: CommandContext, query: CatalogueQuery) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { placed, origin, search } = await findProgrammes(context, query);
  const views = await readProgrammeViews(context.db, placed.slice((page - 1) * pageSize, page * pageSize).map((row) => row.id), origin);
  const pageRows = views.map((view) => view.row);
  const items = views.map((view) => view.summary);
  const highlights = search
    ? await highlightItems(context.db, search, pageRows, {
        title: { weight: 'A', text: (row) => row.title },
      })
    : null;
  return {
    items: items.map((item, index): typeof item & { highlight?: Highlight<'title'> } => (highlights ? { ...item, highlight: highlights[index] } : item)),
    total: placed.length,
    page,
    pageSize,
  };
}

/** Where every programme the filters find takes place, for the catalogue's map: each one's venue, in the list's order. */
export async function listProgrammePoints(context: CommandContext, query: CatalogueFilter) {
  const { placed } = await findProgrammes(context, query);
  return { points: placed.filter((row) => row.lat !== null && row.lon !== null).map(({ id, title, lat, lon }) => ({ id, title, lat: lat!, lon: lon! })) };
}
