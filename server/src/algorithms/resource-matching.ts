/**
 * Matching resources to needs (seed 001: "if one school has a valuable feature that the others
 * lack … that is the basis for an exchange of resources"). Pure: rows in, ranked suggestions out.
 *
 * A need is matched only with offers of the same category from other organisations that are
 * relevant (a shared tag, or Russian full-text similarity of the descriptions above a threshold),
 * available in the need's period, with capacity left and, unless the resource works at a distance,
 * within the maximum distance. The score is a weighted sum of relevance, proximity, a shared
 * network and availability; each part is kept so the ranking can be explained.
 *
 * Speed: offers are indexed by category and by the organisation's cell on a ~25 km grid, so a need
 * looks only at organisations within reach; terms are small integers and similarities are merges
 * of sorted arrays.
 */
import type { ResourceCategory } from '../modules/inventory/schema';

export interface MatchOrganization {
  id: string;
  lat: number | null;
  lon: number | null;
  networkIds: readonly string[];
}

export interface MatchOffer {
  id: string;
  organizationId: string;
  category: ResourceCategory;
  /** Normalised lower-case tags. */
  tags: readonly string[];
  /** Russian stems of the title and description (`tsvector_to_array(search_vector)`). */
  lexemes: readonly string[];
  conditions: 'free' | 'exchange' | 'paid';
  mobility: 'on_site' | 'travels' | 'remote';
  weekdays: readonly number[];
  availableFrom: string | null;
  availableTo: string | null;
  capacity: number | null;
}

export interface MatchNeed {
  id: string;
  organizationId: string;
  category: ResourceCategory;
  tags: readonly string[];
  lexemes: readonly string[];
  priority: 'high' | 'medium' | 'low';
  neededFrom: string | null;
  neededTo: string | null;
}

export interface MatchOptions {
  /** null: no limit. Offers that work at a distance ignore it. */
  maxDistanceKm: number | null;
  /** Suggestions kept per need, best first. */
  limit: number;
  /** Only organisations that share a network with the need's organisation. */
  sameNetworkOnly?: boolean;
}

export type Availability = 'full' | 'partial';

export interface Suggestion {
  offerId: string;
  organizationId: string;
  /** 0..1; suggestions are sorted by it (ties: nearer first, then by offer id). */
  score: number;
  /** Great-circle distance; null when either side has no coordinates. */
  distanceKm: number | null;
  reasons: {
    sharedTags: string[];
    /** 0..1: cosine of the descriptions' stems weighted by rarity. */
    textSimilarity: number;
    sharedNetworkIds: string[];
    availability: Availability;
    /** 0..1 before weighting: 1 next door, 0 at the maximum distance. */
    proximity: number;
    /** The weighted parts; they sum to `score`. */
    parts: { relevance: number; proximity: number; network: number; availability: number };
  };
}

export interface Matcher {
  suggest(need: MatchNeed, options: MatchOptions): Suggestion[];
}

