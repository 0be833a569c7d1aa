import { type SQL, and, arrayContains, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { CommandContext } from '../../platform/context';
import { pageQuery } from '../../platform/fields';
import { type TextSearch, highlightItems, readSearch, searchMatches, searchTier } from '../../platform/search/search';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';
import { seesWorkOn, visiblePractices } from './access';
import { reviewStates } from './get-practice';
import { practiceAudiences, practiceLevels, practiceOrganizations, practiceVersions, practices } from './schema';

export const practiceListQuery = z.object({
  q: z.string({ error: 'Запрос — текст' }).trim().max(200, { error: 'Запрос — не длиннее 200 символов' }).optional(),
  direction: z.string({ error: 'Направление — текст' }).trim().max(200, { error: 'Направление — не длиннее 200 символов' }).optional(),
  level: z.enum(practiceLevels, { error: 'Неизвестный уровень образования' }).optional(),
  audience: z.enum(practiceAudiences, { error: 'Неизвестная аудитория' }).optional(),
  municipalityId: z.uuid({ error: 'Неверный идентификатор муниципалитета' }).optional(),
  reviewState: z.enum(reviewStates, { error: 'Неизвестное состояние экспертизы' }).optional(),
  /** «mine»: the practices the caller works on, in any state; the library otherwise (published ones). */
  scope: z.enum(['library', 'mine'], { error: 'Выборка: library или mine' }).default('library'),
  sort: z.enum(['relevance', 'date'], { error: 'Сортировка: relevance или date' }).default('relevance'),
  ...pageQuery(50),
});
export type PracticeListQuery = z.output<typeof practiceListQuery>;

/** The version a list shows: the published one, or — a practice never published, to those who work on it — the working one. */
const shown = alias(practiceVersions, 'shown');
const shownVersion = sql`coalesce(${practices.publishedVersionId}, ${practices.workingVersionId})`;

const inMunicipality = (municipalityId: string): SQL =>
  sql`exists (select 1 from ${practiceOrganizations} join ${organizations} on ${organizations.id} = ${practiceOrganizations.organizationId} where ${practiceOrganizations.practiceId} = ${practices.id} and ${organizations.municipalityId} = ${municipalityId})`;

type Facet = 'direction' | 'level' | 'audience' | 'municipality';

/** The list's conditions, each facet's apart, so a facet's counts ignore its own choice (choosing a level shows the others' counts). */
function conditions(context: CommandContext, query: PracticeListQuery, search: TextSearch | null) {
  const base = and(
    visiblePractices(context.actor),
    query.scope === 'mine' ? seesWorkOn(context.actor) : eq(practices.state, 'published'),
    search ? searchMatches(shown.searchVector, search) : undefined,
  );
  const facets: Record<Facet, SQL | undefined> = {
    direction: query.direction ? sql`lower(${shown.direction}) = lower(${query.direction})` : undefined,
    level: query.level ? arrayContains(shown.levels, [query.level]) : undefined,
    audience: query.audience ? arrayContains(shown.audiences, [query.audience]) : undefined,
    municipality: query.municipalityId ? inMunicipality(query.municipalityId) : undefined,
  };
  const without = (facet?: Facet) => and(base, ...Object.entries(facets).filter(([key]) => key !== facet).map(([, value]) => value));
  return { where: without(), without };
}

/**
 * The library: practices the caller may see, found by the shared search (Russian word forms, typos through the
 * `search_words` vocabulary), narrowed by facets, with counts per facet value, best match or newest first, paged.
 */
export async function listPractices(context: CommandContext, query: PracticeListQuery) {
  const { db } = context;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const search = query.q ? await readSearch(db, query.q) : null;
  const { where, without } = conditions(context, query, search);
  const from = () => db.select({ n: sql<number>`count(*)::int` }).from(practices).innerJoin(shown, sql`${shown.id} = ${shownVersion}`);
  const tier = search ? searchTier(shown.searchVector, search) : sql<number>`0`;
  const [rows, [{ n: total }], directionCounts, levelCounts, audienceCounts, municipalityCounts] = await Promise.all([
    db
      .select({
        id: practices.id,
        state: practices.state,
        publishedAt: practices.publishedAt,
        updatedAt: practices.updatedAt,
        versionId: shown.id,
        title: shown.title,
        direction: shown.direction,
        levels: shown.levels,
        audiences: shown.audiences,
        description: shown.description,
        results: shown.results,
        tags: shown.tags,
        organizations: sql<{ id: string; shortName: string }[]>`(select coalesce(json_agg(json_build_object('id', o.id, 'shortName', o.short_name) order by po.position), '[]') from ${practiceOrganizations} po join ${organizations} o on o.id = po.organization_id where po.practice_id = ${practices.id})`,
      })
      .from(practices)
      .innerJoin(shown, sql`${shown.id} = ${shownVersion}`)
      .where(where)
      .orderBy(...(query.sort === 'relevance' && search ? [tier] : []), desc(sql`coalesce(${practices.publishedAt}, ${practices.updatedAt})`), practices.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    from().where(where),
    db.select({ value: shown.direction, n: sql<number>`count(*)::int` }).from(practices).innerJoin(shown, sql`${shown.id} = ${shownVersion}`).where(without('direction')).groupBy(shown.direction),
    db.select({ value: sql<string>`l`, n: sql<number>`count(*)::int` }).from(practices).innerJoin(shown, sql`${shown.id} = ${shownVersion}`).innerJoin(sql`unnest(${shown.levels}) as l`, sql`true`).where(without('level')).groupBy(sql`l`),
    db.select({ value: sql<string>`a`, n: sql<number>`count(*)::int` }).from(practices).innerJoin(shown, sql`${shown.id} = ${shownVersion}`).innerJoin(sql`unnest(${shown.audiences}) as a`, sql`true`).where(without('audience')).groupBy(sql`a`),
    db
      .select({ value: organizations.municipalityId, label: municipalities.name, n: sql<number>`count(distinct ${practices.id})::int` })
      .from(practices)
      .innerJoin(shown, sql`${shown.id} = ${shownVersion}`)
      .innerJoin(practiceOrganizations, eq(practiceOrganizations.practiceId, practices.id))
      .innerJoin(organizations, eq(organizations.id, practiceOrganizations.organizationId))
      .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
      .where(without('municipality'))
      .groupBy(organizations.municipalityId, municipalities.name),
  ]);
  const snippet = (text: string) => (text.length > 300 ? `${text.slice(0, 300).replace(/\s+\S*$/, '')}…` : text);
  const highlights = search
    ? await highlightItems(db, search, rows, {
        title: { weight: 'A', text: (row) => row.title },
        description: { weight: 'B', text: (row) => snippet(row.description) },
      })
    : null;
  const byCount = (counts: { value: string; label?: string; n: number }[]) => counts.map((c) => ({ value: c.value, ...(c.label ? { label: c.label } : {}), count: c.n })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return {
    items: rows.map((row, index) => ({
      ...row,
      description: snippet(row.description),
      results: snippet(row.results),
      reviewState: reviewStates[0],
      ...(highlights ? { highlight: highlights[index] } : {}),
    })),
    total,
    page,
    pageSize,
    facets: {
      direction: byCount(directionCounts),
      level: byCount(levelCounts),
      audience: byCount(audienceCounts),
      municipality: byCount(municipalityCounts),
      // No review exists yet: everything found is «Не оценивалась».
      reviewState: [{ value: reviewStates[0], count: total }],
    },
  };
}

