import { type MatchNeed, type MatchOffer, type MatchOptions, type MatchOrganization, MIN_TEXT_SIMILARITY, WEIGHTS, distanceKm, periodCover } from './resource-matching';

/**
 * A plain reference: every offer against every need, no grid, no term ids. The indexed matcher
 * must give the same suggestions with the same scores.
 */
export function referenceMatcher(offers: readonly MatchOffer[], organizations: readonly MatchOrganization[]) {
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const frequency = new Map<string, number>();
  for (const o of offers) for (const l of new Set(o.lexemes)) frequency.set(l, (frequency.get(l) ?? 0) + 1);
  const idf = (l: string) => Math.log(1 + offers.length / (frequency.get(l) ?? 1));
  const norm = (lexemes: readonly string[]) => Math.sqrt([...new Set(lexemes)].reduce((sum, l) => sum + idf(l) ** 2, 0));
  return { suggest };

  function suggest(n: MatchNeed, options: MatchOptions) {
    const home = byId.get(n.organizationId)!;
    const results: { offerId: string; score: number; distance: number | null }[] = [];
    for (const o of offers) {
      if (o.organizationId === n.organizationId || o.category !== n.category || o.capacity === 0) continue;
      const owner = byId.get(o.organizationId)!;
      const shared = owner.networkIds.filter((id) => home.networkIds.includes(id));
      if (options.sameNetworkOnly && !shared.length) continue;
      const distance = home.lat !== null && owner.lat !== null ? distanceKm(home.lat, home.lon!, owner.lat, owner.lon!) : null;
      if (o.mobility !== 'remote' && options.maxDistanceKm !== null && distance !== null && distance > options.maxDistanceKm) continue;
      const availability = periodCover({ from: n.neededFrom, to: n.neededTo }, { from: o.availableFrom, to: o.availableTo });
      if (!availability) continue;
      const needTags = new Set(n.tags);
      const sharedTags = new Set(o.tags.filter((t) => needTags.has(t))).size;
      const common = [...new Set(n.lexemes)].filter((l) => o.lexemes.includes(l));
      const text = norm(n.lexemes) && norm(o.lexemes) ? common.reduce((sum, l) => sum + idf(l) ** 2, 0) / (norm(n.lexemes) * norm(o.lexemes)) : 0;
      if (!sharedTags && text < MIN_TEXT_SIMILARITY) continue;
      const relevance = needTags.size ? 0.6 * (sharedTags / needTags.size) + 0.4 * text : text;
      const proximity =
        o.mobility === 'remote' ? 0.5 : distance === null ? 0 : options.maxDistanceKm !== null ? 1 - distance / options.maxDistanceKm : 1 / (1 + distance / 25);
      const score = WEIGHTS.relevance * relevance + WEIGHTS.proximity * proximity + WEIGHTS.network * (shared.length ? 1 : 0) + WEIGHTS.availability * (availability === 'full' ? 1 : 0.5);
      results.push({ offerId: o.id, score, distance });
    }
    results.sort((a, b) => b.score - a.score || (a.distance ?? Infinity) - (b.distance ?? Infinity) || (a.offerId < b.offerId ? -1 : 1));
    return results.slice(0, options.limit);
  }
}
