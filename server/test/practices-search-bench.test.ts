import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSyntheticLibrary, judge, labelledQueries, type LibraryLabels } from '../../bench/synthetic-practices';
import { listPractices, practiceListQuery } from '../src/modules/practices/list-practices';
import type { DatabaseHandle } from '../src/platform/db/client';
import { openTestDatabase } from './database';

/**
 * The search bench's labelled set at a smoke size (bench/practices-search.ts runs it at 100,000 over HTTP): its recall@10
 * is computed for every query and the typo queries are answered — the plain `plainto_tsquery` finds nothing for most of them.
 */
describe('the library search on the bench\'s labelled set (2,000 practices)', () => {
  let handle: DatabaseHandle;
  let labels: LibraryLabels;
  beforeAll(async () => {
    handle = await openTestDatabase();
    labels = await fillSyntheticLibrary(handle.db, 2000);
  }, 300_000);
  afterAll(() => handle?.close());

  const ranked = async (q: string) => (await listPractices({ db: handle.db, actor: null, ip: null }, practiceListQuery.parse({ q, pageSize: 10 }))).items.map((item) => item.id);

  it('judges every labelled query and answers the typos', async () => {
    expect(labelledQueries.length).toBeGreaterThanOrEqual(40);
    const judged = [];
    for (const query of labelledQueries) judged.push({ query, ...judge(query, await ranked(query.q), labels) });
    for (const { query, relevant, recall } of judged) {
      expect(relevant, query.q).toBeGreaterThan(0);
      expect(recall, query.q).toBeGreaterThanOrEqual(0);
    }
    const typos = judged.filter((j) => j.query.kind === 'typo');
    expect(typos.length).toBeGreaterThanOrEqual(10);
    for (const typo of typos) expect(typo.recall, typo.query.q).toBeGreaterThan(0);
    const mean = judged.reduce((sum, j) => sum + j.recall, 0) / judged.length;
    expect(mean).toBeGreaterThan(0.9);
    // The plain query misses the typo's word: the answer above is the vocabulary's correction, not luck.
    const plain = (await handle.db.execute(sql`select count(*)::int as n from practice_versions where to_tsvector('russian', title || ' ' || description) @@ plainto_tsquery('russian', 'робототехнка')`)) as unknown as { rows: { n: number }[] };
    expect(Number(plain.rows[0].n)).toBe(0);
  }, 120_000);
});
