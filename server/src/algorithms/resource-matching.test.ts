import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seed/synthetic-organizations';
import {
  type MatchNeed,
  type MatchOffer,
  type MatchOptions,
  type MatchOrganization,
  MIN_TEXT_SIMILARITY,
  WEIGHTS,
  buildMatcher,
  distanceKm,
  exchangePicture,
  explainSuggestion,
  periodCover,
} from './resource-matching';
import { referenceMatcher } from './resource-matching.testkit';

const org = (id: string, lat: number | null, lon: number | null, networkIds: string[] = []): MatchOrganization => ({ id, lat, lon, networkIds });
const offer = (id: string, organizationId: string, fields: Partial<MatchOffer> = {}): MatchOffer => ({
  id,
  organizationId,
  category: 'staff',
  tags: ['химия'],
  lexemes: ['учител', 'хим'],
  conditions: 'free',
  mobility: 'on_site',
  weekdays: [],
  availableFrom: null,
  availableTo: null,
  capacity: null,
  ...fields,
});
const need = (id: string, organizationId: string, fields: Partial<MatchNeed> = {}): MatchNeed => ({
  id,
  organizationId,
  category: 'staff',
  tags: ['химия'],
  lexemes: ['учител', 'хим'],
  priority: 'high',
  neededFrom: null,
  neededTo: null,
  ...fields,
});
const within50: MatchOptions = { maxDistanceKm: 50, limit: 10 };

// Kaliningrad region: a school in the city, one in Gurievsk (~10 km), one in Sovetsk (~110 km).
const city = org('city', 54.7104, 20.4522);
const gurievsk = org('gurievsk', 54.7706, 20.6039);
const sovetsk = org('sovetsk', 55.0817, 21.8886);

describe('distanceKm', () => {
  it('gives the great-circle distance', () => {
    expect(distanceKm(55.7558, 37.6173, 59.9343, 30.3351)).toBeCloseTo(634, -1); // Moscow – Saint Petersburg
    expect(distanceKm(city.lat!, city.lon!, city.lat!, city.lon!)).toBe(0);
  });
});

describe('periodCover', () => {
  it('tells full, partial and no overlap, with open ends unbounded', () => {
    expect(periodCover({ from: '2026-09-01', to: '2026-12-31' }, { from: null, to: null })).toBe('full');
    expect(periodCover({ from: '2026-09-01', to: '2026-12-31' }, { from: '2026-01-01', to: '2027-05-31' })).toBe('full');
    expect(periodCover({ from: '2026-09-01', to: '2026-12-31' }, { from: '2026-10-01', to: null })).toBe('partial');
    expect(periodCover({ from: null, to: null }, { from: '2026-10-01', to: '2026-10-31' })).toBe('partial');
    expect(periodCover({ from: '2026-09-01', to: '2026-09-30' }, { from: '2026-10-01', to: null })).toBeNull();
    expect(periodCover({ from: '2026-09-01', to: '2026-09-30' }, { from: '2026-09-30', to: '2026-09-30' })).toBe('partial');
  });
});

