import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../test/database';
import { type Fixtures, seedFixtures } from '../../../test/fixtures';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import type { CommandContext } from '../../platform/context';
import type { DatabaseHandle } from '../../platform/db/client';
import { listOrganizations } from './list-organizations';
import { organizations } from './schema';

/**
 * The registry's pages and totals on more rows than a page (on the engine the suite runs on): a page read from the
 * order's index is the page plain OFFSET gives, a search's pages are the whole result once, and a total above the
 * exact-count threshold (lowered here instead of inserting thousands of rows) says it is an estimate.
 */
describe('registry pages and totals', () => {
  let handle: DatabaseHandle;
  let fixtures: Fixtures;
  let context: CommandContext;

  beforeAll(async () => {
    handle = await openTestDatabase();
    fixtures = await seedFixtures(handle.db);
    context = { db: handle.db, actor: null, ip: null };
    // Names out of alphabetical order, so storage order and name order differ; every fifth one archived.
    const rows = Array.from({ length: 47 }, (_, i) => {
      const shortName = `${['Школа', 'Гимназия', 'Лицей'][i % 3]} № ${(i * 37) % 101}`;
      return {
        kind: (['school', 'gymnasium', 'lyceum'] as const)[i % 3],
        shortName,
        fullName: `МАОУ «${shortName}»`,
        sortKey: russianSortKey(shortName),
        municipalityId: fixtures.municipalityId,
        state: i % 5 === 4 ? ('archived' as const) : ('verified' as const),
      };
    });
    await handle.db.insert(organizations).values(rows);
  });
  afterAll(() => handle.close());

  /** What plain OFFSET over the whole order returns: the reference the index-read pages must equal. */
  async function byOffset(where: ReturnType<typeof sql>, limit: number, offset: number) {
    const result = (await handle.db.execute(
      sql`select id from organizations where state <> 'archived' and ${where} order by sort_key collate "C", id limit ${limit} offset ${offset}`,
    )) as unknown as { rows: { id: string }[] };
    return result.rows.map((row) => row.id);
  }

  it('reads every page, with or without a filter, as plain OFFSET over the whole order would', async () => {
    for (const [filter, where] of [
      [{}, sql`true`],
      [{ kind: 'gymnasium' as const }, sql`kind = 'gymnasium'`],
      [{ municipalityId: fixtures.municipalityId }, sql`municipality_id = ${fixtures.municipalityId}`],
    ] as const) {
      for (const page of [1, 2, 3, 8]) {
        const listed = await listOrganizations(context, { ...filter, sort: 'name', page, pageSize: 5 });
        expect(listed.items.map((item) => item.id), `${JSON.stringify(filter)} page ${page}`).toEqual(await byOffset(where, 5, (page - 1) * 5));
      }
    }
    const first = (await listOrganizations(context, { pageSize: 3 })).items[0];
    expect(first).toHaveProperty('municipalityName');
    expect(first).not.toHaveProperty('searchVector');
    expect(first).not.toHaveProperty('sortKey');
  });

  it('pages through a search by tiers once: every found row on exactly one page, in the same order each time', async () => {
    const all = await listOrganizations(context, { q: 'маоу', pageSize: 100 });
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(30);
    const paged = [];
    for (let page = 1; page <= 8; page++) paged.push(...(await listOrganizations(context, { q: 'маоу', page, pageSize: 5 })).items.map((item) => item.id));
    expect(paged).toEqual(all.items.map((item) => item.id));
    // Every one of them says «МАОУ» in its name (one tier), and a find this small is in name order within it.
    expect(all.items.map((item) => item.id)).toEqual(await byOffset(sql`full_name like 'МАОУ%'`, 100, 0));
  });

  it('leaves a find above the threshold unsorted, yet still shows every found row on exactly one page', async () => {
    const all = await listOrganizations(context, { q: 'маоу', pageSize: 100 }, 10);
    expect(all.totalIsEstimate).toBe(true);
    const paged = [];
    for (let page = 1; page <= 8; page++) paged.push(...(await listOrganizations(context, { q: 'маоу', page, pageSize: 5 }, 10)).items.map((item) => item.id));
    expect(paged).toEqual(all.items.map((item) => item.id));
    expect(new Set(paged).size).toBe(all.items.length);
  });

  it('pages a find surely above the threshold by reading only each page, every found row on exactly one page', async () => {
    // Some 38 found rows against a threshold of 3: once analysed, the planner puts them at well over three times the
    // threshold, so nothing is counted and the total is its estimate from the first page on.
    await handle.db.execute(sql`analyze organizations`);
    const all = await listOrganizations(context, { q: 'маоу', pageSize: 100 });
    const paged = [];
    const lastPage = Math.ceil(all.total / 5);
    for (let page = 1; page <= lastPage; page++) {
      const listed = await listOrganizations(context, { q: 'маоу', page, pageSize: 5 }, 3);
      paged.push(...listed.items.map((item) => item.id));
      if (listed.items.length === 5) {
        expect(listed.totalIsEstimate).toBe(true);
        expect(listed.total).toBeGreaterThanOrEqual(30);
      } else {
        // The short last page knows the total: the rows before it and on it.
        expect(listed).toMatchObject({ total: all.total, totalIsEstimate: false });
      }
    }
    expect(all.total % 5).not.toBe(0); // so the last page is short and its total exact
    expect(new Set(paged)).toEqual(new Set(all.items.map((item) => item.id)));
    expect(paged).toHaveLength(all.total);
  });

  it('counts exactly up to the threshold and estimates above it, saying so', async () => {
    const exact = await listOrganizations(context, { kind: 'lyceum' }, 100);
    expect(exact).toMatchObject({ total: 12, totalIsEstimate: false }); // 15 lyceums, 3 of them archived
    expect(await listOrganizations(context, { kind: 'lyceum' }, 12)).toMatchObject({ total: 12, totalIsEstimate: false });
    // Above the threshold: the planner's estimate, never below the rows counted before stopping.
    const estimated = await listOrganizations(context, { kind: 'lyceum' }, 5);
    expect(estimated.totalIsEstimate).toBe(true);
    expect(estimated.total).toBeGreaterThanOrEqual(6);
    // Several words are estimated from a sample of the table's pages: a table this small is sampled whole, so it is the count.
    expect(await listOrganizations(context, { q: 'маоу лицей' }, 5)).toMatchObject({ total: 12, totalIsEstimate: true });
  });

  /** Every page of a list by following `next` from the first, then back by `previous` from the last. */
  async function walk(input: Parameters<typeof listOrganizations>[1], exactUpTo?: number) {
    const forward: string[][] = [];
    const pages: number[] = [];
    let listed = await listOrganizations(context, input, exactUpTo);
    for (;;) {
      forward.push(listed.items.map((item) => item.id));
      pages.push(listed.page);
      if (!listed.next) break;
      listed = await listOrganizations(context, { ...input, cursor: listed.next }, exactUpTo);
    }
    const backward: string[][] = [];
    while (listed.previous) {
      listed = await listOrganizations(context, { ...input, cursor: listed.previous }, exactUpTo);
      backward.unshift(listed.items.map((item) => item.id));
    }
    return { forward, backward, pages, first: listed };
  }

  it('pages by cursor, forwards and back, in every order and filter exactly as plain OFFSET would', async () => {
    for (const [filter, where] of [
      [{}, sql`true`],
      [{ kind: 'gymnasium' as const }, sql`kind = 'gymnasium'`],
      [{ municipalityId: fixtures.municipalityId }, sql`municipality_id = ${fixtures.municipalityId}`],
    ] as const) {
      const { forward, backward, pages, first } = await walk({ ...filter, sort: 'name', pageSize: 5 });
      const all = await byOffset(where, 1000, 0);
      expect(forward.flat(), JSON.stringify(filter)).toEqual(all);
      expect(forward.every((ids, index) => ids.length === 5 || index === forward.length - 1)).toBe(true);
      expect(pages).toEqual(forward.map((_, index) => index + 1));
      expect(backward).toEqual(forward.slice(0, -1));
      expect(first).toMatchObject({ page: 1, previous: null });
    }
    // By name backwards and by the last change: every row once, in the order's direction.
    const descending = await walk({ sort: '-name', pageSize: 7 });
    expect(descending.forward.flat()).toEqual((await byOffset(sql`true`, 1000, 0)).reverse());
    expect(descending.backward).toEqual(descending.forward.slice(0, -1));
    await handle.db.execute(sql`update organizations set updated_at = now() - (random() * interval '3 days') where state <> 'archived'`);
    const updated = await walk({ sort: 'updated', pageSize: 6 });
    const byUpdate = (await handle.db.execute(sql`select id from organizations where state <> 'archived' order by updated_at desc, id desc`)) as unknown as { rows: { id: string }[] };
    expect(updated.forward.flat()).toEqual(byUpdate.rows.map((row) => row.id));
    expect(updated.backward).toEqual(updated.forward.slice(0, -1));
  });

  it('goes on by cursor from a page opened by its number, and pages a search by relevance by cursor too', async () => {
    const third = await listOrganizations(context, { sort: 'name', page: 3, pageSize: 5 });
    expect(third.page).toBe(3);
    const fourth = await listOrganizations(context, { sort: 'name', cursor: third.next!, pageSize: 5 });
    expect(fourth.items.map((item) => item.id)).toEqual(await byOffset(sql`true`, 5, 15));
    expect(fourth.page).toBe(4);
    const second = await listOrganizations(context, { sort: 'name', cursor: third.previous!, pageSize: 5 });
    expect(second.items.map((item) => item.id)).toEqual(await byOffset(sql`true`, 5, 5));
    expect(second.page).toBe(2);

    const all = await listOrganizations(context, { q: 'маоу', pageSize: 100 });
    const search = await walk({ q: 'маоу', pageSize: 5 });
    expect(search.forward.flat()).toEqual(all.items.map((item) => item.id));
    expect(search.backward).toEqual(search.forward.slice(0, -1));
  });

  it('refuses a cursor it did not make, or made for another order, with a Russian 400 and reads nothing by it', async () => {
    const { next } = await listOrganizations(context, { sort: 'name', pageSize: 5 });
    const refused = async (input: Parameters<typeof listOrganizations>[1]) => {
      const error = await listOrganizations(context, input).then(
        () => null,
        (problem: unknown) => problem,
      );
      expect(error, JSON.stringify(input)).toMatchObject({ status: 400, extra: { errors: [{ field: expect.stringMatching(/cursor|page/) }] } });
      return (error as Error).message;
    };
    const forged = (shape: unknown) => Buffer.from(JSON.stringify(shape)).toString('base64url');
    expect(await refused({ cursor: 'не курсор' })).toMatch(/повреждена или устарела/);
    expect(await refused({ cursor: forged({ o: 'name', p: 2, a: ["x') or true --", 'not-a-uuid'] }), sort: 'name' })).toMatch(/повреждена/);
    expect(await refused({ cursor: forged({ o: 'updated', p: 2, a: ['yesterday', fixtures.municipalityId] }), sort: 'updated' })).toMatch(/повреждена/);
    expect(await refused({ cursor: forged({ o: 'name', p: 0, a: ['a', fixtures.municipalityId] }), sort: 'name' })).toMatch(/повреждена/);
    expect(await refused({ cursor: next!, sort: 'updated' })).toMatch(/другого порядка/);
    expect(await refused({ cursor: next!, q: 'маоу' })).toMatch(/другого порядка/);
    expect(await refused({ cursor: next!, sort: 'name', page: 2 })).toMatch(/либо номер страницы/);
  });
});
