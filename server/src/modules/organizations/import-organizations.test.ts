import { and, count, eq, inArray, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import type { Actor, CommandContext } from '../../platform/context';
import type { DatabaseHandle } from '../../platform/db/client';
import { Problem } from '../../platform/problem';
import { openTestDatabase } from '../../../test/database';
import { type Fixtures, seedFixtures } from '../../../test/fixtures';
import { createOrganization } from './create-organization';
import { failInterruptedImports, getOrganizationImport, previewOrganizationImport, startOrganizationImport } from './import-organizations';
import { municipalities } from '../territory/schema';
import { organizationImports, organizations } from './schema';
import { type SpreadsheetFile, spreadsheetOf } from '../../platform/imports/spreadsheet-file';

let handle: DatabaseHandle;
let fixtures: Fixtures;

beforeAll(async () => {
  handle = await openTestDatabase();
  fixtures = await seedFixtures(handle.db);
});
afterAll(async () => handle?.close());

const as = (actor: Actor | null): CommandContext => ({ db: handle.db, actor, ip: '203.0.113.7' });
const operator = () => as(fixtures.actors.operator);
const HOME = 'Городской округ Первый';
const OTHER = 'Второй район';
/** The INN of «СОШ № 1» in HOME and of «СОШ № 2» in OTHER, from the fixtures. */
const OWN_INN = '3900000016';
const OTHER_INN = '3900000023';

/** A legal-entity INN with a valid check digit, distinct for every n. */
function inn(n: number) {
  const body = String(770_000_000 + n);
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  return body + (weights.reduce((sum, w, i) => sum + w * Number(body[i]), 0) % 11) % 10;
}
function ogrn(n: number) {
  const body = String(102_390_000_000 + n);
  return body + Number((BigInt(body) % 11n) % 10n);
}

const HEADERS = ['Полное наименование', 'Краткое наименование', 'Тип', 'ИНН', 'Муниципалитет', 'Статусы', 'Широта', 'Долгота', 'Телефон'];
type Cell = string | number | null;

async function xlsx(rows: Cell[][], headers: string[] = HEADERS): Promise<SpreadsheetFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Организации');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return spreadsheetOf('реестр.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
}

const school = (n: number, municipality = HOME, extra: Partial<Record<'inn' | 'phone' | 'kind' | 'statuses', Cell>> = {}): Cell[] => [
  `Муниципальное бюджетное общеобразовательное учреждение «Школа № ${n}»`,
  `Школа № ${n}`,
  extra.kind ?? 'Школа',
  extra.inn ?? inn(n),
  municipality,
  extra.statuses ?? '',
  '54,71',
  '20.51',
  extra.phone ?? '+7 (4012) 00-00-00',
];

async function organizationCount() {
  const [{ total }] = await handle.db.select({ total: count() }).from(organizations);
  return Number(total);
}

async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  return error as Problem;
}

async function importFile(context: CommandContext, file: SpreadsheetFile) {
  const preview = await previewOrganizationImport(context, file);
  expect(preview.errors).toEqual([]);
  const { done } = await startOrganizationImport(context, preview.id);
  return { preview, result: await done };
}

