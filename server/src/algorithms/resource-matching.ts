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
 * Speed: offers are indexed by category, by the organisation's cell on a 10 km grid and by term, so a
 * need looks up only offers within reach that share a tag or a telling stem with it.
 */
import { type ResourceCategory, resourceCategories as resourceCategoryOrder } from '../modules/inventory/schema';

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
  /** Russian stems of the title and description (`searchTerms(search_vector)`, platform/search). */
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
const CELL_KM = 10;
const CELL_REACH_MARGIN = 1.05;
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

const OPEN_START = -Infinity;
const OPEN_END = Infinity;
const dayNumber = (date: string | null, open: number) => (date === null ? open : Date.parse(date) / 86_400_000);

/** How an offer available [offerFrom, offerTo] covers a need for [needFrom, needTo] (day numbers, open ends infinite); null: no overlap. */
function cover(needFrom: number, needTo: number, offerFrom: number, offerTo: number): Availability | null {
  if (Math.max(needFrom, offerFrom) > Math.min(needTo, offerTo)) return null;
  return needFrom >= offerFrom && needTo <= offerTo ? 'full' : 'partial';
}

/** How the offer's availability covers the need's period; null when they do not overlap. Open ends are unbounded. */
export function periodCover(need: { from: string | null; to: string | null }, offer: { from: string | null; to: string | null }): Availability | null {
  return cover(dayNumber(need.from, OPEN_START), dayNumber(need.to, OPEN_END), dayNumber(offer.from, OPEN_START), dayNumber(offer.to, OPEN_END));
}

interface IndexedOffer {
  source: MatchOffer;
  organization: number;
  /** Grid cell of the organisation, or ANYWHERE. */
  cell: number;
  normalisedTags: string[];
  tagIds: Int32Array;
  lexemeIds: Int32Array;
}

interface IndexedOrganization {
  source: MatchOrganization;
  x: number;
  y: number;
  hasPlace: boolean;
  networks: Set<string>;
  /** The same networks as small integers, for the hot loop. */
  networkNumbers: Int32Array;
}

/**
 * The offers of one category in one grid cell, by term: tag t under key 2t, stem l under 2l + 1.
 * Looking up a need's terms here finds exactly the offers nearby that share something with it.
 */
type CellIndex = Map<number, Int32Array>;
const tagKey = (id: number) => 2 * id;
const lexemeKey = (id: number) => 2 * id + 1;

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
  get size() {
    return this.ids.size;
  }
}

function sortedUnique(values: number[]): Int32Array {
  const sorted = Int32Array.from(values).sort();
  let length = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[length++] = sorted[i];
  return sorted.subarray(0, length);
}

function contains(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] === value) return true;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

const cellKey = (cx: number, cy: number) => cx * 1_000_003 + cy;
/** Offer flags: no capacity left; works at a distance. */
const FULL = 1;
const REMOTE = 2;
/** Remote offers and organisations without coordinates: reachable from everywhere. */
const ANYWHERE = Number.MAX_SAFE_INTEGER;

export function buildMatcher(offers: readonly MatchOffer[], organizations: readonly MatchOrganization[]): Matcher & MatcherInternals {
  return new IndexedMatcher(offers, organizations);
}

interface MatcherInternals {
  /** As `suggest`, and sets `relevant[i]` for every relevant offer i in reach, kept or not (to find unused offers). */
  suggestTracking(need: MatchNeed, options: MatchOptions, relevant: Uint8Array | null): Suggestion[];
  readonly offerCount: number;
  /** The offer behind an index of `relevant`. */
  offerAt(index: number): MatchOffer;
}