describe('buildMatcher().suggest', () => {
  it('ranks a nearer matching offer above a farther one and explains why', () => {
    const matcher = buildMatcher([offer('far', 'sovetsk'), offer('near', 'gurievsk')], [city, gurievsk, sovetsk]);
    const [first, second] = matcher.suggest(need('n', 'city'), { maxDistanceKm: 200, limit: 10 });
    expect(first.offerId).toBe('near');
    expect(second.offerId).toBe('far');
    expect(first.distanceKm).toBeGreaterThan(8);
    expect(first.distanceKm).toBeLessThan(13);
    expect(second.distanceKm).toBeGreaterThan(100);
    expect(first.reasons.sharedTags).toEqual(['химия']);
    expect(first.reasons.textSimilarity).toBeCloseTo(1, 5);
    const { parts } = first.reasons;
    expect(parts.relevance + parts.proximity + parts.network + parts.availability).toBeCloseTo(first.score, 10);
  });

  it('keeps to the maximum distance, except for resources that work at a distance', () => {
    const matcher = buildMatcher([offer('far', 'sovetsk'), offer('online', 'sovetsk', { mobility: 'remote' }), offer('near', 'gurievsk')], [city, gurievsk, sovetsk]);
    expect(matcher.suggest(need('n', 'city'), within50).map((s) => s.offerId)).toEqual(['near', 'online']);
    expect(matcher.suggest(need('n', 'city'), { maxDistanceKm: null, limit: 10 }).map((s) => s.offerId).sort()).toEqual(['far', 'near', 'online']);
  });

  it('never suggests the organisation its own offers, another category, an irrelevant offer, a full one or one out of period', () => {
    const matcher = buildMatcher(
      [
        offer('own', 'city'),
        offer('facilities', 'gurievsk', { category: 'facilities' }),
        offer('irrelevant', 'gurievsk', { tags: ['спорт'], lexemes: ['бассейн'] }),
        offer('full', 'gurievsk', { capacity: 0 }),
        offer('last-year', 'gurievsk', { availableFrom: '2025-09-01', availableTo: '2026-05-31' }),
        offer('good', 'gurievsk', { capacity: 3 }),
      ],
      [city, gurievsk],
    );
    expect(matcher.suggest(need('n', 'city', { neededFrom: '2026-09-01', neededTo: '2026-12-31' }), within50).map((s) => s.offerId)).toEqual(['good']);
  });

  it('matches by the description alone when no tag is shared', () => {
    const matcher = buildMatcher(
      [offer('lab', 'gurievsk', { tags: [], lexemes: ['лаборатор', 'робототехник', 'конструктор'] }), offer('other', 'gurievsk', { tags: [], lexemes: ['бассейн'] })],
      [city, gurievsk],
    );
    const [only, ...rest] = matcher.suggest(need('n', 'city', { tags: [], lexemes: ['робототехник', 'кружок'] }), within50);
    expect(rest).toEqual([]);
    expect(only.offerId).toBe('lab');
    expect(only.reasons.textSimilarity).toBeGreaterThan(MIN_TEXT_SIMILARITY);
    expect(only.reasons.sharedTags).toEqual([]);
  });

  it('prefers a partner from a shared network, and can keep to shared networks only', () => {
    const a = org('a', 54.7, 20.5, ['net']);
    const b = org('b', 54.71, 20.51, ['net']);
    const c = org('c', 54.71, 20.51);
    const matcher = buildMatcher([offer('from-c', 'c'), offer('from-b', 'b')], [a, b, c]);
    const both = matcher.suggest(need('n', 'a'), within50);
    expect(both.map((s) => s.offerId)).toEqual(['from-b', 'from-c']);
    expect(both[0].reasons.sharedNetworkIds).toEqual(['net']);
    expect(both[0].score - both[1].score).toBeCloseTo(WEIGHTS.network, 10);
    expect(matcher.suggest(need('n', 'a'), { ...within50, sameNetworkOnly: true }).map((s) => s.offerId)).toEqual(['from-b']);
  });

  it('treats tags case- and ё-insensitively', () => {
    const matcher = buildMatcher([offer('o', 'gurievsk', { tags: ['Одарённые дети'], lexemes: [] })], [city, gurievsk]);
    const [s] = matcher.suggest(need('n', 'city', { tags: ['одаренные  дети'], lexemes: [] }), within50);
    expect(s?.reasons.sharedTags).toEqual(['Одарённые дети']);
  });

  it('shows offers of organisations without coordinates with an unknown distance', () => {
    const nowhere = org('nowhere', null, null);
    const matcher = buildMatcher([offer('o', 'nowhere')], [city, nowhere]);
    const [s] = matcher.suggest(need('n', 'city'), within50);
    expect(s).toMatchObject({ offerId: 'o', distanceKm: null });
    expect(s.reasons.proximity).toBe(0);
  });

  it('keeps the best `limit` suggestions, best first', () => {
    const organizations = [city, ...Array.from({ length: 30 }, (_, i) => org(`o${i}`, 54.71 + i * 0.005, 20.45))];
    const offers = organizations.slice(1).map((o) => offer(`offer-${o.id}`, o.id));
    const list = buildMatcher(offers, organizations).suggest(need('n', 'city'), { maxDistanceKm: 50, limit: 5 });
    expect(list.map((s) => s.offerId)).toEqual(['offer-o0', 'offer-o1', 'offer-o2', 'offer-o3', 'offer-o4']);
  });
});

describe('exchangePicture', () => {
  it('finds covered needs, deficits nobody covers, and offers nobody needs', () => {
    const picture = exchangePicture(
      [need('chemistry', 'city'), need('pool', 'city', { category: 'facilities', tags: ['плавание'], lexemes: ['бассейн'] })],
      [offer('chem-teacher', 'gurievsk'), offer('bus', 'gurievsk', { category: 'facilities', tags: ['транспорт'], lexemes: ['автобус'] })],
      [city, gurievsk],
      within50,
    );
    expect(picture.suggestions.get('chemistry')?.map((s) => s.offerId)).toEqual(['chem-teacher']);
    expect(picture.uncoveredNeedIds).toEqual(['pool']);
    expect(picture.unusedOfferIds).toEqual(['bus']);
  });

  it('counts an offer as used when it is relevant to a need, even if it did not make the short list', () => {
    const picture = exchangePicture([need('n', 'city')], [offer('first', 'gurievsk'), offer('second', 'sovetsk')], [city, gurievsk, sovetsk], { maxDistanceKm: 200, limit: 1 });
    expect(picture.suggestions.get('n')?.map((s) => s.offerId)).toEqual(['first']);
    expect(picture.unusedOfferIds).toEqual([]);
  });
});

