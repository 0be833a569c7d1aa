import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { insertTestEvent, registerForTestEvent } from './material.testkit';
import { materialLimits } from './material-files';
import { eventMaterialFiles, eventMaterials } from './material-schema';
import { plans } from '../plans/schema';

const BOUNDARY = 'materials-test-boundary';
function filePayload(fileName: string, content: Buffer, title?: string) {
  const parts = [
    ...(title ? [Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n`)] : []),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('event materials', () => {
  let t: TestApp;
  let eventId: string;
  const counts = async () => ({
    materials: (await t.handle.db.select().from(eventMaterials)).length,
    files: (await t.handle.db.select({ id: eventMaterialFiles.materialId }).from(eventMaterialFiles)).length,
  });
  const upload = async (role: 'orgAdmin' | 'teacher' | 'otherOrgAdmin', fileName: string, content: Buffer, title?: string) => {
    const session = await t.signIn(role);
    const { payload, headers } = filePayload(fileName, content, title);
    return t.app.inject({ method: 'POST', url: `/api/events/${eventId}/materials/files`, payload, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
  };

  let networkId: string;
  beforeAll(async () => {
    t = await openTestApp();
    const network = await seedNetwork(t.handle.db, t.fixtures, { kind: 'partnership' });
    networkId = network.id;
    eventId = (await insertTestEvent(t.handle.db, { organizationId: t.fixtures.ownOrganizationId, networkId: network.id })).id;
  });
  afterAll(() => t.close());

  it('the organiser uploads a file; it downloads as an attachment of the recognised type', async () => {
    const response = await upload('orgAdmin', 'Презентация семинара.pdf', pdf, 'Презентация: школьное партнёрство');
    expect(response.statusCode, response.body).toBe(201);
    const material = response.json();
    expect(material).toMatchObject({ kind: 'file', title: 'Презентация: школьное партнёрство', fileName: 'Презентация семинара.pdf', contentType: 'application/pdf', byteSize: pdf.length });

    const file = await t.call('GET', material.url, { session: await t.signIn('teacher') });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''%D0%9F/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const [audit] = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'event.material_added'));
    expect(audit.entityId).toBe(eventId);
  });

  it('adds links and recordings; a bad link is a Russian 400 that adds nothing', async () => {
    const session = await t.signIn('orgAdmin');
    const link = await t.call('POST', `/api/events/${eventId}/materials`, { session, body: { kind: 'recording', title: 'Запись семинара', url: 'https://rutube.ru/video/123/' } });
    expect(link.statusCode, link.body).toBe(201);
    const before = await counts();
    const bad = await t.call('POST', `/api/events/${eventId}/materials`, { session, body: { kind: 'link', title: 'Папка', url: 'javascript:alert(1)' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0]).toMatchObject({ field: 'url', message: 'Ссылка начинается с http:// или https://' });
    expect(await counts()).toEqual(before);
  });

  it('refuses a file over the limit, one whose bytes are not its type, and a type not accepted — changing nothing', async () => {
    const before = await counts();
    const big = await upload('orgAdmin', 'видео.pdf', Buffer.concat([pdf, Buffer.alloc(materialLimits.bytes)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().title).toBe('Файл слишком большой');
    const renamed = await upload('orgAdmin', 'программа.pdf', Buffer.from('MZ\x90\x00 this is a program'));
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().detail).toContain('не похоже на .pdf');
    const page = await upload('orgAdmin', 'страница.html', Buffer.from('<script>alert(1)</script>'));
    expect(page.statusCode).toBe(400);
    expect(page.json().detail).toContain('не принимаются');
    const empty = await upload('orgAdmin', 'пусто.txt', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('only organisers add; a teacher of the organiser is refused before the file is read', async () => {
    const before = await counts();
    const response = await upload('teacher', 'план.pdf', pdf);
    expect(response.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('organisers, their staff, network members and the registered open materials; others see only how many there are', async () => {
    const list = async (role: Parameters<TestApp['signIn']>[0] | null) => (await t.call('GET', `/api/events/${eventId}/materials`, { session: role ? await t.signIn(role) : null })).json();
    expect((await list('orgAdmin')).items).toHaveLength(2);
    expect(await list('teacher')).toMatchObject({ canOpen: true, canManage: false, total: 2 });
    expect(await list('otherOrgAdmin')).toMatchObject({ canOpen: true, canManage: false });
    expect(await list('guardian')).toEqual({ canOpen: false, canManage: false, total: 2, items: [] });
    expect(await list(null)).toEqual({ canOpen: false, canManage: false, total: 2, items: [] });
    const fileUrl = (await list('orgAdmin')).items.find((m: { kind: string }) => m.kind === 'file').url;
    expect((await t.call('GET', fileUrl, { session: await t.signIn('guardian') })).statusCode).toBe(404);
    expect((await t.call('GET', fileUrl)).statusCode).toBe(401);

    await registerForTestEvent(t.handle.db, eventId, { userId: t.fixtures.actors.guardian!.userId });
    expect((await list('guardian')).items).toHaveLength(2);
    expect((await t.call('GET', fileUrl, { session: await t.signIn('guardian') })).statusCode).toBe(200);
  });

  it('organisers remove a material with its file; others cannot', async () => {
    const { items } = (await t.call('GET', `/api/events/${eventId}/materials`, { session: await t.signIn('orgAdmin') })).json();
    const file = items.find((m: { kind: string }) => m.kind === 'file');
    expect((await t.call('DELETE', `/api/event-materials/${file.id}`, { session: await t.signIn('teacher') })).statusCode).toBe(403);
    expect((await t.call('DELETE', `/api/event-materials/${file.id}`, { session: await t.signIn('authorityElsewhere') })).statusCode).toBe(404);
    expect((await t.call('DELETE', `/api/event-materials/${file.id}`, { session: await t.signIn('orgAdmin') })).statusCode).toBe(204);
    expect(await counts()).toEqual({ materials: 1, files: 0 });
  });

  it('an event of the network is evidence for a plan item; an event of no network is refused', async () => {
    const [plan] = await t.handle.db.insert(plans).values({ networkId, title: 'Дорожная карта партнёрства', kind: 'roadmap' }).returning();
    const session = await t.signIn('orgAdmin');
    const ok = await t.call('POST', `/api/plans/${plan.id}/items`, { session, body: { activity: 'Семинар руководителей', evidence: { kind: 'event', reference: eventId } } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().evidence).toEqual({ kind: 'event', reference: eventId });
    const elsewhere = await insertTestEvent(t.handle.db, { organizationId: t.fixtures.ownOrganizationId });
    const refused = await t.call('POST', `/api/plans/${plan.id}/items`, { session, body: { activity: 'Семинар', evidence: { kind: 'event', reference: elsewhere.id } } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'evidence.reference', message: 'Такого мероприятия нет среди мероприятий сети' }]);
  });
});