class IndexedMatcher implements Matcher, MatcherInternals {
  private readonly tags = new TermDictionary();
  private readonly lexemes = new TermDictionary();
  private readonly idf: Float64Array;
  private readonly offers: IndexedOffer[];
  private readonly organizations: IndexedOrganization[];
  private readonly organizationIndex = new Map<string, number>();
  /** Per category: grid cell (or ANYWHERE) → term index of its offers. */
  private readonly cells = new Map<ResourceCategory, Map<number, CellIndex>>();
  private readonly originLatCos: number;
  // What the hot loop reads of each offer, in flat arrays (fewer cache misses than walking objects).
  private readonly offerOrganization: Int32Array;
  private readonly offerFrom: Float64Array;
  private readonly offerTo: Float64Array;
  private readonly offerNorm: Float64Array;
  private readonly offerFlags: Uint8Array;
  // Scratch space reused by every query: a stamp marks what the current query has touched.
  private stamp = 0;
  private originStamp = 0;
  private lastOrigin = -1;
  private readonly offerStamp: Int32Array;
  private readonly sharedTagCount: Int32Array;
  private readonly sharedLexemeWeight: Float64Array;
  private readonly organizationStamp: Int32Array;
  private readonly organizationDistance: Float64Array;
  /** Latitude and longitude in radians, and the cosine of the latitude, for the haversine in the hot loop. */
  private readonly organizationLat: Float64Array;
  private readonly organizationLon: Float64Array;
  private readonly organizationCosLat: Float64Array;
  /** The query's networks are stamped here, so sharing one is a lookup per network of the other side. */
  private readonly networkStamp: Int32Array;
  /** The 32 most widespread stems get a bit each; an offer's mask says which of them it has. */
  private readonly commonStemBit = new Map<number, number>();
  private readonly offerCommonStems: Uint32Array;
  private readonly organizationSharesNetwork: Uint8Array;

