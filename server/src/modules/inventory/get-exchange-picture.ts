import { type SQL, and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { exchangePicture } from '../../algorithms/resource-matching';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { resourceExchanges } from '../exchanges/schema';
import { seatsOf } from '../councils/load';
import { visibleExchanges } from '../exchanges/exchange-access';
import { type NetworkRow, activeMemberIds, loadVisibleNetwork, managesNetwork } from '../networks/access';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';
import { loadMatchNeeds, loadMatchOffers, loadMatchOrganizations } from './match-rows';
import { inventoryPolicy } from './policy';
import { organizationRefs, presentNeed, presentOffer } from './present-inventory';
import { type NeedPriority, resourceNeeds, resourceOffers } from './schema';

/** Suggestions shown per need in the picture (an offer relevant to no need at all counts as unused). */
export const PICTURE_SUGGESTIONS = 3;

interface Scope {
  kind: 'network' | 'municipality';
  id: string;
  name: string;
}

/** The exchange picture of a network: its active members' resources and needs. */
export async function getNetworkExchangePicture(context: CommandContext, networkId: string, maxDistanceKm: number | null) {
  authorize(context.actor, inventoryPolicy.read);
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const memberIds = await activeMemberIds(context.db, networkId);
  const ids = await liveOrganizationIds(context.db, memberIds.length ? inArray(organizations.id, memberIds) : sql`false`);
  const view = await picture(context, { kind: 'network', id: network.id, name: network.name }, ids, maxDistanceKm);
  return { ...view, memberExchanges: await memberExchanges(context, network, ids) };
}

/**
 * The exchanges between the network's members, listed for its management when the regulation allows it
 * (networks.exchangesVisibleToCouncil): the coordinators and the council. Through the one visibility rule of
 * exchanges; null for everyone else (the totals above count every exchange between members for all).
 */
async function memberExchanges({ db, actor }: CommandContext, network: NetworkRow, organizationIds: string[]) {
  if (!actor || !network.exchangesVisibleToCouncil || organizationIds.length < 2) return null;
  const oversees = managesNetwork(actor, network) || (await seatsOf(db, actor, network.id)).length > 0;
  if (!oversees) return null;
  const rows = await db
    .select({ id: resourceExchanges.id, state: resourceExchanges.state, requester: resourceExchanges.requesterOrganizationId, provider: resourceExchanges.providerOrganizationId, offerTitle: resourceOffers.title, updatedAt: resourceExchanges.updatedAt })
    .from(resourceExchanges)
    .innerJoin(resourceOffers, eq(resourceOffers.id, resourceExchanges.offerId))
    .where(and(inArray(resourceExchanges.requesterOrganizationId, organizationIds), inArray(resourceExchanges.providerOrganizationId, organizationIds), await visibleExchanges(db, actor)))
    .orderBy(desc(resourceExchanges.updatedAt), desc(resourceExchanges.id));
  const refs = await organizationRefs(db, rows.flatMap((r) => [r.requester, r.provider]));
  return rows.map((r) => ({ id: r.id, state: r.state, offerTitle: r.offerTitle, requester: refs.get(r.requester)!, provider: refs.get(r.provider)!, updatedAt: r.updatedAt }));
}

/** The exchange picture of a municipality: every organisation in it; for its authority and the operator. */
export async function getMunicipalityExchangePicture(context: CommandContext, municipalityId: string, maxDistanceKm: number | null) {
  authorize(context.actor, (actor) => inventoryPolicy.viewMunicipality(actor, municipalityId));
  const [municipality] = await context.db.select().from(municipalities).where(eq(municipalities.id, municipalityId)).limit(1);
  if (!municipality) throw notFound('Муниципалитет');
  const ids = await liveOrganizationIds(context.db, eq(organizations.municipalityId, municipalityId));
  return picture(context, { kind: 'municipality', id: municipality.id, name: municipality.name }, ids, maxDistanceKm);
}

async function liveOrganizationIds(db: Database, where: SQL) {
  const rows = await db.select({ id: organizations.id }).from(organizations).where(and(where, ne(organizations.state, 'archived')));
  return rows.map((r) => r.id);
}

const priorityOrder: Record<NeedPriority, number> = { high: 0, medium: 1, low: 2 };

/**
 * Rows of the scope → the pure matcher → a table: which needs some member can cover and by whom, which
 * remain deficits, which resources nobody's need uses, and the exchanges already under way.
 */
async function picture({ db, actor }: CommandContext, scope: Scope, organizationIds: string[], maxDistanceKm: number | null) {
  const inScope = organizationIds.length > 0;
  const [offers, needs, places, refs, exchanges] = await Promise.all([
    inScope ? loadMatchOffers(db, inArray(resourceOffers.organizationId, organizationIds)) : [],
    inScope ? loadMatchNeeds(db, inArray(resourceNeeds.organizationId, organizationIds)) : [],
    loadMatchOrganizations(db, actor, organizationIds),
    organizationRefs(db, organizationIds),
    inScope ? exchangeTotals(db, organizationIds) : { requested: 0, accepted: 0, completed: 0 },
  ]);
  const result = exchangePicture(
    needs.map((n) => n.match),
    offers.map((o) => o.match),
    places,
    { maxDistanceKm, limit: PICTURE_SUGGESTIONS },
  );
  const uncovered = new Set(result.uncoveredNeedIds);
  const unused = new Set(result.unusedOfferIds);
  const offerTitles = new Map(offers.map((o) => [o.row.id, o.row.title]));
  const name = (id: string) => refs.get(id)?.shortName ?? '';

  const needViews = needs
    .map(({ row }) => row)
    .sort((a, b) => priorityOrder[a.priority] - priorityOrder[b.priority] || name(a.organizationId).localeCompare(name(b.organizationId), 'ru') || a.title.localeCompare(b.title, 'ru'))
    .map((row) => ({
      need: presentNeed(row),
      organization: refs.get(row.organizationId)!,
      covered: !uncovered.has(row.id),
      suggestions: (result.suggestions.get(row.id) ?? []).slice(0, PICTURE_SUGGESTIONS).map((s) => ({
        offerId: s.offerId,
        offerTitle: offerTitles.get(s.offerId)!,
        organization: refs.get(s.organizationId)!,
        score: s.score,
        distanceKm: s.distanceKm,
      })),
    }));
  const unusedOffers = offers.filter(({ row }) => unused.has(row.id)).map(({ row }) => ({ offer: presentOffer(row), organization: refs.get(row.organizationId)! }));

  const count = <T>(list: T[], organizationOf: (item: T) => string) => {
    const counts = new Map<string, number>();
    for (const item of list) counts.set(organizationOf(item), (counts.get(organizationOf(item)) ?? 0) + 1);
    return (id: string) => counts.get(id) ?? 0;
  };
  const offersOf = count(offers, (o) => o.row.organizationId);
  const needsOf = count(needs, (n) => n.row.organizationId);
  const uncoveredOf = count(
    needs.filter((n) => uncovered.has(n.row.id)),
    (n) => n.row.organizationId,
  );
  const unusedOf = count(unusedOffers, (o) => o.offer.organizationId);

  return {
    scope,
    options: { maxDistanceKm },
    totals: {
      organizations: organizationIds.length,
      offers: offers.length,
      needs: needs.length,
      coveredNeeds: needs.length - uncovered.size,
      uncoveredNeeds: uncovered.size,
      unusedOffers: unused.size,
      exchanges,
    },
    needs: needViews,
    unusedOffers,
    organizations: [...refs.values()]
      .sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru'))
      .map((ref) => ({
        ...ref,
        offers: offersOf(ref.id),
        needs: needsOf(ref.id),
        uncoveredNeeds: uncoveredOf(ref.id),
        unusedOffers: unusedOf(ref.id),
        hasInventory: offersOf(ref.id) + needsOf(ref.id) > 0,
      })),
  };
}

/** Exchanges between two organisations of the scope: requested ever, accepted (completed included), completed. */
async function exchangeTotals(db: Database, organizationIds: string[]) {
  const [totals] = await db
    .select({
      requested: sql<number>`count(*)::int`,
      accepted: sql<number>`(count(*) filter (where ${resourceExchanges.state} in ('accepted', 'completed')))::int`,
      completed: sql<number>`(count(*) filter (where ${resourceExchanges.state} = 'completed'))::int`,
    })
    .from(resourceExchanges)
    .where(and(inArray(resourceExchanges.requesterOrganizationId, organizationIds), inArray(resourceExchanges.providerOrganizationId, organizationIds)));
  return { requested: Number(totals.requested), accepted: Number(totals.accepted), completed: Number(totals.completed) };
}
