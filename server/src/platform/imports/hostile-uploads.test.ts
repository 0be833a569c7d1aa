import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { count } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationImports, organizations } from '../../modules/organizations/schema';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { spreadsheetLimits } from './spreadsheet-limits';

const BOUNDARY = 'hostile-upload-boundary';

/**
 * A multipart upload whose file is produced only as the server reads it: `pulled()` tells how much of the
 * file left the client, so a test sees whether the server received it at all.
 */
function lazyUpload(fileName: string, content: () => Iterable<Buffer> | AsyncIterable<Buffer>) {
  let pulled = 0;
  async function* body() {
    yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    for await (const chunk of content()) {
      pulled += chunk.length;
      yield chunk;
    }
    yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  }
  return { payload: Readable.from(body(), { objectMode: false }), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, pulled: () => pulled };
}

/** `bytes` of `line` repeated, in pieces of about 64 KB. */
function* repeated(line: string, bytes: number) {
  const piece = Buffer.from(line.repeat(Math.max(1, Math.floor(65_536 / Buffer.byteLength(line)))));
  for (let sent = 0; sent < bytes; sent += piece.length) yield piece;
}

const MB = 1024 * 1024;

async function emptyWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Лист1').addRow(['Название']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A real workbook whose first sheet is `sheetXml`, deflated as hard as zip can. */
async function workbookWithSheet(sheetXml: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await emptyWorkbook());
  zip.file('xl/worksheets/sheet1.xml', sheetXml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The same zip with the sizes its directory and local header declare for `name` rewritten: the directory lies. */
function declaringSize(zip: Buffer, name: string, size: number): Buffer {
  const patched = Buffer.from(zip);
  const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = patched.indexOf(central); at >= 0; at = patched.indexOf(central, at + 4)) {
    const nameLength = patched.readUInt16LE(at + 28);
    if (patched.toString('utf8', at + 46, at + 46 + nameLength) !== name) continue;
    patched.writeUInt32LE(size, at + 24);
    patched.writeUInt32LE(size, patched.readUInt32LE(at + 42) + 22);
  }
  return patched;
}

