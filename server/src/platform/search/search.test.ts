import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase } from '../../../test/database';
import { type Fixtures, seedFixtures } from '../../../test/fixtures';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { listOffers } from '../../modules/inventory/list-offers';
import { resourceOffers } from '../../modules/inventory/schema';
import { listOrganizations } from '../../modules/organizations/list-organizations';
import { organizations } from '../../modules/organizations/schema';
import { listProgrammes } from '../../modules/programmes/list-programmes';
import { programmes } from '../../modules/programmes/schema';
import type { DatabaseHandle } from '../db/client';
import type { CommandContext } from '../context';

/** The three catalogues on one small region, on the engine the suite runs on (PGlite, or PostgreSQL with TEST_DATABASE_URL). */
describe('search shared by the registry, the resource catalogue and the programme catalogue', () => {
  let handle: DatabaseHandle;
  let fixtures: Fixtures;
  let context: CommandContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await openTestDatabase();
    fixtures = await seedFixtures(handle.db);
    context = { db: handle.db, actor: null, ip: null };
    const organisation = (key: string, shortName: string, fullName: string, more: Partial<typeof organizations.$inferInsert> = {}) => ({
      key,
      row: { kind: 'school' as const, shortName, fullName, sortKey: russianSortKey(shortName), municipalityId: fixtures.municipalityId, ...more },
    });
    const rows = [
      organisation('lyceum1', 'Лицей № 1', 'Муниципальное автономное общеобразовательное учреждение «Лицей № 1»', { kind: 'lyceum' }),
      organisation('lyceum5', 'Лицей № 5', 'МАОУ «Лицей № 5»', { kind: 'lyceum', address: 'ул. Лицейская, 3' }),
      organisation('library', 'Библиотека № 2', 'Центральная детская библиотека', { kind: 'library', address: 'ул. Школьная, 12' }),
      organisation('museum', 'Краеведческий музей', 'Краеведческий музей', { kind: 'museum', description: 'Экскурсии для школьников и учителей школы' }),
      organisation('garden', 'Детский сад № 7', 'Детский сад № 7 «Ромашка»', { kind: 'preschool' }),
      organisation('gymnasium', 'Гимназия № 49', 'Гимназия № 49', { kind: 'gymnasium', address: 'ул. Школьная, 1' }),
      organisation('citt', 'ЦИТТ', 'Центр инновационного и технического творчества', { kind: 'supplementary' }),
    ];
    for (const { key, row } of rows) ids[key] = (await handle.db.insert(organizations).values(row).returning())[0].id;
    await handle.db.insert(resourceOffers).values([
      { organizationId: ids.lyceum1, category: 'facilities', title: 'Лаборатория робототехники', description: 'Наборы для уроков', tags: ['робототехника'] },
      { organizationId: ids.museum, category: 'facilities', title: 'Зал экспозиции', description: 'Занятия о робототехнике для групп', tags: [] },
      { organizationId: ids.library, category: 'facilities', title: 'Читальный зал библиотеки', description: '', tags: [] },
    ]);
    const programme = (title: string, description: string) => ({
      organizationId: ids.citt, kind: 'supplementary' as const, direction: 'technical' as const, title, description,
      startsOn: '2026-09-01', endsOn: '2027-05-31', capacity: 10, state: 'published' as const,
    });
    await handle.db.insert(programmes).values([
      programme('Робототехника для начинающих', 'Собираем роботов'),
      programme('Шахматы', 'Для учеников, увлечённых робототехникой и логикой'),
      programme('Библиотечный урок', 'Занятия в библиотеке'),
    ]);
  });
  afterAll(() => handle.close());

  const names = async (q: string) => (await listOrganizations(context, { q })).items.map((item) => item.shortName);

  it('finds every form of a word: «лицей», «лицея», «лицеев» and «лицею» find both lyceums', async () => {
    for (const q of ['лицей', 'лицея', 'лицеев', 'лицею', 'ЛИЦЕИ']) expect((await names(q)).sort(), q).toEqual(['Лицей № 1', 'Лицей № 5']);
    expect(await names('гимназии')).toEqual(['Гимназия № 49']);
    expect(await names('детского сада')).toEqual(['Детский сад № 7']);
    expect(await names('цитт')).toEqual(['ЦИТТ']);
  });

  it('forgives typos in names through the vocabulary of known words: «библиатека», «лецей», «гимнозия»', async () => {
    expect(await names('библиатека')).toEqual(['Библиотека № 2']);
    expect((await names('лецей')).sort()).toEqual(['Лицей № 1', 'Лицей № 5']);
    expect(await names('гимнозия')).toEqual(['Гимназия № 49']);
    expect(await names('абвгдейка')).toEqual([]);
  });

  it('ranks a name above a description above an address, and «школа» never reaches «ул. Школьная» by its prefix', async () => {
    const school = await listOrganizations(context, { q: 'школа' });
    // The fixtures' two schools have «школа» in their names; the museum only in its description; the library and the
    // gymnasium stand on Школьная street and are not found at all.
    expect(school.items.map((item) => item.shortName)).toEqual(['СОШ № 1', 'СОШ № 2', 'Краеведческий музей']);
    expect(school.total).toBe(3);
    const street = await names('школьная');
    expect(street.sort()).toEqual(['Библиотека № 2', 'Гимназия № 49']);
    expect(await names('лицейская')).toEqual(['Лицей № 5']);
  });

  it('orders by tier whatever the storage order: a name, then a description, then an address; a whole word before the start of one', async () => {
    // Stored worst first, so storage order alone would list them backwards.
    const add = (shortName: string, more: Partial<typeof organizations.$inferInsert>) =>
      handle.db.insert(organizations).values({ kind: 'culture', shortName, fullName: shortName, sortKey: russianSortKey(shortName), municipalityId: fixtures.municipalityId, ...more });
    await add('Дом культуры', { address: 'пр. Глобус, 4' });
    await add('Клуб путешественников', { description: 'В холле стоит большой глобус' });
    await add('Центр «Глобус»', {});
    expect(await names('глобус')).toEqual(['Центр «Глобус»', 'Клуб путешественников', 'Дом культуры']);
    expect(await names('глобуса')).toEqual(['Центр «Глобус»', 'Клуб путешественников', 'Дом культуры']);
    // A two-letter word is in no vocabulary, so it is also the start of longer words — after the rows that have it whole.
    await add('ДКМ «Юность»', {});
    await add('ДК «Радуга»', {});
    expect(await names('дк')).toEqual(['ДК «Радуга»', 'ДКМ «Юность»']);
  });

  it('orders by rank only when there is a query and by name when asked, and narrows while a person types', async () => {
    expect(await names('библ')).toEqual(['Библиотека № 2']);
    expect((await listOrganizations(context, { q: 'лицей', sort: 'name' })).items.map((i) => i.shortName)).toEqual(['Лицей № 1', 'Лицей № 5']);
    const all = (await listOrganizations(context, {})).items.map((i) => i.shortName);
    expect(all).toEqual([...all].sort((a, b) => (russianSortKey(a) < russianSortKey(b) ? -1 : 1)));
    expect(await names('на')).toEqual([]);
  });

  it('marks the found words of a page as fragments, never as HTML', async () => {
    const found = await listOrganizations(context, { q: 'лицея' });
    const lyceum5 = found.items.find((item) => item.id === ids.lyceum5)!;
    expect(lyceum5.highlight?.shortName).toEqual([
      { text: 'Лицей', match: true },
      { text: ' № 5', match: false },
    ]);
    expect(lyceum5.highlight?.address).toEqual([{ text: 'ул. Лицейская, 3', match: false }]);
    const typo = (await listOrganizations(context, { q: 'библиатека' })).items[0];
    expect(typo.highlight?.fullName).toEqual([
      { text: 'Центральная детская ', match: false },
      { text: 'библиотека', match: true },
    ]);
    expect((await listOrganizations(context, {})).items[0]).not.toHaveProperty('highlight');
  });

  it('serves the resource catalogue and the programme catalogue with the same search and marks', async () => {
    const offers = await listOffers(context, { q: 'робототехнику' });
    expect(offers.items.map((item) => item.title)).toEqual(['Лаборатория робототехники', 'Зал экспозиции']);
    expect(offers.items[0].highlight?.title).toEqual([
      { text: 'Лаборатория ', match: false },
      { text: 'робототехники', match: true },
    ]);
    expect((await listOffers(context, { q: 'библиатеки' })).items.map((item) => item.title)).toEqual(['Читальный зал библиотеки']);

    const catalogue = await listProgrammes(context, { q: 'робототехника' });
    expect(catalogue.items.map((item) => item.title)).toEqual(['Робототехника для начинающих', 'Шахматы']);
    expect(catalogue.items[0].highlight?.title).toEqual([
      { text: 'Робототехника', match: true },
      { text: ' для начинающих', match: false },
    ]);
    expect((await listProgrammes(context, { q: 'библиатека' })).items.map((item) => item.title)).toEqual(['Библиотечный урок']);
  });

  it('keeps the vocabulary and the vectors current when a name changes', async () => {
    // A typo asked before any row has a similar word: read again next time (not remembered), so it finds the new name.
    expect(await names('квантариум')).toEqual([]);
    await handle.db.update(organizations).set({ shortName: 'Кванториум', fullName: 'Детский технопарк «Кванториум»' }).where(eq(organizations.id, ids.citt));
    expect(await names('кванториума')).toEqual(['Кванториум']);
    expect(await names('квантариум')).toEqual(['Кванториум']);
  });
});
