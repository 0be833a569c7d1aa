import { type SQL, and, eq, inArray, ne } from 'drizzle-orm';
import type { MatchNeed, MatchOffer, MatchOrganization } from '../../algorithms/resource-matching';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { visibleNetworkIds, visibleNetworks } from '../networks/access';
import { networkMembers, networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import type { NeedRow, OfferRow } from './present-inventory';
import { resourceNeeds, resourceOffers } from './schema';
import { searchTerms } from '../../platform/search/search';

/**
 * Rows → what the pure matcher (algorithms/resource-matching.ts) reads. The Russian stems of title and
 * description come from the stored search vector, so matching and the catalogue search stem alike.
 */

export const toMatchOffer = (row: OfferRow, lexemes: string[]): MatchOffer => ({
  id: row.id,
  organizationId: row.organizationId,
  category: row.category,
  tags: row.tags,
  lexemes,
  conditions: row.conditions,
  mobility: row.mobility,
  weekdays: row.weekdays,
  availableFrom: row.availableFrom,
  availableTo: row.availableTo,
  capacity: row.capacity,
});

export const toMatchNeed = (row: NeedRow, lexemes: string[]): MatchNeed => ({
  id: row.id,
  organizationId: row.organizationId,
  category: row.category,
  tags: row.tags,
  lexemes,
  priority: row.priority,
  neededFrom: row.neededFrom,
  neededTo: row.neededTo,
});

/** Active offers matching `where`, of organisations that are not archived, with their stems. */
export async function loadMatchOffers(db: Database, where: SQL | undefined) {
  const rows = await db
    .select({ row: resourceOffers, lexemes: searchTerms(resourceOffers.searchVector) })
    .from(resourceOffers)
    .innerJoin(organizations, eq(organizations.id, resourceOffers.organizationId))
    .where(and(eq(resourceOffers.state, 'active'), ne(organizations.state, 'archived'), where));
  return rows.map(({ row, lexemes }) => ({ row, match: toMatchOffer(row, lexemes) }));
}

/** Active needs matching `where`, of organisations that are not archived, with their stems. */
export async function loadMatchNeeds(db: Database, where: SQL | undefined) {
  const rows = await db
    .select({ row: resourceNeeds, lexemes: searchTerms(resourceNeeds.searchVector) })
    .from(resourceNeeds)
    .innerJoin(organizations, eq(organizations.id, resourceNeeds.organizationId))
    .where(and(eq(resourceNeeds.state, 'active'), ne(organizations.state, 'archived'), where));
  return rows.map(({ row, lexemes }) => ({ row, match: toMatchNeed(row, lexemes) }));
}

/**
 * Where the organisations are and which networks they are active members of — among the networks the
 * viewer may see, so a members-only network neither names itself in a suggestion nor lifts its score.
 */
export async function loadMatchOrganizations(db: Database, viewer: Actor | null, ids: Iterable<string>): Promise<MatchOrganization[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const [places, memberships] = await Promise.all([
    db.select({ id: organizations.id, lat: organizations.lat, lon: organizations.lon }).from(organizations).where(inArray(organizations.id, unique)),
    db
      .select({ organizationId: networkMembers.organizationId, networkId: networkMembers.networkId })
      .from(networkMembers)
      .where(and(inArray(networkMembers.organizationId, unique), eq(networkMembers.state, 'active'), inArray(networkMembers.networkId, visibleNetworkIds(db, viewer)))),
  ]);
  const networkIds = new Map<string, string[]>();
  for (const m of memberships) networkIds.set(m.organizationId, [...(networkIds.get(m.organizationId) ?? []), m.networkId]);
  return places.map((place) => ({ ...place, networkIds: networkIds.get(place.id) ?? [] }));
}

/** Names of networks the viewer may see, for the explanations («Обе организации в сети …»). */
export async function networkNames(db: Database, viewer: Actor | null, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: networks.id, name: networks.name }).from(networks).where(and(inArray(networks.id, unique), visibleNetworks(viewer)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
