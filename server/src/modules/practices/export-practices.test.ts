import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { readPdf, squeeze, unzip } from '../documents/export-readers.testkit';
import { networkMembers, networks } from '../networks/schema';
import { insertPractice } from './practice.testkit';

describe('practices: export of a card and of collections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  const pdfText = (payload: Buffer) => {
    expect(payload.subarray(0, 4).toString()).toBe('%PDF');
    return readPdf(payload);
  };

  it('a card as DOCX and PDF says what the card says; a draft is exported only to those who work on it', async () => {
    const published = await insertPractice(t, t.fixtures.ownOrganizationId, {
      publish: true,
      input: { title: 'Шахматный всеобуч в начальной школе', description: 'Уроки шахмат раз в неделю во всех вторых классах сети.', tags: ['шахматы'] },
    });
    const docx = await t.call('GET', `/api/practices/${published.id}/export?format=docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('Шахматный всеобуч в начальной школе'));
    const xml = unzip(docx.rawPayload).get('word/document.xml')!.toString('utf8');
    for (const text of ['Шахматный всеобуч в начальной школе', 'Уроки шахмат раз в неделю', 'Кадровые: Наставник в каждой школе', 'Не оценивалась']) expect(xml).toContain(text);

    const pdf = await t.call('GET', `/api/practices/${published.id}/export?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = squeeze(pdfText(pdf.rawPayload).text);
    for (const part of ['Шахматный всеобуч в начальной школе', 'Описание', 'Уроки шахмат раз в неделю', 'Доля учеников с проектами']) expect(text).toContain(squeeze(part));

    const draft = await insertPractice(t, t.fixtures.ownOrganizationId, { input: { title: 'Черновик про шахматы для экспорта' } });
    for (const session of [null, await t.signIn('otherOrgAdmin')]) {
      expect((await t.call('GET', `/api/practices/${draft.id}/export?format=pdf`, { session })).statusCode).toBe(404);
    }
    const own = await t.call('GET', `/api/practices/${draft.id}/export?format=docx`, { session: await t.signIn('teacher') });
    expect(own.statusCode).toBe(200);
    expect(unzip(own.rawPayload).get('word/document.xml')!.toString('utf8')).toContain('Черновик про шахматы для экспорта');

    const bad = await t.call('GET', `/api/practices/${published.id}/export?format=odt`);
    expect(bad.statusCode).toBe(400);
  });

  it('the library search result is one PDF with a table of contents of what was found, and nothing the caller may not see', async () => {
    const titles = ['Сетевой лагерь юных астрономов', 'Астрономическая обсерватория на крыше школы'];
    for (const title of titles) await insertPractice(t, t.fixtures.otherOrganizationId, { publish: true, input: { title, tags: ['астрономия'] } });
    await insertPractice(t, t.fixtures.ownOrganizationId, { input: { title: 'Черновик астрономического кружка', tags: ['астрономия'] } });
    await insertPractice(t, t.fixtures.ownOrganizationId, { publish: true, input: { title: 'Лыжная секция без астрономии', tags: ['лыжи'], direction: 'Здоровьесбережение' } });

    const response = await t.call('GET', `/api/practices/export.pdf?q=${encodeURIComponent('астрономия')}&direction=${encodeURIComponent('Информатизация образования')}`);
    expect(response.statusCode, response.body).toBe(200);
    const pdf = pdfText(response.rawPayload);
    const contents = squeeze(pdf.pages[0]);
    expect(contents).toContain(squeeze('Подборка практик'));
    expect(contents).toContain(squeeze('Содержание (2)'));
    for (const title of titles) {
      expect(contents, 'a TOC entry per practice').toContain(squeeze(title));
      expect(pdf.pages.slice(1).some((page) => squeeze(page).startsWith(squeeze(title))), `${title} opens a page`).toBe(true);
    }
    expect(squeeze(pdf.text)).not.toContain(squeeze('Черновик астрономического кружка'));
    expect(squeeze(pdf.text)).not.toContain(squeeze('Лыжная секция'));

    // «Mine» for a stranger to the draft: still not there; for the draft's own teacher: there.
    const stranger = await t.call('GET', `/api/practices/export.pdf?scope=mine&q=${encodeURIComponent('астрономия')}`, { session: await t.signIn('otherOrgAdmin') });
    expect(squeeze(pdfText(stranger.rawPayload).text)).not.toContain(squeeze('Черновик астрономического кружка'));
    const mine = await t.call('GET', `/api/practices/export.pdf?scope=mine&q=${encodeURIComponent('астрономия')}`, { session: await t.signIn('teacher') });
    expect(squeeze(pdfText(mine.rawPayload).pages[0])).toContain(squeeze('Черновик астрономического кружка'));
  });

  it("a network's practices: published practices of its active members, with contents; a hidden network answers 404", async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Сеть школ робототехники' });
    const member = await insertPractice(t, t.fixtures.ownOrganizationId, { publish: true, input: { title: 'Робототехника в пятых классах' } });
    await insertPractice(t, t.fixtures.ownOrganizationId, { input: { title: 'Черновик о роботах' } });
    const leaver = await insertPractice(t, t.fixtures.otherOrganizationId, { publish: true, input: { title: 'Роботы школы, что вышла из сети' } });
    await t.handle.db
      .update(networkMembers)
      .set({ state: 'left' })
      .where(and(eq(networkMembers.networkId, network.id), eq(networkMembers.organizationId, t.fixtures.otherOrganizationId)));

    const response = await t.call('GET', `/api/networks/${network.id}/practices/export.pdf`, { session: await t.signIn('orgAdmin') });
    expect(response.statusCode, response.body).toBe(200);
    const pdf = pdfText(response.rawPayload);
    expect(squeeze(pdf.pages[0])).toContain(squeeze('Практики сети «Сеть школ робототехники»'));
    expect(squeeze(pdf.pages[0])).toContain(squeeze(member.published!.title));
    expect(squeeze(pdf.text)).not.toContain(squeeze('Черновик о роботах'));
    expect(squeeze(pdf.text)).not.toContain(squeeze(leaver.published!.title));

    await t.handle.db.update(networks).set({ visibility: 'members' }).where(eq(networks.id, network.id));
    expect((await t.call('GET', `/api/networks/${network.id}/practices/export.pdf`)).statusCode).toBe(404);
  });
});
