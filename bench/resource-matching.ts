/**
 * How long the resource matcher takes to propose all matches for a whole region.
 *
 *   npx tsx bench/resource-matching.ts [--organizations 5000] [--offers 20] [--needs 10] [--runs 3] [--reference 500]
 *
 * Generates a region: organisations clustered around towns (as schools are), each with `--offers`
 * offers and `--needs` needs in the five categories, tags from a shared vocabulary and description
 * stems drawn with a Zipf-like skew (a few common words, many rare ones). Times the exchange picture
 * of the whole region (every need's best 10 suggestions, uncovered needs, unused offers) at 30 and
 * 50 km and without a limit on a smaller region, and, side by side in the same run, the indexed
 * matcher against the plain reference (every offer against every need) on `--reference` organisations.
 */
import { performance } from 'node:perf_hooks';
import { type MatchNeed, type MatchOffer, type MatchOrganization, buildMatcher, exchangePicture } from '../server/src/algorithms/resource-matching';
import { referenceMatcher } from '../server/src/algorithms/resource-matching.testkit';
import { resourceCategories } from '../server/src/modules/inventory/schema';
import { seededRandom } from '../server/src/seed/synthetic-organizations';

function argument(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const TAGS = [
  'математика', 'физика', 'химия', 'биология', 'информатика', 'робототехника', 'олимпиады', 'одарённые дети', 'здоровьесбережение',
  'профориентация', 'инклюзия', 'дополнительное образование', 'проектная деятельность', 'спорт', 'музей', 'библиотека', 'театр',
  'английский язык', 'история', 'краеведение', 'экология', 'астрономия', 'шахматы', 'хореография', 'вокал', 'журналистика',
  'финансовая грамотность', 'медиация', 'психология', 'логопедия', 'волонтёрство', 'туризм', 'плавание', 'лыжи', 'футбол',
  'программирование', '3d-моделирование', 'агрокласс', 'кадетский класс', 'медицинский класс', 'инженерный класс', 'ЕГЭ', 'ОГЭ',
  'наставничество', 'повышение квалификации', 'цифровая среда', 'дистанционное обучение', 'родительское сообщество', 'летний лагерь',
];

function generateRegion(organizationCount: number, offersEach: number, needsEach: number, seed = 2026) {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  // A region of about 450 × 330 km with 40 towns; about a sixth of the organisations in the regional centre.
  const towns = Array.from({ length: 40 }, (_, i) => ({ lat: 54 + random() * 3, lon: 19.5 + random() * 7, weight: i === 0 ? 8 : 0.5 + random() }));
  const totalWeight = towns.reduce((sum, t) => sum + t.weight, 0);
  const pickTown = () => {
    let r = random() * totalWeight;
    for (const town of towns) if ((r -= town.weight) <= 0) return town;
    return towns[towns.length - 1];
  };
  const stem = () => `основа${Math.floor(2000 * random() ** 3)}`;
  const stems = (count: number) => Array.from({ length: count }, stem);
  const tags = () => [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => TAGS[Math.floor(TAGS.length * random() ** 1.5)]))];
  const category = () => resourceCategories[Math.floor(random() * resourceCategories.length)];
  const networks = Array.from({ length: organizationCount / 20 }, (_, i) => `network-${i}`);

  const organizations: MatchOrganization[] = [];
  const offers: MatchOffer[] = [];
  const needs: MatchNeed[] = [];
  for (let o = 0; o < organizationCount; o++) {
    const town = pickTown();
    const id = `org-${o}`;
    organizations.push({
      id,
      lat: town.lat + gaussian() * 0.05,
      lon: town.lon + gaussian() * 0.08,
      networkIds: random() < 0.6 ? [networks[Math.floor(random() * networks.length)]] : [],
    });
    for (let i = 0; i < offersEach; i++) {
      const from = random() < 0.3 ? '2026-09-01' : null;
      offers.push({
        id: `offer-${o}-${i}`,
        organizationId: id,
        category: category(),
        tags: tags(),
        lexemes: stems(6 + Math.floor(random() * 12)),
        conditions: random() < 0.6 ? 'free' : random() < 0.5 ? 'exchange' : 'paid',
        mobility: random() < 0.1 ? 'remote' : random() < 0.2 ? 'travels' : 'on_site',
        weekdays: [],
        availableFrom: from,
        availableTo: from ? '2027-05-31' : null,
        capacity: random() < 0.05 ? 0 : 10 + Math.floor(random() * 20),
      });
    }
    for (let i = 0; i < needsEach; i++) {
      needs.push({
        id: `need-${o}-${i}`,
        organizationId: id,
        category: category(),
        tags: tags(),
        lexemes: stems(4 + Math.floor(random() * 8)),
        priority: random() < 0.3 ? 'high' : 'medium',
        neededFrom: random() < 0.5 ? '2026-09-01' : null,
        neededTo: random() < 0.5 ? '2026-12-31' : null,
      });
    }
  }
  return { organizations, offers, needs };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const organizationCount = argument('organizations', 5000);
