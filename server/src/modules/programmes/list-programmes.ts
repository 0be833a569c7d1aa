import { type SQL, and, arrayContains, eq, exists, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import type { CommandContext } from '../../platform/context';
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

function forGrade(grade: number): SQL {
  const byGrade = and(
    or(isNull(programmes.gradeFrom), sql`${programmes.gradeFrom} <= ${grade}`),
    or(isNull(programmes.gradeTo), sql`${programmes.gradeTo} >= ${grade}`),
    or(sql`${programmes.gradeFrom} is not null`, sql`${programmes.gradeTo} is not null`),
  )!;
  const byAge = and(
    isNull(programmes.gradeFrom),
    isNull(programmes.gradeTo),
    or(isNull(programmes.ageFrom), sql`${programmes.ageFrom} <= ${grade + SCHOOL_AGE_OFFSET + 1}`),
    or(isNull(programmes.ageTo), sql`${programmes.ageTo} >= ${grade + SCHOOL_AGE_OFFSET}`),
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

/**
 * The public catalogue: published programmes of organisations that are not archived, narrowed by every
 * filter given, found by the shared search (platform/search: «робототехника» finds «робототехнике»).
 * Distance is great-circle kilometres from the chosen school to the venue. The filtered set is read in
 * a few columns once — for the map's points, the distance limit and the order — and only the page is
 * read in full. Order: nearest first when a school is chosen, then the best match, then by title.
 */
export async function listProgrammes(context: CommandContext, query: CatalogueQuery) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  if (query.maxKm !== undefined && !query.nearOrganizationId) {
    throw invalid('Чтобы ограничить расстояние, выберите школу, от которой его считать.', [{ field: 'nearOrganizationId', message: 'Выберите школу' }]);
  }
  const origin = await originOf(context, query.nearOrganizationId);
  const search = query.q ? await readSearch(context.db, query.q) : null;
  const where = and(
    eq(programmes.state, 'published'),
    ne(provider.state, 'archived'),
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
  );
  const found = await context.db
    .select({
      id: programmes.id,
      title: programmes.title,
      lat: venue.lat,
      lon: venue.lon,
      tier: search ? searchTier(programmes.searchVector, search) : sql<number>`0`,
    })
    .from(programmes)
    .innerJoin(provider, eq(provider.id, programmes.organizationId))
    .innerJoin(venue, eq(venue.id, sql`coalesce(${programmes.venueOrganizationId}, ${programmes.organizationId})`))
    .where(where);

  const placed = found
    .map((row) => ({ ...row, distanceKm: distanceFrom(origin, row), sortKey: titleSortKey(row.title) }))
    .filter((row) => query.maxKm === undefined || (row.distanceKm !== null && row.distanceKm <= query.maxKm));
  placed.sort(
    (a, b) =>
      (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.tier - b.tier || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : 1),
  );
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
    points: placed.filter((row) => row.lat !== null && row.lon !== null).map(({ id, title, lat, lon }) => ({ id, title, lat: lat!, lon: lon! })),
  };
}

