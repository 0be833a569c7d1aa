import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { networkMembers, networks } from '../networks/schema';
import { insertPractice } from './practice.testkit';
import { practices } from './schema';

/**
 * The library's list on a small hand-made fixture: five published practices and a draft, two schools in two
 * municipalities, a public network of the first school, a members-only one of the second, and an invitation that is
 * no membership. Every count below is counted by hand from this table:
 *
 *   practice  school(s)  direction        levels            review           adopted  published
 *   A         own        Информатизация   basic             reviewed 90      3        2026-01-05
 *   B         own        Информатизация   primary           in_review        1        2026-01-04
 *   C         other      Воспитательная   basic, secondary  reviewed 40      0        2026-01-03
 *   D         other      Воспитательная   secondary         none             5        2026-01-02
 *   E         both       Здоровье         primary           none             0        2026-01-01
 */
describe('the library list: sorts, keyset pages, facets', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let openNetwork: string;
  let closedNetwork: string;
  let invitingNetwork: string;

  beforeAll(async () => {
    t = await openTestApp();
    const { ownOrganizationId: own, otherOrganizationId: other } = t.fixtures;
    const rows = [
      { name: 'A', orgs: [own], direction: 'Информатизация образования', levels: ['basic'], review: { reviewStatus: 'reviewed', reviewScore: 90 }, adopted: 3, day: 5, title: 'Робототехника в базовой школе' },
      { name: 'B', orgs: [own], direction: 'Информатизация образования', levels: ['primary'], review: { reviewStatus: 'in_review' }, adopted: 1, day: 4, title: 'Цифровая лаборатория начальной школы' },
      { name: 'C', orgs: [other], direction: 'Воспитательная работа', levels: ['basic', 'secondary'], review: { reviewStatus: 'reviewed', reviewScore: 40 }, adopted: 0, day: 3, title: 'Школьная служба примирения' },
      { name: 'D', orgs: [other], direction: 'Воспитательная работа', levels: ['secondary'], review: {}, adopted: 5, day: 2, title: 'Совет старшеклассников' },
      { name: 'E', orgs: [own, other], direction: 'Здоровьесбережение', levels: ['primary'], review: {}, adopted: 0, day: 1, title: 'Здоровьесберегающая перемена' },
    ] as const;
    for (const row of rows) {
      const practice = await insertPractice(t, row.orgs[0], { publish: true, input: { organizationIds: [...row.orgs], direction: row.direction, levels: [...row.levels], title: row.title } });
      await t.handle.db
        .update(practices)
        .set({ ...row.review, adoptionCount: row.adopted, publishedAt: new Date(`2026-01-0${row.day}T10:00:00.123456Z`) })
        .where(eq(practices.id, practice.id));
      ids[row.name] = practice.id;
    }
    await insertPractice(t, own, { input: { title: 'Черновик, которого нет в библиотеке' } });
    const network = async (name: string, visibility: 'public' | 'members', organizationId: string, state: 'active' | 'invited') => {
      const [created] = await t.handle.db.insert(networks).values({ name, kind: 'district', municipalityIds: [t.fixtures.municipalityId], managingOrganizationId: organizationId, visibility }).returning();
      await t.handle.db.insert(networkMembers).values({ networkId: created.id, organizationId, role: 'member', state });
      return created.id;
    };
    openNetwork = await network('Открытая сеть первой школы', 'public', own, 'active');
    closedNetwork = await network('Закрытая сеть второй школы', 'members', other, 'active');
    invitingNetwork = await network('Сеть, куда вторую школу только пригласили', 'public', other, 'invited');
  });
  afterAll(() => t.close());

  const list = async (query: string, session: Awaited<ReturnType<TestApp['signIn']>> | null = null) => {
    const response = await t.call('GET', `/api/practices?${query}`, { session });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const names = (items: { id: string }[]) => items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id));
  const counts = (facet: { value: string; count: number }[]) => Object.fromEntries(facet.map((f) => [f.value, f.count]));

  it('orders by date, by rating (never reviewed last, not as zero) and by adoptions', async () => {
    expect(names((await list('sort=date')).items)).toEqual(['A', 'B', 'C', 'D', 'E']);
    const rated = await list('sort=rating');
    expect(names(rated.items)).toEqual(['A', 'C', 'B', 'D', 'E']);
    expect(rated.items.map((i: { reviewScore: number | null }) => i.reviewScore)).toEqual([90, 40, null, null, null]);
    expect(names((await list('sort=adoptions')).items)).toEqual(['D', 'A', 'B', 'C', 'E']);
    // Without a query, relevance is the date order.
    expect(names((await list('')).items)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('counts every facet in the same answer, each ignoring its own choice; hidden networks and invitations are not counted', async () => {
    const all = await list('');
    expect(all.total).toBe(5);
    expect(counts(all.facets.direction)).toEqual({ 'Информатизация образования': 2, 'Воспитательная работа': 2, Здоровьесбережение: 1 });
    expect(counts(all.facets.level)).toEqual({ basic: 2, primary: 2, secondary: 2 });
    expect(counts(all.facets.review)).toEqual({ none: 2, in_review: 1, reviewed: 2 });
    expect(counts(all.facets.adoptions)).toEqual({ none: 2, few: 1, many: 2 });
    expect(counts(all.facets.municipality)).toEqual({ [t.fixtures.municipalityId]: 3, [t.fixtures.otherMunicipalityId]: 3 });
    expect(all.facets.network).toEqual([{ value: openNetwork, label: 'Открытая сеть первой школы', count: 3 }]);

    const operator = await list('', await t.signIn('operator'));
    expect(counts(operator.facets.network)).toEqual({ [openNetwork]: 3, [closedNetwork]: 3 });
    expect(counts(operator.facets.network)).not.toHaveProperty(invitingNetwork);

    const basic = await list('level=basic');
    expect(basic.total).toBe(2);
    expect(counts(basic.facets.level)).toEqual({ basic: 2, primary: 2, secondary: 2 });
    expect(counts(basic.facets.direction)).toEqual({ 'Информатизация образования': 1, 'Воспитательная работа': 1 });
    expect(counts(basic.facets.review)).toEqual({ reviewed: 2 });
    expect(counts(basic.facets.network)).toEqual({ [openNetwork]: 1 });

    const reviewed = await list('review=reviewed&adoptions=many');
    expect(names(reviewed.items)).toEqual(['A']);
    expect(counts(reviewed.facets.review)).toEqual({ reviewed: 1, none: 1 });
    expect(counts(reviewed.facets.adoptions)).toEqual({ many: 1, none: 1 });
  });

  it('filters by a visible network only: a members-only network finds nothing for an outsider', async () => {
    expect(names((await list(`networkId=${openNetwork}`)).items)).toEqual(['A', 'B', 'E']);
    expect((await list(`networkId=${closedNetwork}`)).total).toBe(0);
    expect(names((await list(`networkId=${closedNetwork}`, await t.signIn('otherOrgAdmin'))).items)).toEqual(['C', 'D', 'E']);
    expect((await list(`networkId=${invitingNetwork}`)).total).toBe(0);
  });

  it('pages forwards and back by cursor in every order, and by page number', async () => {
    for (const [sort, order] of [
      ['date', ['A', 'B', 'C', 'D', 'E']],
      ['rating', ['A', 'C', 'B', 'D', 'E']],
      ['adoptions', ['D', 'A', 'B', 'C', 'E']],
    ] as const) {
      const first = await list(`sort=${sort}&pageSize=2`);
      expect([names(first.items), first.page, first.previous]).toEqual([order.slice(0, 2), 1, null]);
      const second = await list(`sort=${sort}&pageSize=2&cursor=${first.next}`);
      expect([names(second.items), second.page]).toEqual([order.slice(2, 4), 2]);
      const third = await list(`sort=${sort}&pageSize=2&cursor=${second.next}`);
      expect([names(third.items), third.page, third.next]).toEqual([order.slice(4), 3, null]);
      const back = await list(`sort=${sort}&pageSize=2&cursor=${third.previous}`);
      expect([names(back.items), back.page]).toEqual([order.slice(2, 4), 2]);
      const start = await list(`sort=${sort}&pageSize=2&cursor=${back.previous}`);
      expect([names(start.items), start.page, start.previous]).toEqual([order.slice(0, 2), 1, null]);
      const numbered = await list(`sort=${sort}&pageSize=2&page=2`);
      expect([names(numbered.items), numbered.page, names((await list(`sort=${sort}&pageSize=2&cursor=${numbered.previous}`)).items)]).toEqual([order.slice(2, 4), 2, order.slice(0, 2)]);
    }
  });

  it('pages a search by relevance with cursors: the best tier first, then the newest', async () => {
    const query = `q=${encodeURIComponent('школа')}&pageSize=1`;
    const first = await list(query);
    const found = [first.items[0].id];
    let cursor = first.next;
    while (cursor) {
      const page = await list(`${query}&cursor=${cursor}`);
      found.push(page.items[0].id);
      cursor = page.next;
    }
    expect(found).toHaveLength(first.total);
    expect(new Set(found).size).toBe(found.length);
    const typo = await list(`q=${encodeURIComponent('робототехнка')}`);
    expect(names(typo.items)).toEqual(['A']);
  });

  it('refuses a broken cursor, a cursor of another order and a cursor with a page number, in Russian', async () => {
    const date = await list('sort=date&pageSize=2');
    for (const query of ['cursor=not-a-cursor', `sort=rating&cursor=${date.next}`, `sort=date&page=2&cursor=${date.next}`, `cursor=${Buffer.from(JSON.stringify({ o: 'date', p: 2, a: ['вчера', 'x'] })).toString('base64url')}`]) {
      const response = await t.call('GET', `/api/practices?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().detail).toMatch(/страниц/);
    }
  });
});