const offersEach = argument('offers', 20);
const needsEach = argument('needs', 10);
const runs = argument('runs', 3);
const referenceOrganizations = argument('reference', 500);

const started = performance.now();
const region = generateRegion(organizationCount, offersEach, needsEach);
console.log(
  `region: ${region.organizations.length} organisations, ${region.offers.length} offers, ${region.needs.length} needs (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

const rows: string[] = [];
for (const maxDistanceKm of [30, 50]) {
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let summary = '';
  let heapMb = 0;
  for (let run = 0; run < runs; run++) {
    globalThis.gc?.();
    const start = performance.now();
    const cpu = process.cpuUsage();
    const picture = exchangePicture(region.needs, region.offers, region.organizations, { maxDistanceKm, limit: 10 });
    seconds.push((performance.now() - start) / 1000);
    const used = process.cpuUsage(cpu);
    cpuSeconds.push((used.user + used.system) / 1e6);
    heapMb = Math.max(heapMb, process.memoryUsage().heapUsed / 2 ** 20);
    let suggestions = 0;
    for (const list of picture.suggestions.values()) suggestions += list.length;
    summary = `${suggestions.toLocaleString('en')} suggestions, ${picture.uncoveredNeedIds.length.toLocaleString('en')} uncovered needs, ${picture.unusedOfferIds.length.toLocaleString('en')} unused offers`;
  }
  const line = `| whole region, ≤ ${maxDistanceKm} km, best 10 | ${organizationCount.toLocaleString('en')} | ${region.offers.length.toLocaleString('en')} | ${region.needs.length.toLocaleString('en')} | ${median(seconds).toFixed(2)} (CPU ${median(cpuSeconds).toFixed(2)}) | ${summary} | ${Math.round(heapMb)} |`;
  console.log(line);
  rows.push(line);
}

// Side by side: indexed vs the plain reference, on a region small enough for the reference.
const small = generateRegion(referenceOrganizations, offersEach, needsEach, 7);
for (const maxDistanceKm of [50, null]) {
  const options = { maxDistanceKm, limit: 10 };
  const indexedSeconds: number[] = [];
  const referenceSeconds: number[] = [];
  let agree = true;
  for (let run = 0; run < runs; run++) {
    let start = performance.now();
    const matcher = buildMatcher(small.offers, small.organizations);
    const indexed = small.needs.map((n) => matcher.suggest(n, options));
    indexedSeconds.push((performance.now() - start) / 1000);
    start = performance.now();
    const reference = referenceMatcher(small.offers, small.organizations);
    const plain = small.needs.map((n) => reference.suggest(n, options));
    referenceSeconds.push((performance.now() - start) / 1000);
    agree &&= indexed.every((list, i) => list.map((s) => s.offerId).join() === plain[i].map((s) => s.offerId).join());
  }
  const ratio = median(referenceSeconds) / median(indexedSeconds);
  const line = `| indexed vs plain reference, ${maxDistanceKm === null ? 'no limit' : `≤ ${maxDistanceKm} km`} | ${referenceOrganizations.toLocaleString('en')} | ${small.offers.length.toLocaleString('en')} | ${small.needs.length.toLocaleString('en')} | ${median(indexedSeconds).toFixed(2)} vs ${median(referenceSeconds).toFixed(2)} (${ratio.toFixed(0)}× faster) | same suggestions: ${agree ? 'yes' : 'NO'} | |`;
  console.log(line);
  rows.push(line);
  if (!agree) process.exitCode = 1;
}
console.log(`\n| measurement | organisations | offers | needs | median wall s (CPU s), ${runs} runs | result | heap MB |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}`);