export const WEIGHTS = { relevance: 0.55, proximity: 0.25, network: 0.1, availability: 0.1 } as const;
/** Below this text similarity and with no shared tag, an offer is not relevant to a need. */
export const MIN_TEXT_SIMILARITY = 0.12;
/** Proximity of a resource that works at a distance, as if halfway to the limit: useful, though a neighbour's is better. */
const REMOTE_PROXIMITY = 0.5;
/** Without a distance limit, proximity halves every this many kilometres. */
const HALF_PROXIMITY_KM = 25;
const CELL_KM = 25;
const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;
const TAG_SHARE = 0.6;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle (haversine) distance in kilometres. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = toRadians(lat2 - lat1);
  const dLon = toRadians(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(lat1)) * Math.cos(toRadians(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** How the offer's availability covers the need's period; null when they do not overlap. Open ends are unbounded. */
export function periodCover(
  need: { from: string | null; to: string | null },
  offer: { from: string | null; to: string | null },
): Availability | null {
  // ISO dates compare as strings.
  const start = need.from === null ? offer.from : offer.from === null ? need.from : need.from > offer.from ? need.from : offer.from;
  const end = need.to === null ? offer.to : offer.to === null ? need.to : need.to < offer.to ? need.to : offer.to;
  if (start !== null && end !== null && start > end) return null;
  const startsCovered = offer.from === null || (need.from !== null && need.from >= offer.from);
  const endsCovered = offer.to === null || (need.to !== null && need.to <= offer.to);
  return startsCovered && endsCovered ? 'full' : 'partial';
}

interface IndexedOffer {
  source: MatchOffer;
  organization: number;
  tagIds: Int32Array;
  lexemeIds: Int32Array;
  lexemeNorm: number;
}

interface IndexedOrganization {
  source: MatchOrganization;
  x: number;
  y: number;
  hasPlace: boolean;
  networks: Set<string>;
}

/** An organisation's offers of one category, placed on the grid. */
interface OfferGroup {
  organization: number;
  offers: number[];
}

interface Candidate {
  offer: number;
  score: number;
  distance: number | null;
  relevance: number;
  textSimilarity: number;
  proximity: number;
  network: number;
  availability: Availability;
}

class TermDictionary {
  private readonly ids = new Map<string, number>();
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(term, id);
    }
    return id;
  }
  /** Known terms only, sorted; unknown terms cannot match anything. */
  known(terms: readonly string[]): Int32Array {
    const found: number[] = [];
    for (const term of terms) {
      const id = this.ids.get(term);
      if (id !== undefined) found.push(id);
    }
    return sortedUnique(found);
  }
  all(terms: readonly string[]): Int32Array {
    return sortedUnique(terms.map((term) => this.id(term)));
  }
}

function sortedUnique(values: number[]): Int32Array {
  const sorted = Int32Array.from(values).sort();
  let length = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[length++] = sorted[i];
  return sorted.subarray(0, length);
}

function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      count++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return count;
}

function sharedWeight(a: Int32Array, b: Int32Array, weights: Float64Array): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      sum += weights[a[i]] ** 2;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return sum;
}

const cellKey = (cx: number, cy: number) => cx * 1_000_003 + cy;

/** Orders candidates best first: higher score, then nearer (unknown distance last), then offer id. */
function better(a: Candidate, b: Candidate, offers: IndexedOffer[]): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const da = a.distance ?? Infinity;
  const db = b.distance ?? Infinity;
  if (da !== db) return da < db;
  return offers[a.offer].source.id < offers[b.offer].source.id;
}

export function buildMatcher(offers: readonly MatchOffer[], organizations: readonly MatchOrganization[]): Matcher & MatcherInternals {
  return new IndexedMatcher(offers, organizations);
}

interface MatcherInternals {
  /** Scores every offer for `need` and calls `onRelevant` for each relevant one (used to find unused offers). */
  suggestTracking(need: MatchNeed, options: MatchOptions, onRelevant: (offerIndex: number) => void): Suggestion[];
  readonly offerCount: number;
}

class IndexedMatcher implements Matcher, MatcherInternals {
  private readonly tags = new TermDictionary();
  private readonly lexemes = new TermDictionary();
  private readonly idf: Float64Array;
  private readonly offers: IndexedOffer[];
  private readonly organizations: IndexedOrganization[];
  private readonly organizationIndex = new Map<string, number>();
  /** Per category: grid cell → offer groups of organisations with a place. */
  private readonly grid = new Map<ResourceCategory, Map<number, OfferGroup[]>>();
  /** Per category: groups reachable from anywhere (remote offers, organisations without a place). */
  private readonly unplaced = new Map<ResourceCategory, OfferGroup[]>();
  private readonly originLatCos: number;

