import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { auditEntries } from '../../platform/audit/schema';
import { attachmentLimits } from './add-practice-attachment';
import { practiceInput } from './practice.testkit';
import { practiceAttachmentFiles, practiceAttachments, practiceVersions } from './schema';

const BOUNDARY = 'practices-test-boundary';
function filePayload(fileName: string, content: Buffer) {
  const parts = [
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('practices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  const create = async (role: 'teacher' | 'orgAdmin' | 'otherOrgAdmin', overrides = {}) => {
    const organizationId = role === 'otherOrgAdmin' ? t.fixtures.otherOrganizationId : t.fixtures.ownOrganizationId;
    const response = await t.call('POST', '/api/practices', { session: await t.signIn(role), body: practiceInput(organizationId, overrides) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };

  it('a teacher drafts a practice, submits it, the head publishes it; a draft is hidden from outsiders and anonymous callers', async () => {
    const teacher = await t.signIn('teacher');
    const practice = await create('teacher', { title: 'Сетевые проекты с филиальными школами' });
    expect(practice).toMatchObject({ state: 'draft', published: null, canEdit: true, canPublish: false, reviewStatus: 'none', reviewScore: null });
    expect(practice.working).toMatchObject({ number: 1, state: 'draft', title: 'Сетевые проекты с филиальными школами' });
    expect(practice.authors).toEqual([{ userId: t.fixtures.actors.teacher!.userId, name: expect.any(String) }]);

    for (const session of [null, await t.signIn('otherOrgAdmin'), await t.signIn('expert')]) {
      expect((await t.call('GET', `/api/practices/${practice.id}`, { session })).statusCode).toBe(404);
    }
    const library = await t.call('GET', '/api/practices?q=филиальными');
    expect(library.json().items.map((i: { id: string }) => i.id)).not.toContain(practice.id);

    const submitted = await t.call('POST', `/api/practices/${practice.id}/submit`, { session: teacher, body: { version: practice.version } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'submitted', working: { state: 'submitted' } });

    const refused = await t.call('POST', `/api/practices/${practice.id}/publish`, { session: teacher, body: { version: submitted.json().version } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('руководители');

    const published = await t.call('POST', `/api/practices/${practice.id}/publish`, { session: await t.signIn('orgAdmin'), body: { version: submitted.json().version } });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ state: 'published', working: null, published: { number: 1, state: 'published' } });

    const anonymous = await t.call('GET', `/api/practices/${practice.id}`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toMatchObject({ versions: [], working: null, canEdit: false, published: { title: 'Сетевые проекты с филиальными школами' } });
    expect(anonymous.json().authors[0].userId).toBeNull();
    const actions = (await t.handle.db.select({ action: auditEntries.action }).from(auditEntries).where(eq(auditEntries.entityId, practice.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['practice.created', 'practice.submitted', 'practice.published']));
  });

  it('editing a published practice drafts version 2 while version 1 stays readable; publishing 2 supersedes 1 and keeps it', async () => {
    const head = await t.signIn('orgAdmin');
    const practice = await create('orgAdmin', { title: 'Здоровьесберегающие технологии на уроке' });
    const v1 = (await t.call('POST', `/api/practices/${practice.id}/publish`, { session: head, body: { version: practice.version } })).json();
    const v1Id = v1.published.id;

    const edited = await t.call('PATCH', `/api/practices/${practice.id}`, { session: head, body: { version: v1.version, title: 'Здоровьесберегающие технологии: вторая редакция' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ state: 'published', published: { id: v1Id, title: 'Здоровьесберегающие технологии на уроке' }, working: { number: 2, state: 'draft' } });
    // Everyone else still reads version 1.
    expect((await t.call('GET', `/api/practices/${practice.id}`)).json().published.title).toBe('Здоровьесберегающие технологии на уроке');

    const stale = await t.call('PATCH', `/api/practices/${practice.id}`, { session: head, body: { version: v1.version, title: 'Устаревшая правка практики' } });
    expect(stale.statusCode).toBe(409);

    const v2 = (await t.call('POST', `/api/practices/${practice.id}/publish`, { session: head, body: { version: edited.json().version } })).json();
    expect(v2.published).toMatchObject({ number: 2, title: 'Здоровьесберегающие технологии: вторая редакция' });
    expect(v2.versions.map((v: { number: number; state: string }) => [v.number, v.state])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    // Version 1 stays readable by its id to the school; to everyone else only the published one exists.
    expect((await t.call('GET', `/api/practices/${practice.id}/versions/${v1Id}`, { session: head })).json()).toMatchObject({ number: 1, state: 'superseded' });
    expect((await t.call('GET', `/api/practices/${practice.id}/versions/${v1Id}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/practices/${practice.id}/versions/${v2.published.id}`)).json()).toMatchObject({ number: 2, state: 'published' });
    const [kept] = await t.handle.db.select().from(practiceVersions).where(eq(practiceVersions.id, v1Id));
    expect(kept.title).toBe('Здоровьесберегающие технологии на уроке');
  });

  it('a submitted version is never rewritten: an edit drafts a new one', async () => {
    const teacher = await t.signIn('teacher');
    const practice = await create('teacher');
    const submitted = (await t.call('POST', `/api/practices/${practice.id}/submit`, { session: teacher, body: { version: practice.version } })).json();
    const edited = (await t.call('PATCH', `/api/practices/${practice.id}`, { session: teacher, body: { version: submitted.version, problem: 'Новая формулировка проблемы' } })).json();
    expect(edited).toMatchObject({ state: 'draft', working: { number: 2, state: 'draft', problem: 'Новая формулировка проблемы' } });
    const [first] = await t.handle.db.select().from(practiceVersions).where(eq(practiceVersions.id, submitted.working.id));
    expect(first).toMatchObject({ state: 'superseded', problem: 'Ученики малокомплектных школ не участвуют в проектах' });
  });

  it('refuses bad input in Russian and a stranger as an author', async () => {
    const session = await t.signIn('orgAdmin');
    const bad = await t.call('POST', '/api/practices', { session, body: { ...practiceInput(t.fixtures.ownOrganizationId), levels: [], conditions: [{ category: 'money', text: 'Деньги' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { message: string }) => e.message)).toEqual(expect.arrayContaining(['Укажите хотя бы один уровень', 'Неизвестная категория ресурса']));
    const stranger = await t.call('POST', '/api/practices', { session, body: practiceInput(t.fixtures.ownOrganizationId, { authors: [{ userId: t.fixtures.actors.otherOrgAdmin!.userId }] }) });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0].field).toBe('authors');
    const named = await t.call('POST', '/api/practices', { session, body: practiceInput(t.fixtures.ownOrganizationId, { authors: [{ name: 'Иванова М. П.' }] }) });
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json().authors).toEqual([{ userId: null, name: 'Иванова М. П.' }]);
  });

  it('an archived practice leaves the library but stays with its organisation', async () => {
    const head = await t.signIn('orgAdmin');
    const practice = await create('orgAdmin');
    const published = (await t.call('POST', `/api/practices/${practice.id}/publish`, { session: head, body: { version: practice.version } })).json();
    const archived = await t.call('POST', `/api/practices/${practice.id}/archive`, { session: head, body: { version: published.version } });
    expect(archived.json().state).toBe('archived');
    expect((await t.call('GET', `/api/practices/${practice.id}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/practices/${practice.id}`, { session: await t.signIn('teacher') })).statusCode).toBe(200);
  });

  describe('attachments', () => {
    let practiceId: string;
    const counts = async () => ({
      attachments: (await t.handle.db.select({ id: practiceAttachments.id }).from(practiceAttachments)).length,
      files: (await t.handle.db.select({ id: practiceAttachmentFiles.attachmentId }).from(practiceAttachmentFiles)).length,
    });
    const upload = async (fileName: string, content: Buffer) => {
      const session = await t.signIn('orgAdmin');
      const { payload, headers } = filePayload(fileName, content);
      return t.app.inject({ method: 'POST', url: `/api/practices/${practiceId}/attachments/files`, payload, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
    };
    beforeAll(async () => {
      const practice = await create('orgAdmin');
      practiceId = (await t.call('POST', `/api/practices/${practice.id}/publish`, { session: await t.signIn('orgAdmin'), body: { version: practice.version } })).json().id;
    });

    it('uploads a file that everyone may download as an attachment; adds links and videos', async () => {
      const response = await upload('Программа стажировки.pdf', pdf);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ kind: 'file', title: 'Программа стажировки', contentType: 'application/pdf', byteSize: pdf.length });
      const file = await t.call('GET', response.json().url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.rawPayload.equals(pdf)).toBe(true);
      const video = await t.call('POST', `/api/practices/${practiceId}/attachments`, { session: await t.signIn('orgAdmin'), body: { kind: 'video', title: 'Открытый урок', url: 'https://rutube.ru/video/42/' } });
      expect(video.statusCode, video.body).toBe(201);
      const card = (await t.call('GET', `/api/practices/${practiceId}`)).json();
      expect(card.attachments.map((a: { kind: string }) => a.kind)).toEqual(['file', 'video']);
    });

    it('a 60 MB file and an executable get a Russian problem and change nothing', async () => {
      const before = await counts();
      const big = await upload('отчёт.pdf', Buffer.concat([pdf, Buffer.alloc(60 * 1024 * 1024)]));
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ title: 'Файл слишком большой' });
      expect(big.json().detail).toContain(`${attachmentLimits.bytes / 1024 / 1024} МБ`);
      const exe = await upload('setup.exe', Buffer.from('MZ\x90\x00\x03 this program cannot be run in DOS mode'));
      expect(exe.statusCode).toBe(400);
      expect(exe.json().detail).toContain('Файлы такого типа не принимаются');
      const renamed = await upload('программа.pdf', Buffer.from('MZ\x90\x00\x03 this program cannot be run in DOS mode'));
      expect(renamed.statusCode).toBe(400);
      expect(renamed.json().detail).toContain('не похоже на .pdf');
      expect(await counts()).toEqual(before);
    });
  });

  describe('library search', () => {
    beforeAll(async () => {
      const head = await t.signIn('otherOrgAdmin');
      for (const overrides of [
        { title: 'Робототехника для сельских школ', direction: 'Информатизация образования', levels: ['primary', 'basic'], tags: ['робототехника'] },
        { title: 'Школьная служба примирения', direction: 'Воспитательная работа', levels: ['basic'], audiences: ['students', 'parents'], description: 'Проектной деятельностью занимаются медиаторы из числа старшеклассников и родителей.' },
      ]) {
        const practice = await create('otherOrgAdmin', overrides);
        await t.call('POST', `/api/practices/${practice.id}/publish`, { session: head, body: { version: practice.version } });
      }
    });

    it('finds word forms and typos, highlights the words, counts facets', async () => {
      const forms = (await t.call('GET', `/api/practices?q=${encodeURIComponent('проектная деятельность')}`)).json();
      const titles = forms.items.map((i: { title: string }) => i.title);
      expect(titles).toContain('Школьная служба примирения');
      const typo = (await t.call('GET', `/api/practices?q=${encodeURIComponent('робототехнка')}`)).json();
      expect(typo.items[0].title).toBe('Робототехника для сельских школ');
      expect(typo.items[0].highlight.title.some((s: { match?: boolean }) => s.match)).toBe(true);
      const all = (await t.call('GET', '/api/practices?level=basic')).json();
      const directions = Object.fromEntries(all.facets.direction.map((f: { value: string; count: number }) => [f.value, f.count]));
      expect(directions['Воспитательная работа']).toBe(1);
      expect(all.facets.review).toEqual([{ value: 'none', count: all.total }]);
      const parents = (await t.call('GET', '/api/practices?audience=parents')).json();
      expect(parents.items.map((i: { title: string }) => i.title)).toEqual(['Школьная служба примирения']);
      const municipality = (await t.call('GET', `/api/practices?municipalityId=${t.fixtures.otherMunicipalityId}`)).json();
      expect(municipality.total).toBe(2);
      // The municipality facet names its places: a person picks a name, never an id.
      const place = municipality.facets.municipality.find((f: { value: string }) => f.value === t.fixtures.otherMunicipalityId);
      expect(place).toMatchObject({ count: 2, label: expect.any(String) });
      expect(place.label).not.toBe(place.value);
    });

    it('"mine" lists the drafts of the caller\'s organisation, never anybody else\'s', async () => {
      const draft = await create('teacher', { title: 'Черновик учителя про наставничество' });
      const mine = (await t.call('GET', '/api/practices?scope=mine&pageSize=50', { session: await t.signIn('orgAdmin') })).json();
      expect(mine.items.map((i: { id: string }) => i.id)).toContain(draft.id);
      const theirs = (await t.call('GET', '/api/practices?scope=mine&pageSize=50', { session: await t.signIn('otherOrgAdmin') })).json();
      expect(theirs.items.map((i: { id: string }) => i.id)).not.toContain(draft.id);
    });
  });
});