  constructor(offers: readonly MatchOffer[], organizations: readonly MatchOrganization[]) {
    const placed = organizations.filter((o) => o.lat !== null && o.lon !== null);
    const meanLat = placed.length ? placed.reduce((sum, o) => sum + (o.lat as number), 0) / placed.length : 0;
    this.originLatCos = Math.cos(toRadians(meanLat));
    const networkDictionary = new TermDictionary();
    this.organizations = organizations.map((source, index) => {
      this.organizationIndex.set(source.id, index);
      const hasPlace = source.lat !== null && source.lon !== null;
      return {
        source,
        hasPlace,
        x: hasPlace ? (source.lon as number) * this.originLatCos * KM_PER_DEGREE : 0,
        y: hasPlace ? (source.lat as number) * KM_PER_DEGREE : 0,
        networks: new Set(source.networkIds),
        networkNumbers: networkDictionary.all(source.networkIds),
      };
    });

    const documentFrequency: number[] = [];
    this.offers = offers.map((source) => {
      const organization = this.organizationIndex.get(source.organizationId);
      if (organization === undefined) throw new Error(`offer ${source.id} names an unknown organisation ${source.organizationId}`);
      const lexemeIds = this.lexemes.all(source.lexemes);
      for (const id of lexemeIds) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
      const normalisedTags = source.tags.map(normaliseTag);
      const place = this.organizations[organization];
      const cell = source.mobility === 'remote' || !place.hasPlace ? ANYWHERE : cellKey(Math.floor(place.x / CELL_KM), Math.floor(place.y / CELL_KM));
      return { source, organization, cell, normalisedTags, tagIds: this.tags.all(normalisedTags), lexemeIds };
    });
    // Offers a query touches together (one category, one cell, one organisation) sit next to each other
    // in every array below, so the hot loop reads memory in runs rather than at random.
    const categoryOrder = (category: ResourceCategory) => resourceCategoryOrder.indexOf(category);
    this.offers.sort(
      (a, b) => categoryOrder(a.source.category) - categoryOrder(b.source.category) || a.cell - b.cell || a.organization - b.organization,
    );
    // Rare stems say more about a resource than common ones ("кабинет" vs "планетарий").
    this.idf = new Float64Array(documentFrequency.length);
    for (let id = 0; id < documentFrequency.length; id++) this.idf[id] = Math.log(1 + this.offers.length / (documentFrequency[id] ?? 1));

    const count = this.offers.length;
    this.offerOrganization = new Int32Array(count);
    this.offerFrom = new Float64Array(count);
    this.offerTo = new Float64Array(count);
    this.offerNorm = new Float64Array(count);
    this.offerFlags = new Uint8Array(count);
    const building = new Map<CellIndex, Map<number, number[]>>();
    this.offers.forEach((offer, index) => {
      let sum = 0;
      for (const id of offer.lexemeIds) sum += this.idf[id] ** 2;
      this.offerNorm[index] = Math.sqrt(sum);
      this.offerOrganization[index] = offer.organization;
      this.offerFrom[index] = dayNumber(offer.source.availableFrom, OPEN_START);
      this.offerTo[index] = dayNumber(offer.source.availableTo, OPEN_END);
      this.offerFlags[index] = (offer.source.capacity === 0 ? FULL : 0) | (offer.source.mobility === 'remote' ? REMOTE : 0);
      const { cell } = offer;
      const byCell = this.cells.get(offer.source.category) ?? new Map<number, CellIndex>();
      this.cells.set(offer.source.category, byCell);
      const terms = byCell.get(cell) ?? new Map<number, Int32Array>();
      byCell.set(cell, terms);
      const post = (key: number) => {
        const list = building.get(terms)?.get(key);
        if (list) list.push(index);
        else {
          const lists = building.get(terms) ?? new Map<number, number[]>();
          building.set(terms, lists);
          lists.set(key, [index]);
        }
      };
      for (const id of offer.tagIds) post(tagKey(id));
      for (const id of offer.lexemeIds) post(lexemeKey(id));
    });
    for (const [terms, lists] of building) for (const [key, list] of lists) terms.set(key, Int32Array.from(list));

    this.offerStamp = new Int32Array(count);
    this.sharedTagCount = new Int32Array(this.offers.length);
    this.sharedLexemeWeight = new Float64Array(this.offers.length);
    this.organizationStamp = new Int32Array(this.organizations.length);
    this.organizationDistance = new Float64Array(this.organizations.length);
    this.organizationLat = Float64Array.from(this.organizations, (o) => (o.hasPlace ? toRadians(o.source.lat as number) : 0));
    this.organizationLon = Float64Array.from(this.organizations, (o) => (o.hasPlace ? toRadians(o.source.lon as number) : 0));
    this.organizationCosLat = this.organizationLat.map(Math.cos);
    this.networkStamp = new Int32Array(networkDictionary.size);
    const widespread = [...documentFrequency.keys()].sort((a, b) => (documentFrequency[b] ?? 0) - (documentFrequency[a] ?? 0)).slice(0, 32);
    widespread.forEach((stem, bit) => this.commonStemBit.set(stem, bit));
    this.offerCommonStems = Uint32Array.from(this.offers, (offer) => {
      let mask = 0;
      for (const id of offer.lexemeIds) {
        const bit = this.commonStemBit.get(id);
        if (bit !== undefined) mask |= 1 << bit;
      }
      return mask >>> 0;
    });
    this.organizationSharesNetwork = new Uint8Array(this.organizations.length);
  }

  get offerCount() {
    return this.offers.length;
  }

  offerAt(index: number): MatchOffer {
    return this.offers[index].source;
  }

  suggest(need: MatchNeed, options: MatchOptions): Suggestion[] {
    return this.suggestTracking(need, options, null);
  }