describe('organization import', () => {
  it('lists each bad cell with its row, column and a Russian message, and writes nothing', async () => {
    const before = await organizationCount();
    const file = await xlsx([
      school(101),
      [...school(102, 'Третий район').slice(0, 3), '7700000000', 'Третий район', 'ШНОР, отличники', '54,7', '', ''],
      school(103),
    ]);
    const preview = await previewOrganizationImport(operator(), file);
    expect(preview).toMatchObject({ fileName: 'реестр.xlsx', status: 'previewed', total: 3, toCreate: 2, toUpdate: 0, processed: 0, failure: null });
    expect(preview.errors).toEqual([
      { row: 3, column: 'ИНН', message: 'ИНН организации — 10 цифр с верной контрольной цифрой' },
      { row: 3, column: 'Муниципалитет', message: expect.stringContaining('«Третий район» не найден') },
      { row: 3, column: 'Статусы', message: expect.stringContaining('Неизвестный статус «отличники»') },
      { row: 3, column: 'Долгота', message: 'Укажите и широту, и долготу — или ни одну' },
    ]);
    expect(await organizationCount()).toBe(before);

    const refused = await problemOf(startOrganizationImport(operator(), preview.id));
    expect(refused.status).toBe(409);
    expect(refused.detail).toMatch(/Ошибок в файле: 4/);
    expect(await organizationCount()).toBe(before);
  });

  it('refuses a file without a required column as a whole', async () => {
    const problem = await problemOf(previewOrganizationImport(operator(), await xlsx([['Школа', 'Школа', '3900000016']], ['Полное наименование', 'Наименование', 'ИНН'])));
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe('В файле нет обязательных столбцов: «Краткое наименование», «Тип», «Муниципалитет». Заголовки ищутся в первой заполненной строке листа.');
  });

  it('creates new organisations and updates matched ones, reading headers, labels and codes loosely', async () => {
    const headers = ['  полное   НАИМЕНОВАНИЕ', 'Краткое наименование', 'тип', 'инн', 'Муниципалитет', 'статусы', 'Широта', 'Долгота', 'Телефон', 'Примечание'];
    const file = await xlsx(
      [
        [...school(201, ` ${HOME.toUpperCase()} `, { kind: 'ЛИЦЕЙ', statuses: 'базовая  школа, ШНОР' }), 'не импортируется'],
        [...school(202, HOME, { kind: 'gymnasium', inn: Number(inn(202)) }), ''],
        [...school(1, HOME, { inn: OWN_INN, phone: '+7 (4012) 11-11-11' }), ''],
      ],
      headers,
    );
    const preview = await previewOrganizationImport(operator(), file);
    expect(preview).toMatchObject({ errors: [], total: 3, toCreate: 2, toUpdate: 1 });

    const { preview: running, done } = await startOrganizationImport(operator(), preview.id);
    expect(running.status).toBe('running');
    expect((await getOrganizationImport(operator(), preview.id)).status).toBe('running');
    expect(await done).toMatchObject({ status: 'done', processed: 3, failure: null });
    expect(await getOrganizationImport(operator(), preview.id)).toMatchObject({ status: 'done', processed: 3, toCreate: 2, toUpdate: 1, errors: [] });
    // The claim beat the heartbeat that tells a live commit from one a dead process left.
    const [{ heartbeatAt }] = await handle.db.select({ heartbeatAt: organizationImports.heartbeatAt }).from(organizationImports).where(eq(organizationImports.id, preview.id));
    expect(Date.now() - heartbeatAt!.getTime()).toBeLessThan(60_000);

    const [lyceum] = await handle.db.select().from(organizations).where(eq(organizations.inn, inn(201)));
    expect(lyceum).toMatchObject({ kind: 'lyceum', shortName: 'Школа № 201', sortKey: 'школа № 000201', municipalityId: fixtures.municipalityId, statuses: ['base_school', 'low_results'], lat: 54.71, lon: 20.51, version: 1 });
    const [gymnasium] = await handle.db.select().from(organizations).where(eq(organizations.inn, inn(202)));
    expect(gymnasium.kind).toBe('gymnasium');
    const [updated] = await handle.db.select().from(organizations).where(eq(organizations.id, fixtures.ownOrganizationId));
    expect(updated).toMatchObject({ shortName: 'Школа № 1', phone: '+7 (4012) 11-11-11', version: 2, inn: OWN_INN });

    const actions = await handle.db
      .select({ action: auditEntries.action, entityId: auditEntries.entityId, actorId: auditEntries.actorId })
      .from(auditEntries)
      .where(inArray(auditEntries.entityId, [lyceum.id, gymnasium.id, fixtures.ownOrganizationId, preview.id]));
    expect(actions.map((a) => `${a.action}:${a.entityId}`).sort()).toEqual(
      [`organization.imported_created:${lyceum.id}`, `organization.imported_created:${gymnasium.id}`, `organization.imported_updated:${fixtures.ownOrganizationId}`, `organization_import.committed:${preview.id}`].sort(),
    );
    expect(actions.every((a) => a.actorId === fixtures.actors.operator!.userId)).toBe(true);
  });

  it('re-importing the same file creates nothing and leaves unchanged cards at their version', async () => {
    const rows = [school(301), school(302), school(303)];
    await importFile(operator(), await xlsx(rows));
    const total = await organizationCount();
    const versions = await handle.db.select({ inn: organizations.inn, version: organizations.version }).from(organizations).where(like(organizations.shortName, 'Школа № 30_'));
    expect(versions.map((v) => v.version)).toEqual([1, 1, 1]);

    const again = await importFile(operator(), await xlsx(rows));
    expect(again.preview).toMatchObject({ toCreate: 0, toUpdate: 3 });
    expect(again.result.status).toBe('done');
    expect(await organizationCount()).toBe(total);
    const after = await handle.db.select({ version: organizations.version }).from(organizations).where(like(organizations.shortName, 'Школа № 30_'));
    expect(after.map((v) => v.version)).toEqual([1, 1, 1]);

    const changedPhone = await importFile(operator(), await xlsx([school(301, HOME, { phone: '8 800 000-00-00' }), school(302), school(303)]));
    expect(changedPhone.preview).toMatchObject({ toCreate: 0, toUpdate: 3 });
    const [card] = await handle.db.select().from(organizations).where(eq(organizations.inn, inn(301)));
    expect(card).toMatchObject({ phone: '8 800 000-00-00', version: 2 });
    expect(await organizationCount()).toBe(total);
  });

  it('reads a «;»-separated CSV saved by Russian Excel in Windows-1251', async () => {
    const lines = [
      'Полное наименование;Краткое наименование;Тип;ИНН;Муниципалитет;Статусы;Широта;Долгота;Руководитель',
      `Муниципальное учреждение «Детский сад «Ёлочка»»;Детский сад «Ёлочка»;Детский сад;${inn(401)};${OTHER};;54,9;21,2;Щукина Любовь Эдуардовна`,
    ];
    const data = toWindows1251(`${lines.join('\r\n')}\r\n`);
    const { preview } = await importFile(operator(), spreadsheetOf('сады.csv', data));
    expect(preview).toMatchObject({ total: 1, toCreate: 1 });
    const [garden] = await handle.db.select().from(organizations).where(eq(organizations.inn, inn(401)));
    expect(garden).toMatchObject({ kind: 'preschool', shortName: 'Детский сад «Ёлочка»', headName: 'Щукина Любовь Эдуардовна', municipalityId: fixtures.otherMunicipalityId, lat: 54.9, lon: 21.2 });
  });

  it('lets an authority import only organisations of its own municipality', async () => {
    const authority = as(fixtures.actors.authority);
    const preview = await previewOrganizationImport(
      authority,
      await xlsx([school(501), school(502, OTHER), [...school(2, HOME, { inn: OTHER_INN })]]),
    );
    expect(preview.errors).toEqual([
      { row: 3, column: 'Муниципалитет', message: 'Вы можете загружать организации только своего муниципалитета' },
      { row: 4, column: 'ИНН', message: expect.stringContaining('«СОШ № 2» относится к другому муниципалитету') },
    ]);
    expect(preview).toMatchObject({ toCreate: 1, toUpdate: 0 });

    const own = await importFile(authority, await xlsx([school(503)]));
    expect(own.result.status).toBe('done');

    const guardian = await problemOf(previewOrganizationImport(as(fixtures.actors.orgAdmin), await xlsx([school(504)])));
    expect(guardian.status).toBe(403);
  });

  it('refuses a row that creates an organisation in an archived municipality or moves one into it, naming the row and column', async () => {
    const [{ regionId }] = await handle.db.select({ regionId: municipalities.regionId }).from(municipalities).limit(1);
    await handle.db.insert(municipalities).values({ regionId, name: 'Упразднённый район', kind: 'district', centerLat: 55, centerLon: 21, archivedAt: new Date() });
    const preview = await previewOrganizationImport(operator(), await xlsx([school(601, 'Упразднённый район'), [...school(2, 'Упразднённый район', { inn: OWN_INN })]]));
    const refusal = { column: 'Муниципалитет', message: expect.stringContaining('Муниципалитет «Упразднённый район» в архиве') };
    expect(preview.errors).toEqual([
      { row: 2, ...refusal },
      { row: 3, ...refusal },
    ]);
    expect(preview).toMatchObject({ toCreate: 0, toUpdate: 0 });
  });

  it('shows an import only to its author and operators, and lets only the author commit it', async () => {
    const preview = await previewOrganizationImport(as(fixtures.actors.authority), await xlsx([school(601)]));
    expect((await problemOf(getOrganizationImport(as(fixtures.actors.authorityElsewhere), preview.id))).status).toBe(404);
    expect((await problemOf(getOrganizationImport(as(null), preview.id))).status).toBe(401);
    expect((await getOrganizationImport(operator(), preview.id)).id).toBe(preview.id);

    expect((await problemOf(startOrganizationImport(as(fixtures.actors.authorityElsewhere), preview.id))).status).toBe(404);
    expect((await problemOf(startOrganizationImport(operator(), preview.id))).status).toBe(403);
    expect((await problemOf(startOrganizationImport(as(fixtures.actors.expert), preview.id))).status).toBe(403);
    expect((await getOrganizationImport(as(fixtures.actors.authority), preview.id)).status).toBe('previewed');
    expect(await handle.db.select().from(organizations).where(eq(organizations.inn, inn(601)))).toEqual([]);
  });

  it('reports progress while the commit runs', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => school(10_000 + i));
    const preview = await previewOrganizationImport(operator(), await xlsx(rows));
    expect(preview).toMatchObject({ errors: [], toCreate: 1_200 });
    const { done } = await startOrganizationImport(operator(), preview.id);
    let finished = false;
    void done.finally(() => (finished = true));
    const seen: number[] = [];
    while (!finished) {
      const state = await getOrganizationImport(operator(), preview.id);
      if (state.status === 'running') seen.push(state.processed);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(await done).toMatchObject({ status: 'done', processed: 1_200 });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // Batches of 500: a poll lands between them at least once.
    expect(seen.some((processed) => processed > 0 && processed < 1_200)).toBe(true);
  });

  it('runs an import once when it is committed twice at the same moment', async () => {
    const preview = await previewOrganizationImport(operator(), await xlsx([school(701), school(702)]));
    const attempts = await Promise.allSettled([startOrganizationImport(operator(), preview.id), startOrganizationImport(operator(), preview.id)]);
    const started = attempts.filter((a) => a.status === 'fulfilled');
    const refused = attempts.filter((a) => a.status === 'rejected');
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(await (started[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof startOrganizationImport>>>).value.done).toMatchObject({ status: 'done' });

    expect((await problemOf(startOrganizationImport(operator(), preview.id))).detail).toMatch(/уже записан/);
    const created = await handle.db.select().from(organizations).where(inArray(organizations.inn, [inn(701), inn(702)]));
    expect(created).toHaveLength(2);
  });

  it('rejects identifiers repeated in the file and a row that points at two organisations', async () => {
    await handle.db.update(organizations).set({ externalId: 'EXT-2' }).where(eq(organizations.id, fixtures.otherOrganizationId));
    const headers = [...HEADERS, 'Внешний код', 'ОГРН'];
    const preview = await previewOrganizationImport(
      operator(),
      await xlsx(
        [
          [...school(801), 'EXT-801', ogrn(801)],
          [...school(802), 'EXT-801', ogrn(801)],
          [...school(1, HOME, { inn: OWN_INN }), 'EXT-2', ''],
        ],
        headers,
      ),
    );
    expect(preview.errors).toEqual([
      { row: 3, column: 'ОГРН', message: 'Такой ОГРН уже указан в строке 2 этого файла' },
      { row: 3, column: 'Внешний код', message: 'Такой внешний код уже указан в строке 2 этого файла' },
      // «СОШ № 1» was renamed «Школа № 1» by an import above.
      { row: 4, column: 'Внешний код', message: 'ИНН указывает на «Школа № 1», а внешний код — на «СОШ № 2». Это разные организации реестра: исправьте реквизиты' },
    ]);
  });

  it('fails as a whole, leaving nothing behind, when the registry changed after the preview', async () => {
    const before = await organizationCount();
    const preview = await previewOrganizationImport(operator(), await xlsx([school(901), school(902), school(1, HOME, { inn: OWN_INN, phone: '+7 999 999-99-99' })]));
    expect(preview).toMatchObject({ errors: [], toCreate: 2, toUpdate: 1 });
    // Someone registers the second school by hand while the preview waits.
    const rival = await createOrganization(operator(), {
      kind: 'school', fullName: 'Школа, созданная вручную', shortName: 'Вручную', inn: inn(902), ogrn: null, externalId: null, municipalityId: fixtures.municipalityId, lat: null, lon: null,
    });

    const { done } = await startOrganizationImport(operator(), preview.id);
    const result = await done;
    expect(result.status).toBe('failed');
    expect(result.failure).toBe(
      `Строка 3: пока файл ждал записи, в реестре появилась организация с таким ИНН (${inn(902)}). Ничего не записано — загрузите файл заново, и строка сопоставится с этой организацией.`,
    );
    expect(await getOrganizationImport(operator(), preview.id)).toMatchObject({ status: 'failed', failure: result.failure, processed: 0 });
    expect(await organizationCount()).toBe(before + 1);
    expect(await handle.db.select().from(organizations).where(eq(organizations.inn, inn(901)))).toEqual([]);
    const [own] = await handle.db.select().from(organizations).where(eq(organizations.id, fixtures.ownOrganizationId));
    expect(own.phone).not.toBe('+7 999 999-99-99');
    const entries = await handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, preview.id)));
    expect(entries).toEqual([]);
    expect(rival.inn).toBe(inn(902));

    // Uploading the file again now matches the hand-made card.
    expect(await previewOrganizationImport(operator(), await xlsx([school(901), school(902)]))).toMatchObject({ errors: [], toCreate: 1, toUpdate: 1 });
  });
});