/** Rows of one inline-string cell, repeated: megabytes of XML that deflate to a few kilobytes. */
const bombSheet = (megabytes: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${'<row><c t="inlineStr"><is><t>Школа</t></is></c></row>'.repeat(
    Math.floor((megabytes * MB) / 60),
  )}</sheetData></worksheet>`;

describe('hostile uploads', () => {
  let t: TestApp;
  let operator: Session;
  let networkId: string;
  let planId: string;

  beforeAll(async () => {
    t = await openTestApp();
    operator = await t.signIn('operator');
    networkId = (await seedNetwork(t.handle.db, t.fixtures)).id;
    const coordinator = await t.signIn('orgAdmin');
    planId = (await t.call('POST', `/api/networks/${networkId}/plans`, { session: coordinator, body: { title: 'План' } })).json().id;
  });
  afterAll(() => t.close());

  const send = (url: string, session: Session, upload: ReturnType<typeof lazyUpload>) =>
    t.app.inject({ method: 'POST', url, payload: upload.payload, headers: { ...upload.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });

  const written = async () => ({
    imports: Number((await t.handle.db.select({ n: count() }).from(organizationImports))[0].n),
    organizations: Number((await t.handle.db.select({ n: count() }).from(organizations))[0].n),
  });

  it('refuses someone who may not import before receiving the file, on every upload route', async () => {
    const guardian = await t.signIn('guardian');
    const routes = [
      '/api/organizations/imports',
      `/api/organizations/${t.fixtures.ownOrganizationId}/staff/imports`,
      '/api/staff-imports',
      `/api/plans/${planId}/import`,
      `/api/networks/${networkId}/inventory/import?commit=true`,
    ];
    const uploadRoutes = t.app.routeTable.filter((r) => r.method === 'POST' && /import/.test(r.url) && !/commit|:id\/(start|cancel)/.test(r.url));
    expect(uploadRoutes.map((r) => r.url).sort()).toEqual(
      ['/api/organizations/imports', '/api/organizations/:id/staff/imports', '/api/staff-imports', '/api/plans/:id/import', '/api/networks/:networkId/inventory/import'].sort(),
    );
    for (const url of routes) {
      const upload = lazyUpload('ресурсы.csv', () => repeated('Организация;Категория;Название\r\n', 20 * MB));
      const response = await send(url, guardian, upload);
      expect([403, 404], url).toContain(response.statusCode);
      expect(response.json().detail, url).toMatch(/[а-яё]/i);
      expect(upload.pulled(), url).toBeLessThan(MB);
    }
  });

  it('refuses each hostile file with a Russian problem while the server keeps answering, and writes nothing', async () => {
    const bomb = await workbookWithSheet(bombSheet(20));
    const claimsHuge = declaringSize(await emptyWorkbook(), 'xl/worksheets/sheet1.xml', 200 * MB);
    const understated = declaringSize(await workbookWithSheet(bombSheet(2)), 'xl/worksheets/sheet1.xml', 200_000);
    const wideHeader = Array.from({ length: 300 }, (_, i) => `Столбец ${i + 1}`).join(';');
    const cases: { file: string; content: () => Iterable<Buffer>; status: number; detail: RegExp; pulledAtMost?: number }[] = [
      { file: 'огромный.csv', content: () => repeated('Название;ИНН\r\nШкола;3900000016\r\n', 30 * MB), status: 413, detail: /больше 10 МБ/, pulledAtMost: spreadsheetLimits.bytes + 2 * MB },
      { file: 'бомба.xlsx', content: () => [bomb], status: 400, detail: /сжата необычно сильно/ },
      { file: 'большая.xlsx', content: () => [claimsHuge], status: 400, detail: /в распакованном виде больше 100 МБ/ },
      { file: 'лживая.xlsx', content: () => [understated], status: 400, detail: /повреждён/ },
      { file: 'широкий.csv', content: () => [Buffer.from(`${wideHeader}\r\n${wideHeader}\r\n`)], status: 400, detail: /заполнено столбцов: 300, а можно не больше 200/ },
      { file: 'длинный.csv', content: () => [Buffer.from(`Название;Описание\r\nШкола;${'о'.repeat(20_000)}\r\n`)], status: 400, detail: /20\s000 символов, а в ячейке может быть не больше 10\s000/ },
      {
        file: 'длинный-список.csv',
        content: () => [Buffer.from(`Название;Адрес;Телефон;Сайт\r\n${'Школа № 1;ул. Ленина, 1;+7 4012 000000;school.example.ru\r\n'.repeat(spreadsheetLimits.rows + 1)}`)],
        status: 400,
        detail: /больше 50\s000 строк/,
      },
    ];
    const before = await written();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    for (const { file, content, status, detail, pulledAtMost } of cases) {
      const upload = lazyUpload(file, content);
      const started = performance.now();
      const response = await send('/api/organizations/imports', operator, upload);
      expect(response.statusCode, file).toBe(status);
      expect(response.headers['content-type'], file).toMatch(/problem\+json/);
      expect(response.json().detail, file).toMatch(detail);
      expect(performance.now() - started, file).toBeLessThan(15_000);
      if (pulledAtMost) expect(upload.pulled(), file).toBeLessThan(pulledAtMost);
    }
    delay.disable();
    // Reading happens on a worker thread: the server's own loop is never held for long.
    expect(delay.max / 1e6).toBeLessThan(500);
    expect(await written()).toEqual(before);
  });

  it('reads one file at a time per person: a second upload while the first is read is refused', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = lazyUpload('первый.csv', async function* () {
      yield Buffer.from('Название\r\n');
      await held;
      yield Buffer.from('Школа\r\n');
    });
    const firstAnswer = send('/api/organizations/imports', operator, first);
    while (first.pulled() === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    const second = await send('/api/organizations/imports', operator, lazyUpload('второй.csv', () => [Buffer.from('Название\r\nШкола\r\n')]));
    expect(second.statusCode).toBe(429);
    expect(second.json().detail).toMatch(/Предыдущий загруженный вами файл ещё читается/);

    release();
    expect((await firstAnswer).statusCode).toBe(400); // read: the file lacks the registry's columns
    const third = await send('/api/organizations/imports', operator, lazyUpload('третий.csv', () => [Buffer.from('Название\r\nШкола\r\n')]));
    expect(third.statusCode).toBe(400);
  });

  it('limits how often one person uploads', async () => {
    const teacher = await t.signIn('teacher');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await send('/api/staff-imports', teacher, lazyUpload('a.csv', () => [Buffer.from('ФИО\r\n')]))).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 403)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
