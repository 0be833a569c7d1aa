/**
 * A synthetic registry for the benches at scale (bench/search.ts, bench/registry-list.ts): a region of 40
 * municipalities and `count` organisations of eleven name patterns, on eight streets of which four share words with
 * names (Школьная, Лицейская, Садовая, Библиотечная), some descriptions mentioning schools. Deterministic (seed 13).
 * Returns each organisation's labels (what it is, `street:<name>`), which the search bench's labelled queries judge by.
 */
import { sql } from 'drizzle-orm';
import { russianSortKey } from '../server/src/algorithms/russian-sort-key';
import type { Database } from '../server/src/platform/db/client';
import type { organizations } from '../server/src/modules/organizations/schema';
import { municipalities, regions } from '../server/src/modules/territory/schema';
import { seededRandom } from '../server/src/seed/synthetic-organizations';

type Label = 'school' | 'lyceum' | 'gymnasium' | 'preschool' | 'library' | 'museum' | 'citt' | 'sports' | 'college' | 'creativity' | 'romashka' | 'solnyshko';
type Street = 'Школьная' | 'Лицейская' | 'Садовая' | 'Библиотечная' | 'Ленина' | 'Мира' | 'Гагарина' | 'Центральная';

const gardenNames = [['Ромашка', 'romashka'], ['Солнышко', 'solnyshko'], ['Берёзка', null], ['Теремок', null]] as const;
const kinds: { kind: typeof organizations.$inferInsert.kind; share: number; make: (n: number, pick: () => number) => { full: string; short: string; labels: Label[] } }[] = [
  { kind: 'school', share: 30, make: (n) => ({ full: `Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ${n}»`, short: `СОШ № ${n}`, labels: ['school'] }) },
  { kind: 'school', share: 6, make: (n) => ({ full: `Муниципальное общеобразовательное учреждение «Основная школа № ${n}»`, short: `Основная школа № ${n}`, labels: ['school'] }) },
  { kind: 'lyceum', share: 6, make: (n) => ({ full: `Муниципальное автономное общеобразовательное учреждение «Лицей № ${n}»`, short: `Лицей № ${n}`, labels: ['lyceum'] }) },
  { kind: 'gymnasium', share: 6, make: (n) => ({ full: `Муниципальное автономное общеобразовательное учреждение «Гимназия № ${n}»`, short: `Гимназия № ${n}`, labels: ['gymnasium'] }) },
  {
    kind: 'preschool',
    share: 25,
    make: (n, pick) => {
      const [name, label] = gardenNames[Math.floor(pick() * gardenNames.length)];
      return { full: `Муниципальное дошкольное образовательное учреждение «Детский сад № ${n} «${name}»»`, short: `Детский сад № ${n} «${name}»`, labels: label ? ['preschool', label] : ['preschool'] };
    },
  },
  { kind: 'supplementary', share: 5, make: (n) => ({ full: `Муниципальное учреждение дополнительного образования «Центр детского творчества № ${n}»`, short: `ЦДТ № ${n}`, labels: ['creativity'] }) },
  { kind: 'supplementary', share: 2, make: (n) => ({ full: `Центр информационных технологий и технического творчества № ${n}`, short: `ЦИТТ № ${n}`, labels: ['citt', 'creativity'] }) },
  { kind: 'sports', share: 4, make: (n) => ({ full: `Детско-юношеская спортивная школа № ${n}`, short: `ДЮСШ № ${n}`, labels: ['sports', 'school'] }) },
  { kind: 'library', share: 8, make: (n) => ({ full: `Муниципальное учреждение культуры «Библиотека-филиал № ${n}»`, short: `Библиотека № ${n}`, labels: ['library'] }) },
  { kind: 'museum', share: 3, make: (n) => ({ full: `Краеведческий музей № ${n}`, short: `Музей № ${n}`, labels: ['museum'] }) },
  { kind: 'college', share: 5, make: (n) => ({ full: `Государственное профессиональное образовательное учреждение «Колледж № ${n}»`, short: `Колледж № ${n}`, labels: ['college'] }) },
];
const streets: Street[] = ['Школьная', 'Лицейская', 'Садовая', 'Библиотечная', 'Ленина', 'Мира', 'Гагарина', 'Центральная'];
const descriptions = ['', '', 'Экскурсии для школьников и учителей', 'Кружки для детей', 'Методическая помощь педагогам', 'Летний лагерь для учеников'];


export async function fillSyntheticRegistry(db: Database, count: number): Promise<{ labels: Map<string, Set<string>>; municipalityIds: string[] }> {
  const [region] = await db.insert(regions).values({ name: 'Область для замера', centerLat: 55, centerLon: 37, zoom: 7 }).returning();
  const places = await db
    .insert(municipalities)
    .values(Array.from({ length: 40 }, (_, i) => ({ regionId: region.id, name: `Округ ${i + 1}`, kind: 'district' as const, subjectName: 'Область для замера', centerLat: 55, centerLon: 37 })))
    .returning();

  const random = seededRandom(13);
  const totalShare = kinds.reduce((sum, k) => sum + k.share, 0);
  const generated = new Map<string, Set<string>>();
  for (let from = 0; from < count; from += 5000) {
    const batch = Array.from({ length: Math.min(5000, count - from) }, (_, index) => {
      const i = from + index;
      let r = random() * totalShare;
      const kind = kinds.find((k) => (r -= k.share) <= 0) ?? kinds[0];
      const made = kind.make(1 + (i % 997), random);
      const street = streets[Math.floor(random() * streets.length)];
      const place = places[i % places.length];
      return {
        externalId: `bench-${i}`,
        kind: kind.kind,
        fullName: `${made.full} (${place.name})`,
        shortName: made.short,
        sortKey: russianSortKey(made.short),
        municipalityId: place.id,
        address: `${place.name}, ул. ${street}, д. ${1 + (i % 90)}`,
        description: descriptions[Math.floor(random() * descriptions.length)],
        headName: 'Иванова Мария Петровна',
        labels: [...made.labels, `street:${street}`],
      };
    });
    const rows = (await db.execute(sql`
      insert into organizations (external_id, kind, full_name, short_name, sort_key, municipality_id, address, description, head_name)
      select external_id, kind, full_name, short_name, sort_key, municipality_id, address, description, head_name
      from jsonb_to_recordset(${JSON.stringify(batch.map((row) => ({ external_id: row.externalId, kind: row.kind, full_name: row.fullName, short_name: row.shortName, sort_key: row.sortKey, municipality_id: row.municipalityId, address: row.address, description: row.description, head_name: row.headName })))}::jsonb) as v(external_id text, kind text, full_name text, short_name text, sort_key text, municipality_id uuid, address text, description text, head_name text)
      returning id, external_id`)) as unknown as { rows: { id: string; external_id: string }[] };
    const byExternal = new Map(batch.map((row) => [row.externalId, row.labels]));
    for (const row of rows.rows) generated.set(row.id, new Set(byExternal.get(row.external_id)));
  }
  return { labels: generated, municipalityIds: places.map((place) => place.id) };
}
