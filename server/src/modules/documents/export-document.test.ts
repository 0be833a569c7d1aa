import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { seedNetwork } from '../../../test/network-fixtures';
import { exportDocument, exportDocumentPdfUncompressed } from './export-document';
import { readPdf, squeeze, unzip } from './export-readers.testkit';

describe('document export', () => {
  let t: TestApp;
  let coordinator: Session;
  let document: { id: string; title: string; current: { id: string; sha256: string; body: string; version: number }; signatures: { hash: string; signerName: string }[] };

  beforeAll(async () => {
    t = await openTestApp();
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Школьный округ «Первый»' });
    coordinator = await t.signIn('orgAdmin');
    const member = await t.signIn('otherOrgAdmin');
    const created = (await t.call('POST', `/api/networks/${network.id}/documents`, { session: coordinator, body: { kind: 'agreement' } })).json();
    const read = { versionId: created.current.id, sha256: created.current.sha256 };
    await t.call('POST', `/api/documents/${created.id}/send`, { session: coordinator, body: read });
    await t.call('POST', `/api/documents/${created.id}/sign`, { session: member, body: { ...read, password: FIXTURE_PASSWORD } });
    document = (await t.call('POST', `/api/documents/${created.id}/sign`, { session: coordinator, body: { ...read, password: FIXTURE_PASSWORD } })).json();
    expect(document.signatures).toHaveLength(2);
  });
  afterAll(() => t.close());

  const context = () => ({ db: t.handle.db, actor: t.fixtures.actors.orgAdmin, ip: null });

  it('exports DOCX whose word/document.xml carries the Russian title, the text and the signature sheet', async () => {
    const file = await exportDocument(context(), document.id, 'docx');
    expect(file.contentType).toContain('wordprocessingml');
    expect(file.data.subarray(0, 2).toString()).toBe('PK');
    const xml = unzip(file.data).get('word/document.xml')!.toString('utf8');
    const text = xml.replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, '');
    expect(text).toContain(document.title);
    expect(text).toContain('Предмет договора');
    expect(text).toContain('Лист подписания');
    expect(text).toContain('Пользователь otherOrgAdmin');
    expect(text).toContain(document.current.sha256);
    expect(text).toContain(document.signatures[1].hash.slice(0, 32));
    expect(text).toContain('Europe/Moscow');
    expect(xml).toContain('w:orient="landscape"');
  });

  it('exports a PDF with embedded Roboto whose Cyrillic text reads back, signature sheet included', async () => {
    const file = await exportDocument(context(), document.id, 'pdf');
    expect(file.contentType).toBe('application/pdf');
    expect(file.data.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = readPdf(file.data);
    expect(pdf.fonts.some((f) => f.includes('Roboto'))).toBe(true);
    expect(pdf.fontsEmbedded).toBe(true);
    const text = squeeze(pdf.text);
    expect(text).toContain(squeeze(document.title));
    expect(text).toContain(squeeze('Договор вступает в силу с момента его подписания всеми Сторонами и действует бессрочно.'));
    expect(text).toContain('Листподписания');
    expect(text).toContain(squeeze('Пользователь otherOrgAdmin'));
    for (const s of document.signatures) expect(text).toContain(s.hash.slice(32));
    expect(text).toContain(document.current.sha256);

    const plain = readPdf(await exportDocumentPdfUncompressed(context(), document.id));
    expect(squeeze(plain.text)).toContain(squeeze(document.title));
  });

  it('serves the files over HTTP with a Russian file name, and refuses an unknown format', async () => {
    const pdf = await t.call('GET', `/api/documents/${document.id}/export?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Договор')}`);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const docx = await t.call('GET', `/api/documents/${document.id}/export?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(unzip(docx.rawPayload).has('word/document.xml')).toBe(true);
    const bad = await t.call('GET', `/api/documents/${document.id}/export?format=odt`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('format');
  });
});
