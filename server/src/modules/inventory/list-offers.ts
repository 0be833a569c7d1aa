import { type SQL, and, desc, eq, ne, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
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

/** The words of a query as a Russian tsquery, each also a prefix so the list narrows while a person types. Shared with the programmes catalogue. */
export function searchQuery(q: string): SQL | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? sql`to_tsquery('russian', ${words.map((w) => `${w}:*`).join(' & ')})` : null;
}

/** Title, description and tags together, so one word may come from the title and another from a tag. */
const searchedText = sql`(${resourceOffers.searchVector} || to_tsvector('russian', array_to_string(${resourceOffers.tags}, ' ')))`;

/**
 * The region's public catalogue of resources: active offers of organisations that are not archived,
 * found by Russian full-text search with stemming («робототехника» finds «Лаборатория робототехники»).
 */
export async function listOffers(context: CommandContext, filter: CatalogueFilter) {
  const page = Math.max(1, filter.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 20));
  const query = filter.q ? searchQuery(filter.q) : null;
  const where = and(
    eq(resourceOffers.state, 'active'),
    ne(organizations.state, 'archived'),
    query ? sql`${searchedText} @@ ${query}` : undefined,
    filter.category ? eq(resourceOffers.category, filter.category) : undefined,
    filter.municipalityId ? eq(organizations.municipalityId, filter.municipalityId) : undefined,
    filter.conditions ? eq(resourceOffers.conditions, filter.conditions) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    context.db
      .select({ offer: resourceOffers })
      .from(resourceOffers)
      .innerJoin(organizations, eq(organizations.id, resourceOffers.organizationId))
      .where(where)
      .orderBy(...(query ? [desc(sql`ts_rank(${searchedText}, ${query})`)] : []), desc(resourceOffers.updatedAt), resourceOffers.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    context.db
      .select({ total: sql<number>`count(*)::int` })
      .from(resourceOffers)
      .innerJoin(organizations, eq(organizations.id, resourceOffers.organizationId))
      .where(where),
  ]);
  const refs = await organizationRefs(context.db, rows.map((r) => r.offer.organizationId));
  return {
    items: rows.map(({ offer }) => ({ ...presentOffer(offer), organization: refs.get(offer.organizationId)! })),
    total: Number(total),
    page,
    pageSize,
  };
}
