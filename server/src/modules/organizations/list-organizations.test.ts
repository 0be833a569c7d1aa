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
});
