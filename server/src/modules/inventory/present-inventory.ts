import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';
import { resourceNeeds, resourceOffers } from './schema';

export type OfferRow = typeof resourceOffers.$inferSelect;
export type NeedRow = typeof resourceNeeds.$inferSelect;

/** The public shape of a resource; the search vector and authorship stay inside. */
export function presentOffer(row: OfferRow) {
  return {
    id: row.id,
    organizationId: row.organizationId,
    category: row.category,
    title: row.title,
    description: row.description,
    tags: row.tags,
    conditions: row.conditions,
    mobility: row.mobility,
    weekdays: row.weekdays,
    availableFrom: row.availableFrom,
    availableTo: row.availableTo,
    capacity: row.capacity,
    state: row.state,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
export type OfferView = ReturnType<typeof presentOffer>;

export function presentNeed(row: NeedRow) {
  return {
    id: row.id,
    organizationId: row.organizationId,
    category: row.category,
    title: row.title,
    description: row.description,
    tags: row.tags,
    priority: row.priority,
    neededFrom: row.neededFrom,
    neededTo: row.neededTo,
    state: row.state,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
export type NeedView = ReturnType<typeof presentNeed>;

export interface OrganizationRef {
  id: string;
  shortName: string;
  municipalityName: string;
  lat: number | null;
  lon: number | null;
}

/** Organisations as the inventory pages name and place them, by id. */
export async function organizationRefs(db: Database, ids: Iterable<string>): Promise<Map<string, OrganizationRef>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: organizations.id, shortName: organizations.shortName, municipalityName: municipalities.name, lat: organizations.lat, lon: organizations.lon })
    .from(organizations)
    .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
    .where(inArray(organizations.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}