/** Russian text as Windows-1251 bytes, the way Russian Excel saves «CSV (разделители — точка с запятой)». */
function toWindows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((character) => {
      const code = character.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (character === 'Ё') return 0xa8;
      if (character === 'ё') return 0xb8;
      if (character === '«') return 0xab;
      if (character === '»') return 0xbb;
      if (character === '№') return 0xb9;
      throw new Error(`no Windows-1251 byte for ${character}`);
    }),
  );
}

describe('interrupted imports', () => {
  it('are marked failed at start-up with a Russian explanation', async () => {
    const handle = await openTestDatabase();
    try {
      const fixtures = await seedFixtures(handle.db);
      await handle.db.insert(organizationImports).values({ authorId: fixtures.actors.operator!.userId, fileName: 'a.xlsx', status: 'running', total: 1, toCreate: 1, toUpdate: 0, rows: [], errors: [] });
      expect(await failInterruptedImports(handle.db)).toBe(1);
      const [row] = await handle.db.select().from(organizationImports);
      expect(row.status).toBe('failed');
      expect(row.failure).toContain('прерван');
    } finally {
      await handle.close();
    }
  });

  it('are marked failed while the server runs only once their commit has been silent for long (PostgreSQL, several processes)', async () => {
    const handle = await openTestDatabase();
    try {
      const fixtures = await seedFixtures(handle.db);
      const running = (fileName: string, heartbeatAt: Date | null) => ({
        authorId: fixtures.actors.operator!.userId,
        fileName,
        status: 'running' as const,
        total: 1,
        toCreate: 1,
        toUpdate: 0,
        rows: [],
        errors: [],
        heartbeatAt,
      });
      await handle.db.insert(organizationImports).values([running('left.xlsx', new Date(Date.now() - 20 * 60_000)), running('live.xlsx', new Date()), running('unknown.xlsx', null)]);
      expect(await failInterruptedImports(handle.db, 15 * 60_000)).toBe(2);
      const rows = await handle.db.select({ fileName: organizationImports.fileName, status: organizationImports.status }).from(organizationImports).orderBy(organizationImports.fileName);
      expect(rows).toEqual([
        { fileName: 'left.xlsx', status: 'failed' },
        { fileName: 'live.xlsx', status: 'running' },
        { fileName: 'unknown.xlsx', status: 'failed' },
      ]);
    } finally {
      await handle.close();
    }
  });
});