  suggestTracking(need: MatchNeed, options: MatchOptions, relevant: Uint8Array | null): Suggestion[] {
    const home = this.organizationIndex.get(need.organizationId);
    if (home === undefined) throw new Error(`need ${need.id} names an unknown organisation ${need.organizationId}`);
    const origin = this.organizations[home];
    const byCell = this.cells.get(need.category);
    if (!byCell || options.limit <= 0) return [];
    const stamp = ++this.stamp;

    const normalisedTags = need.tags.map(normaliseTag);
    const needTags = this.tags.known(normalisedTags);
    const needTagCount = new Set(normalisedTags).size;
    const needLexemes = Array.from(this.lexemes.known(need.lexemes)).sort((a, b) => this.idf[a] - this.idf[b]);
    // Stems no offer uses still count in the need's norm: they are part of what it asks for.
    const unknownLexemes = new Set(need.lexemes).size - needLexemes.length;
    let needNormSquared = unknownLexemes * Math.log(1 + this.offers.length) ** 2;
    for (const id of needLexemes) needNormSquared += this.idf[id] ** 2;
    const needNorm = Math.sqrt(needNormSquared);
    // Common stems alone cannot make an offer relevant: an offer sharing only stems L with the need has
    // similarity ≤ sqrt(Σ_L idf²) / |need| (its own norm is at least sqrt(Σ_L idf²)). So the commonest
    // stems whose weights stay under the threshold need not be looked up; they are added to the
    // similarity of offers found through the others. The result is exactly that of checking every offer.
    let commonCount = 0;
    let commonWeight = 0;
    const commonBudget = MIN_TEXT_SIMILARITY ** 2 * needNormSquared;
    while (commonCount < needLexemes.length && commonWeight + this.idf[needLexemes[commonCount]] ** 2 < commonBudget) {
      commonWeight += this.idf[needLexemes[commonCount]] ** 2;
      commonCount++;
    }

    // The common stems: those among the 32 most widespread are checked by bit mask, any others by search.
    let needCommonMask = 0;
    const commonBitWeight = new Float64Array(32);
    const otherCommon: number[] = [];
    for (let i = 0; i < commonCount; i++) {
      const bit = this.commonStemBit.get(needLexemes[i]);
      if (bit === undefined) otherCommon.push(needLexemes[i]);
      else {
        needCommonMask |= 1 << bit;
        commonBitWeight[bit] = this.idf[needLexemes[i]] ** 2;
      }
    }

    const touched: number[] = [];
    const { offerStamp, sharedTagCount, sharedLexemeWeight } = this;
    const gather = (terms: CellIndex | undefined) => {
      if (!terms) return;
      for (const id of needTags) {
        const postings = terms.get(tagKey(id));
        if (!postings) continue;
        for (let p = 0; p < postings.length; p++) {
          const offer = postings[p];
          if (offerStamp[offer] !== stamp) {
            offerStamp[offer] = stamp;
            sharedTagCount[offer] = 0;
            sharedLexemeWeight[offer] = 0;
            touched.push(offer);
          }
          sharedTagCount[offer]++;
        }
      }
      for (let i = commonCount; i < needLexemes.length; i++) {
        const id = needLexemes[i];
        const postings = terms.get(lexemeKey(id));
        if (!postings) continue;
        const weight = this.idf[id] ** 2;
        for (let p = 0; p < postings.length; p++) {
          const offer = postings[p];
          if (offerStamp[offer] !== stamp) {
            offerStamp[offer] = stamp;
            sharedTagCount[offer] = 0;
            sharedLexemeWeight[offer] = 0;
            touched.push(offer);
          }
          sharedLexemeWeight[offer] += weight;
        }
      }
    };
    const limit = options.maxDistanceKm;
    if (limit === null || !origin.hasPlace) {
      for (const terms of byCell.values()) gather(terms);
    } else {
      gather(byCell.get(ANYWHERE));
      // The grid is an equirectangular projection at the region's mean latitude: widen the x reach by
      // how much narrower a degree of longitude is at the far edge of the circle.
      const farLat = Math.min(89, Math.abs(origin.source.lat as number) + limit / KM_PER_DEGREE);
      const stretch = this.originLatCos / Math.cos(toRadians(farLat));
      const reachX = Math.ceil((limit * stretch) / CELL_KM);
      const reachY = Math.ceil(limit / CELL_KM);
      const cx = Math.floor(origin.x / CELL_KM);
      const cy = Math.floor(origin.y / CELL_KM);
      // Cells whose nearest corner is out of reach even where a degree of longitude is shortest are
      // skipped; the margin covers the projection's error, and the exact distance is checked below.
      const reachSquared = (limit * CELL_REACH_MARGIN) ** 2;
      for (let dx = -reachX; dx <= reachX; dx++) {
        const nearX = Math.max(0, (cx + dx) * CELL_KM - origin.x, origin.x - (cx + dx + 1) * CELL_KM) / stretch;
        for (let dy = -reachY; dy <= reachY; dy++) {
          const nearY = Math.max(0, (cy + dy) * CELL_KM - origin.y, origin.y - (cy + dy + 1) * CELL_KM);
          if (nearX * nearX + nearY * nearY <= reachSquared) gather(byCell.get(cellKey(cx + dx, cy + dy)));
        }
      }
    }

    // Distances and shared networks depend only on the need's organisation: kept while it stays the same.
    if (home !== this.lastOrigin) {
      this.lastOrigin = home;
      this.originStamp++;
      for (const network of origin.networkNumbers) this.networkStamp[network] = this.originStamp;
    }
    const originStamp = this.originStamp;
    const needFrom = dayNumber(need.neededFrom, OPEN_START);
    const needTo = dayNumber(need.neededTo, OPEN_END);
    const best: Candidate[] = [];
    const { offerOrganization, offerFlags, organizationDistance, organizationSharesNetwork } = this;
    for (const offerIndex of touched) {
      const organization = offerOrganization[offerIndex];
      const flags = offerFlags[offerIndex];
      if (organization === home || flags & FULL) continue;
      const availability = cover(needFrom, needTo, this.offerFrom[offerIndex], this.offerTo[offerIndex]);
      if (availability === null) continue;
      if (this.organizationStamp[organization] !== originStamp) this.visit(home, organization, originStamp);
      const distance = organizationDistance[organization] >= 0 ? organizationDistance[organization] : null;
      const remote = (flags & REMOTE) !== 0;
      if (limit !== null && distance !== null && !remote && distance > limit) continue;
      const network = organizationSharesNetwork[organization];
      if (options.sameNetworkOnly && !network) continue;
      let lexemeWeight = sharedLexemeWeight[offerIndex];
      for (let shared = this.offerCommonStems[offerIndex] & needCommonMask; shared !== 0; ) {
        const bit = 31 - Math.clz32(shared);
        lexemeWeight += commonBitWeight[bit];
        shared &= ~(1 << bit);
      }
      for (const id of otherCommon) if (contains(this.offers[offerIndex].lexemeIds, id)) lexemeWeight += this.idf[id] ** 2;
      const offerNorm = this.offerNorm[offerIndex];
      const textSimilarity = needNorm > 0 && offerNorm > 0 ? lexemeWeight / (needNorm * offerNorm) : 0;
      const tagsShared = sharedTagCount[offerIndex];
      if (tagsShared === 0 && textSimilarity < MIN_TEXT_SIMILARITY) continue;
      if (relevant) relevant[offerIndex] = 1;
      const relevance = needTagCount > 0 ? TAG_SHARE * (tagsShared / needTagCount) + (1 - TAG_SHARE) * textSimilarity : textSimilarity;
      const proximity = remote
          ? REMOTE_PROXIMITY
          : distance === null
            ? 0
            : limit !== null
              ? limit > 0 ? 1 - distance / limit : 1
              : 1 / (1 + distance / HALF_PROXIMITY_KM);
      const availabilityValue = availability === 'full' ? 1 : 0.5;
      const score = WEIGHTS.relevance * relevance + WEIGHTS.proximity * proximity + WEIGHTS.network * network + WEIGHTS.availability * availabilityValue;
      if (best.length === options.limit && !this.better(score, distance, offerIndex, best[best.length - 1])) continue;
      const candidate = { offer: offerIndex, score, distance, relevance, textSimilarity, proximity, network, availability };
      let position = best.length;
      while (position > 0 && this.better(score, distance, offerIndex, best[position - 1])) position--;
      best.splice(position, 0, candidate);
      if (best.length > options.limit) best.pop();
    }
    const needTagSet = new Set(normalisedTags);
    return best.map((candidate) => this.present(candidate, needTagSet, origin));
  }