  constructor(offers: readonly MatchOffer[], organizations: readonly MatchOrganization[]) {
    const placed = organizations.filter((o) => o.lat !== null && o.lon !== null);
    const meanLat = placed.length ? placed.reduce((sum, o) => sum + (o.lat as number), 0) / placed.length : 0;
    this.originLatCos = Math.cos(toRadians(meanLat));
    this.organizations = organizations.map((source, index) => {
      this.organizationIndex.set(source.id, index);
      const hasPlace = source.lat !== null && source.lon !== null;
      return {
        source,
        hasPlace,
        x: hasPlace ? (source.lon as number) * this.originLatCos * KM_PER_DEGREE : 0,
        y: hasPlace ? (source.lat as number) * KM_PER_DEGREE : 0,
        networks: new Set(source.networkIds),
      };
    });

    const documentFrequency: number[] = [];
    this.offers = [];
    for (const source of offers) {
      const organization = this.organizationIndex.get(source.organizationId);
      if (organization === undefined) throw new Error(`offer ${source.id} names an unknown organisation ${source.organizationId}`);
      const lexemeIds = this.lexemes.all(source.lexemes);
      for (const id of lexemeIds) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
      this.offers.push({ source, organization, tagIds: this.tags.all(source.tags.map(normaliseTag)), lexemeIds, lexemeNorm: 0 });
    }
    // Rare stems say more about a resource than common ones ("кабинет" vs "планетарий").
    this.idf = new Float64Array(documentFrequency.length);
    for (let id = 0; id < documentFrequency.length; id++) this.idf[id] = Math.log(1 + this.offers.length / (documentFrequency[id] ?? 1));
    for (const offer of this.offers) {
      let sum = 0;
      for (const id of offer.lexemeIds) sum += this.idf[id] ** 2;
      offer.lexemeNorm = Math.sqrt(sum);
    }

    const groups = new Map<string, OfferGroup>();
    this.offers.forEach((offer, index) => {
      const { category, mobility } = offer.source;
      const organization = this.organizations[offer.organization];
      const reachableAnywhere = mobility === 'remote' || !organization.hasPlace;
      const key = `${category}|${offer.organization}|${reachableAnywhere ? 'anywhere' : 'placed'}`;
      let group = groups.get(key);
      if (!group) {
        group = { organization: offer.organization, offers: [] };
        groups.set(key, group);
        if (reachableAnywhere) {
          const list = this.unplaced.get(category) ?? [];
          list.push(group);
          this.unplaced.set(category, list);
        } else {
          const cells = this.grid.get(category) ?? new Map<number, OfferGroup[]>();
          const key = cellKey(Math.floor(organization.x / CELL_KM), Math.floor(organization.y / CELL_KM));
          const list = cells.get(key) ?? [];
          list.push(group);
          cells.set(key, list);
          this.grid.set(category, cells);
        }
      }
      group.offers.push(index);
    });
  }

  get offerCount() {
    return this.offers.length;
  }

  suggest(need: MatchNeed, options: MatchOptions): Suggestion[] {
    return this.suggestTracking(need, options, () => {});
  }

