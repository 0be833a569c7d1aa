import { and, eq, inArray } from 'drizzle-orm';
import { type MatchOptions, buildMatcher, explainSuggestion } from '../../algorithms/resource-matching';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { liveExchangeStates, resourceExchanges } from '../exchanges/schema';
import { loadMatchOffers, loadMatchOrganizations, networkNames, toMatchNeed } from './match-rows';
import { inventoryPolicy } from './policy';
import { organizationRefs, presentNeed, presentOffer } from './present-inventory';
import { resourceNeeds, resourceOffers } from './schema';
import { searchTerms } from '../../platform/search/search';

/** As the person set them; the answer repeats them. */
export type SuggestionOptions = Required<MatchOptions>;

/**
 * Offers of other organisations across the region that could cover one need, best first, each with why
 * it ranks where it does and the exchange the need's organisation already has going for it, if any.
 */
export async function suggestOffers(context: CommandContext, needId: string, options: SuggestionOptions) {
  authorize(context.actor, inventoryPolicy.read);
  const [found] = await context.db
    .select({ row: resourceNeeds, lexemes: searchTerms(resourceNeeds.searchVector) })
    .from(resourceNeeds)
    .where(eq(resourceNeeds.id, needId))
    .limit(1);
  if (!found) throw notFound('Потребность');
  const needRow = found.row;
  const need = toMatchNeed(needRow, found.lexemes);

  // Only the need's category can match: the rest of the region's offers are never loaded.
  const offers = await loadMatchOffers(context.db, eq(resourceOffers.category, needRow.category));
  const organizations = await loadMatchOrganizations(context.db, context.actor, [needRow.organizationId, ...offers.map((o) => o.match.organizationId)]);
  const suggestions = buildMatcher(
    offers.map((o) => o.match),
    organizations,
  ).suggest(need, options);

  const offersById = new Map(offers.map((o) => [o.row.id, o]));
  const suggestedIds = suggestions.map((s) => s.offerId);
  const [refs, names, exchanges] = await Promise.all([
    organizationRefs(context.db, [needRow.organizationId, ...suggestions.map((s) => s.organizationId)]),
    networkNames(context.db, context.actor, suggestions.flatMap((s) => s.reasons.sharedNetworkIds)),
    suggestedIds.length
      ? context.db
          .select({ id: resourceExchanges.id, state: resourceExchanges.state, offerId: resourceExchanges.offerId })
          .from(resourceExchanges)
          .where(
            and(
              eq(resourceExchanges.requesterOrganizationId, needRow.organizationId),
              inArray(resourceExchanges.offerId, suggestedIds),
              inArray(resourceExchanges.state, [...liveExchangeStates]),
            ),
          )
      : [],
  ]);
  const liveExchange = new Map(exchanges.map((e) => [e.offerId, { id: e.id, state: e.state }]));

  return {
    need: { ...presentNeed(needRow), organization: refs.get(needRow.organizationId)! },
    options,
    suggestions: suggestions.map((s) => ({
      offer: presentOffer(offersById.get(s.offerId)!.row),
      organization: refs.get(s.organizationId)!,
      score: s.score,
      distanceKm: s.distanceKm,
      reasons: s.reasons,
      explanation: explainSuggestion(s, names, offersById.get(s.offerId)!.match),
      exchange: liveExchange.get(s.offerId) ?? null,
    })),
  };
}