  /** Distance from the need's organisation and whether they share a network, worked out once per organisation and query. */
  private visit(origin: number, organization: number, stamp: number) {
    this.organizationStamp[organization] = stamp;
    const other = this.organizations[organization];
    // The haversine of distanceKm(), on precomputed radians and cosines; -1: unknown.
    if (this.organizations[origin].hasPlace && other.hasPlace) {
      const halfDLat = (this.organizationLat[organization] - this.organizationLat[origin]) / 2;
      const halfDLon = (this.organizationLon[organization] - this.organizationLon[origin]) / 2;
      const a = Math.sin(halfDLat) ** 2 + this.organizationCosLat[origin] * this.organizationCosLat[organization] * Math.sin(halfDLon) ** 2;
      this.organizationDistance[organization] = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    } else this.organizationDistance[organization] = -1;
    let shares = 0;
    for (const network of other.networkNumbers) if (this.networkStamp[network] === stamp) shares = 1;
    this.organizationSharesNetwork[organization] = shares;
  }

  /** Best first: higher score, then nearer (unknown distance last), then offer id. */
  private better(score: number, distance: number | null, offer: number, than: Candidate): boolean {
    if (score !== than.score) return score > than.score;
    const mine = distance ?? Infinity;
    const theirs = than.distance ?? Infinity;
    if (mine !== theirs) return mine < theirs;
    return this.offers[offer].source.id < this.offers[than.offer].source.id;
  }