  suggestTracking(need: MatchNeed, options: MatchOptions, onRelevant: (offerIndex: number) => void): Suggestion[] {
    const home = this.organizationIndex.get(need.organizationId);
    if (home === undefined) throw new Error(`need ${need.id} names an unknown organisation ${need.organizationId}`);
    const origin = this.organizations[home];
    const needTags = this.tags.known(need.tags.map(normaliseTag));
    const needTagCount = new Set(need.tags.map(normaliseTag)).size;
    const needLexemes = this.lexemes.known(need.lexemes);
    // Stems no offer uses still count in the need's norm: they are part of what it asks for.
    const unknownLexemes = new Set(need.lexemes).size - needLexemes.length;
    let needNormSquared = unknownLexemes * Math.log(1 + this.offers.length) ** 2;
    for (const id of needLexemes) needNormSquared += this.idf[id] ** 2;
    const needNorm = Math.sqrt(needNormSquared);

    const best: Candidate[] = [];
    const consider = (group: OfferGroup, distance: number | null) => {
      if (group.organization === home) return;
      const organization = this.organizations[group.organization];
      let sharedNetworks = 0;
      for (const network of organization.networks) if (origin.networks.has(network)) sharedNetworks++;
      if (options.sameNetworkOnly && sharedNetworks === 0) return;
      for (const offerIndex of group.offers) {
        const offer = this.offers[offerIndex];
        const { source } = offer;
        if (source.capacity === 0) continue;
        const availability = periodCover({ from: need.neededFrom, to: need.neededTo }, { from: source.availableFrom, to: source.availableTo });
        if (availability === null) continue;
        const tagsShared = needTags.length ? sharedCount(needTags, offer.tagIds) : 0;
        const textSimilarity = needNorm > 0 && offer.lexemeNorm > 0 ? sharedWeight(needLexemes, offer.lexemeIds, this.idf) / (needNorm * offer.lexemeNorm) : 0;
        if (tagsShared === 0 && textSimilarity < MIN_TEXT_SIMILARITY) continue;
        onRelevant(offerIndex);
        const relevance = needTagCount > 0 ? TAG_SHARE * (tagsShared / needTagCount) + (1 - TAG_SHARE) * textSimilarity : textSimilarity;
        const proximity =
          source.mobility === 'remote'
            ? REMOTE_PROXIMITY
            : distance === null
              ? 0
              : options.maxDistanceKm !== null
                ? options.maxDistanceKm > 0 ? 1 - distance / options.maxDistanceKm : 1
                : 1 / (1 + distance / HALF_PROXIMITY_KM);
        const network = sharedNetworks > 0 ? 1 : 0;
        const availabilityValue = availability === 'full' ? 1 : 0.5;
        const candidate: Candidate = {
          offer: offerIndex,
          score:
            WEIGHTS.relevance * relevance + WEIGHTS.proximity * proximity + WEIGHTS.network * network + WEIGHTS.availability * availabilityValue,
          distance,
          relevance,
          textSimilarity,
          proximity,
          network,
          availability,
        };
        insertBest(best, candidate, options.limit, this.offers);
      }
    };

    const limit = options.maxDistanceKm;
    const originPlaced = origin.hasPlace;
    for (const group of this.unplaced.get(need.category) ?? []) {
      const organization = this.organizations[group.organization];
      consider(group, originPlaced && organization.hasPlace ? this.distanceBetween(origin, organization) : null);
    }
    const cells = this.grid.get(need.category);
    if (cells && !originPlaced) {
      // Without a place of its own, the need's organisation cannot tell near from far: everyone is shown, distance unknown.
      for (const list of cells.values()) for (const group of list) consider(group, null);
    } else if (cells) {
      if (limit === null) {
        for (const list of cells.values()) for (const group of list) consider(group, this.distanceBetween(origin, this.organizations[group.organization]));
      } else {
        // The grid is an equirectangular projection at the region's mean latitude: widen the x reach by
        // how much narrower a degree of longitude is at the far edge of the circle.
        const farLat = Math.min(89, Math.abs(origin.source.lat as number) + limit / KM_PER_DEGREE);
        const stretch = this.originLatCos / Math.cos(toRadians(farLat));
        const reachX = Math.ceil((limit * stretch) / CELL_KM);
        const reachY = Math.ceil(limit / CELL_KM);
        const cx = Math.floor(origin.x / CELL_KM);
        const cy = Math.floor(origin.y / CELL_KM);
        for (let dx = -reachX; dx <= reachX; dx++) {
          for (let dy = -reachY; dy <= reachY; dy++) {
            const list = cells.get(cellKey(cx + dx, cy + dy));
            if (!list) continue;
            for (const group of list) {
              const distance = this.distanceBetween(origin, this.organizations[group.organization]);
              if (distance <= limit) consider(group, distance);
            }
          }
        }
      }
    }
    return best.map((candidate) => this.present(candidate, needTags, origin));
  }

  private distanceBetween(a: IndexedOrganization, b: IndexedOrganization): number {
    return distanceKm(a.source.lat as number, a.source.lon as number, b.source.lat as number, b.source.lon as number);
  }

  private present(candidate: Candidate, needTags: Int32Array, origin: IndexedOrganization): Suggestion {
    const offer = this.offers[candidate.offer];
    const organization = this.organizations[offer.organization];
    const needTagSet = new Set(needTags);
    return {
      offerId: offer.source.id,
      organizationId: organization.source.id,
      score: candidate.score,
      distanceKm: candidate.distance,
      reasons: {
        sharedTags: offer.source.tags.filter((tag) => {
          const id = this.tags.known([normaliseTag(tag)])[0];
          return id !== undefined && needTagSet.has(id);
        }),
        textSimilarity: candidate.textSimilarity,
        sharedNetworkIds: organization.source.networkIds.filter((id) => origin.networks.has(id)),
        availability: candidate.availability,
        proximity: candidate.proximity,
        parts: {
          relevance: WEIGHTS.relevance * candidate.relevance,
          proximity: WEIGHTS.proximity * candidate.proximity,
          network: WEIGHTS.network * candidate.network,
          availability: WEIGHTS.availability * (candidate.availability === 'full' ? 1 : 0.5),
        },
      },
    };
  }
}

