import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { countOrEstimate } from '../../platform/db/estimated-count';
import { highlightItems, readSearch, searchMatches, searchTier } from '../../platform/search/search';
import { organizations } from '../organizations/schema';
import { organizationRefs, presentOffer } from './present-inventory';
import { type ResourceCategory, type ResourceConditions, resourceOffers } from './schema';

export interface CatalogueFilter {
  q?: string;
  category?: ResourceCategory;
  municipalityId?: string;
  conditions?: ResourceConditions;
  page?: number;
  pageSize?: number;
}

/** Title and description (in the search vector) with the tags, weighed as the description, so one word may come from the title and another from a tag. */
const searchedText = sql`(${resourceOffers.searchVector} || orbita_search_vector(array_to_string(${resourceOffers.tags}, ' '), 'B'))`;

/**
 * The region's public catalogue of resources: active offers of organisations that are not archived,
 * found by the shared search (platform/search: «робототехника» finds «Лаборатория робототехники», the best match first).
 */
export async function listOffers(context: CommandContext, filter: CatalogueFilter) {
  const page = Math.max(1, filter.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 20));
  const search = filter.q ? await readSearch(context.db, filter.q) : null;
  const where = and(
    eq(resourceOffers.state, 'active'),
    ne(organizations.state, 'archived'),
    search ? searchMatches(searchedText, search) : undefined,
    filter.category ? eq(resourceOffers.category, filter.category) : undefined,
    filter.municipalityId ? eq(organizations.municipalityId, filter.municipalityId) : undefined,
    filter.conditions ? eq(resourceOffers.conditions, filter.conditions) : undefined,
  );
  const [rows, count] = await Promise.all([
    context.db
      .select({ offer: resourceOffers })
      .from(resourceOffers)
      .innerJoin(organizations, eq(organizations.id, resourceOffers.organizationId))
      .where(where)
      .orderBy(...(search ? [asc(searchTier(searchedText, search))] : []), desc(resourceOffers.updatedAt), resourceOffers.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    countOrEstimate(context.db, resourceOffers, where, {
      joins: sql`inner join ${organizations} on ${organizations.id} = ${resourceOffers.organizationId}`,
      sample: (search?.words.flatMap((word) => word.terms).length ?? 0) > 1,
    }),
  ]);
  const refs = await organizationRefs(context.db, rows.map((r) => r.offer.organizationId));
  const highlights = search
    ? await highlightItems(context.db, search, rows, {
        title: { weight: 'A', text: ({ offer }) => offer.title },
        description: { weight: 'B', text: ({ offer }) => offer.description },
      })
    : null;
  return {
    items: rows.map(({ offer }, index) => ({ ...presentOffer(offer), organization: refs.get(offer.organizationId)!, ...(highlights ? { highlight: highlights[index] } : {}) })),
    ...count,
    page,
    pageSize,
  };
}