  private present(candidate: Candidate, needTags: ReadonlySet<string>, origin: IndexedOrganization): Suggestion {
    const offer = this.offers[candidate.offer];
    const organization = this.organizations[offer.organization];
    const availability = WEIGHTS.availability * (candidate.availability === 'full' ? 1 : 0.5);
    return {
      offerId: offer.source.id,
      organizationId: organization.source.id,
      score: candidate.score,
      distanceKm: candidate.distance,
      reasons: {
        sharedTags: offer.source.tags.filter((_, i) => needTags.has(offer.normalisedTags[i])),
        textSimilarity: candidate.textSimilarity,
        sharedNetworkIds: organization.source.networkIds.filter((id) => origin.networks.has(id)),
        availability: candidate.availability,
        proximity: candidate.proximity,
        parts: {
          relevance: WEIGHTS.relevance * candidate.relevance,
          proximity: WEIGHTS.proximity * candidate.proximity,
          network: WEIGHTS.network * candidate.network,
          availability,
        },
      },
    };
  }
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
  // One organisation's needs in a row reuse its distances to everyone.
  const byOrganization = [...needs].sort((a, b) => (a.organizationId < b.organizationId ? -1 : a.organizationId > b.organizationId ? 1 : 0));
  const suggestions = new Map<string, Suggestion[]>();
  for (const need of byOrganization) suggestions.set(need.id, matcher.suggestTracking(need, options, used));
  const uncoveredNeedIds = needs.filter((need) => !suggestions.get(need.id)?.length).map((need) => need.id);
  const usedIds = new Set<string>();
  used.forEach((flag, index) => flag && usedIds.add(matcher.offerAt(index).id));
  return { suggestions, uncoveredNeedIds, unusedOfferIds: offers.filter((offer) => !usedIds.has(offer.id)).map((offer) => offer.id) };
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
