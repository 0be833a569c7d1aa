/**
 * How long the registry import takes: parse + preview, then commit, for N synthetic organisations.
 *
 *   npx tsx bench/import-organizations.ts [--rows 10000]
 *
 * Always measures a fresh in-memory PGlite; with DATABASE_URL set it also measures PostgreSQL, in a
 * scratch database created on that server and dropped afterwards. Each engine imports twice: the first
 * file creates every organisation, the second (the same registry with new phone numbers) updates every one.
 */
import ExcelJS from 'exceljs';
import type { CommandContext } from '../server/src/platform/context';
import { type DatabaseHandle, openDatabase } from '../server/src/platform/db/client';
import { migrateDatabase } from '../server/src/platform/db/migrate';
import { previewOrganizationImport, startOrganizationImport } from '../server/src/modules/organizations/import-organizations';
import { kindLabels, spreadsheetColumns, statusLabels } from '../server/src/modules/organizations/spreadsheet-columns';
import { seedFixtures } from '../server/test/fixtures';
import { ogrnCheckDigit } from '../server/src/algorithms/russian-identifiers';
import { syntheticInn } from '../server/src/seed/synthetic-organizations';
import { scratchPostgres } from './scratch-postgres';
import { spreadsheetOf } from '../server/src/platform/imports/spreadsheet-file';

function argument(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const inn = (n: number) => syntheticInn(500_000_000 + n);
const ogrn = (n: number) => `${102_390_000_000 + n}${ogrnCheckDigit(String(102_390_000_000 + n))}`;

/** An .xlsx of `rows` valid organisations spread over the fixture region's two municipalities. */
async function syntheticRegistry(rows: number, municipalityNames: string[], revision: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Организации');
  sheet.addRow(spreadsheetColumns.map((c) => c.header));
  const kinds = Object.values(kindLabels);
  const statuses = Object.values(statusLabels);
  for (let i = 1; i <= rows; i++) {
    const municipality = municipalityNames[i % municipalityNames.length];
    const values: Record<string, string | number> = {
      fullName: `Муниципальное бюджетное учреждение «Организация № ${i}»`,
      shortName: `Организация № ${i}`,
      kind: kinds[i % kinds.length],
      inn: inn(i),
      ogrn: ogrn(i),
      externalId: `bench-${i}`,
      municipalityId: municipality,
      statuses: i % 3 ? '' : `${statuses[i % statuses.length]}, ${statuses[(i + 1) % statuses.length]}`,
      address: `${municipality}, ул. Школьная, д. ${1 + (i % 120)}`,
      lat: 54 + (i % 1000) / 1000,
      lon: 20 + (i % 700) / 1000,
      headName: 'Иванова Мария Петровна',
      phone: `+7 (4012) ${String(i % 1000).padStart(3, '0')}-${String(revision).padStart(2, '0')}-00`,
      email: `org${i}@example.ru`,
      website: `https://org${i}.example.ru`,
      description: 'Синтетическая организация для замера скорости импорта.',
    };
    sheet.addRow(spreadsheetColumns.map((c) => values[c.field] ?? null));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function seconds<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

interface Measurement {
  engine: string;
  run: string;
  rows: number;
  preview: number;
  commit: number;
}

async function measure(engine: string, handle: DatabaseHandle, rows: number): Promise<Measurement[]> {
  await migrateDatabase(handle);
  const fixtures = await seedFixtures(handle.db);
  const context: CommandContext = { db: handle.db, actor: fixtures.actors.operator, ip: null };
  const results: Measurement[] = [];
  for (const [revision, run] of ['create', 'update'].entries()) {
    const data = await syntheticRegistry(rows, ['Городской округ Первый', 'Второй район'], revision);
    const [preview, previewSeconds] = await seconds(() => previewOrganizationImport(context, spreadsheetOf('bench.xlsx', data)));
    if (preview.errors.length) throw new Error(`unexpected errors: ${JSON.stringify(preview.errors.slice(0, 3))}`);
    const [outcome, commitSeconds] = await seconds(async () => (await startOrganizationImport(context, preview.id)).done);
    if (outcome.status !== 'done') throw new Error(`import ${outcome.status}: ${outcome.failure}`);
    results.push({ engine, run: `${run} ×${run === 'create' ? preview.toCreate : preview.toUpdate}`, rows, preview: previewSeconds, commit: commitSeconds });
  }
  return results;
}

async function withScratchPostgres<T>(serverUrl: string, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const scratch = await scratchPostgres(serverUrl);
  const handle = await openDatabase({ url: scratch.url, dataDir: null });
  try {
    return await work(handle);
  } finally {
    await handle.close();
    await scratch.drop();
  }
}

const rows = argument('rows', 10_000);
const measurements: Measurement[] = [];
const pglite = await openDatabase({ url: null, dataDir: null });
try {
  measurements.push(...(await measure('PGlite', pglite, rows)));
} finally {
  await pglite.close();
}
if (process.env.DATABASE_URL) {
  measurements.push(...(await withScratchPostgres(process.env.DATABASE_URL, (handle) => measure('PostgreSQL', handle, rows))));
}

console.table(
  measurements.map((m) => ({
    engine: m.engine,
    run: m.run,
    rows: m.rows,
    'preview s': m.preview.toFixed(2),
    'commit s': m.commit.toFixed(2),
    'rows/s': Math.round(m.rows / (m.preview + m.commit)),
  })),
);