describe('explainSuggestion', () => {
  it('says in Russian why a suggestion ranks where it does', () => {
    const a = org('a', 54.7104, 20.4522, ['net']);
    const b = org('b', 54.7706, 20.6039, ['net']);
    const [s] = buildMatcher([offer('o', 'b')], [a, b]).suggest(need('n', 'a', { neededFrom: '2026-09-01', neededTo: '2026-12-31' }), within50);
    const lines = explainSuggestion(s, new Map([['net', 'Альянс']]), { conditions: 'exchange', mobility: 'travels' });
    expect(lines).toEqual([
      'Общие направления: химия',
      'Описание близко к потребности (сходство 100 %)',
      '12 км от вашей организации, ресурс выезжает к партнёру',
      'Обе организации в сети: «Альянс»',
      'Доступен на весь нужный период',
      'Условия: на условиях обмена',
    ]);
  });
});

function randomInstance(seed: number) {
  const random = seededRandom(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const tags = ['химия', 'физика', 'робототехника', 'спорт', 'музей', 'олимпиады'];
  const stems = ['учител', 'лаборатор', 'бассейн', 'автобус', 'кружок', 'олимпиад', 'хим', 'физик', 'наставник', 'музе'];
  const categories = ['staff', 'information', 'facilities'] as const;
  const dates = [null, '2026-09-01', '2026-12-31', '2027-05-31'];
  const organizations = Array.from({ length: 40 }, (_, i) =>
    org(`org${i}`, random() < 0.05 ? null : 54 + random() * 2, 19.5 + random() * 3, random() < 0.4 ? [pick(['n1', 'n2'])] : []),
  );
  for (const o of organizations) if (o.lat === null) o.lon = null;
  const some = <T,>(items: readonly T[], max: number) => [...new Set(Array.from({ length: Math.floor(random() * (max + 1)) }, () => pick(items)))];
  const period = () => {
    const [a, b] = [pick(dates), pick(dates)];
    return a && b && a > b ? [b, a] : [a, b];
  };
  const offers = Array.from({ length: 150 }, (_, i) => {
    const [from, to] = period();
    return offer(`offer${String(i).padStart(3, '0')}`, pick(organizations).id, {
      category: pick(categories),
      tags: some(tags, 2),
      lexemes: some(stems, 4),
      mobility: random() < 0.1 ? 'remote' : 'on_site',
      capacity: random() < 0.1 ? 0 : null,
      availableFrom: from,
      availableTo: to,
    });
  });
  const needs = Array.from({ length: 30 }, (_, i) => {
    const [from, to] = period();
    return need(`need${i}`, pick(organizations).id, { category: pick(categories), tags: some(tags, 2), lexemes: some(stems, 3), neededFrom: from, neededTo: to });
  });
  return { organizations, offers, needs };
}

describe('the indexed matcher agrees with the plain reference', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('on random instance %i, at several distances', (seed) => {
    const { organizations, offers, needs } = randomInstance(seed);
    const matcher = buildMatcher(offers, organizations);
    const reference = referenceMatcher(offers, organizations);
    let compared = 0;
    for (const options of [
      { maxDistanceKm: 30, limit: 5 },
      { maxDistanceKm: 120, limit: 20 },
      { maxDistanceKm: null, limit: 8 },
      { maxDistanceKm: 80, limit: 10, sameNetworkOnly: true },
    ]) {
      for (const n of needs) {
        const home = organizations.find((o) => o.id === n.organizationId)!;
        const expected = reference.suggest(n, options);
        const actual = matcher.suggest(n, options);
        // An organisation without a place of its own sees every offer with an unknown distance.
        if (home.lat === null) {
          expect(actual.every((s) => s.distanceKm === null)).toBe(true);
          continue;
        }
        expect(actual.map((s) => s.offerId)).toEqual(expected.map((e) => e.offerId));
        compared += actual.length;
        actual.forEach((s, i) => expect(s.score).toBeCloseTo(expected[i].score, 10));
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