/** Keeps `best` sorted, at most `limit` long. */
function insertBest(best: Candidate[], candidate: Candidate, limit: number, offers: IndexedOffer[]) {
  if (limit <= 0) return;
  if (best.length === limit && !better(candidate, best[best.length - 1], offers)) return;
  let position = best.length;
  while (position > 0 && better(candidate, best[position - 1], offers)) position--;
  best.splice(position, 0, candidate);
  if (best.length > limit) best.pop();
}

export function normaliseTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

export interface ExchangePicture {
  /** Best suggestions per need id (empty list: a deficit no one in reach covers). */
  suggestions: Map<string, Suggestion[]>;
  uncoveredNeedIds: string[];
  /** Offers relevant to no need in the scope, in the order given. */
  unusedOfferIds: string[];
}

/** The exchange picture of a scope: suggestions per need, needs nobody covers, offers nobody needs. */
export function exchangePicture(
  needs: readonly MatchNeed[],
  offers: readonly MatchOffer[],
  organizations: readonly MatchOrganization[],
  options: MatchOptions,
): ExchangePicture {
  const matcher = buildMatcher(offers, organizations);
  const used = new Uint8Array(matcher.offerCount);
  const markUsed = (index: number) => {
    used[index] = 1;
  };
  const suggestions = new Map<string, Suggestion[]>();
  const uncoveredNeedIds: string[] = [];
  for (const need of needs) {
    const list = matcher.suggestTracking(need, options, markUsed);
    suggestions.set(need.id, list);
    if (!list.length) uncoveredNeedIds.push(need.id);
  }
  return { suggestions, uncoveredNeedIds, unusedOfferIds: offers.filter((_, index) => !used[index]).map((offer) => offer.id) };
}

const conditionWords = { free: 'бесплатно', exchange: 'на условиях обмена', paid: 'на платной основе' } as const;

/** Russian sentences that say why a suggestion ranks where it does. */
export function explainSuggestion(suggestion: Suggestion, networkNames: ReadonlyMap<string, string>, offer?: Pick<MatchOffer, 'conditions' | 'mobility'>): string[] {
  const { reasons } = suggestion;
  const lines: string[] = [];
  if (reasons.sharedTags.length) lines.push(`Общие направления: ${reasons.sharedTags.join(', ')}`);
  if (reasons.textSimilarity >= MIN_TEXT_SIMILARITY) lines.push(`Описание близко к потребности (сходство ${Math.round(reasons.textSimilarity * 100)} %)`);
  if (offer?.mobility === 'remote') lines.push('Ресурс доступен дистанционно: расстояние не важно');
  else if (suggestion.distanceKm === null) lines.push('Расстояние неизвестно: у одной из организаций нет координат');
  else lines.push(`${formatKm(suggestion.distanceKm)} от вашей организации${offer?.mobility === 'travels' ? ', ресурс выезжает к партнёру' : ''}`);
  if (reasons.sharedNetworkIds.length) {
    const names = reasons.sharedNetworkIds.map((id) => networkNames.get(id)).filter((name): name is string => !!name);
    lines.push(names.length ? `Обе организации в сети: ${names.map((n) => `«${n}»`).join(', ')}` : 'Обе организации в одной сети');
  }
  lines.push(reasons.availability === 'full' ? 'Доступен на весь нужный период' : 'Доступен только на часть нужного периода');
  if (offer) lines.push(`Условия: ${conditionWords[offer.conditions]}`);
  return lines;
}

function formatKm(km: number): string {
  return km < 1 ? 'Меньше 1 км' : `${km < 10 ? km.toFixed(1).replace('.', ',') : Math.round(km)} км`;
}
