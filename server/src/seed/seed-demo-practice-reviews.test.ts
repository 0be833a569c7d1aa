import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from '../platform/db/client';
import { practices } from '../modules/practices/schema';
import { reviewAssignments, reviewComposites } from '../modules/practice-reviews/schema';
import { seedDemoRegion } from './seed-demo';

describe('demo expert review', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedDemoRegion({ db: handle.db, actor: null, ip: 'test' });
  }, 300_000);
  afterAll(() => handle.close());

  it('has reviewed practices with composites, one under review with one review in, and practices never reviewed', async () => {
    const rows = await handle.db.select({ status: practices.reviewStatus, score: practices.reviewScore }).from(practices);
    expect(rows.filter((r) => r.status === 'reviewed')).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'reviewed').every((r) => r.score! > 50)).toBe(true);
    expect(rows.filter((r) => r.status === 'in_review')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'none').length).toBeGreaterThan(0);
    expect(await handle.db.select().from(reviewComposites)).toHaveLength(2);
    expect(await handle.db.select().from(reviewAssignments).where(eq(reviewAssignments.state, 'submitted'))).toHaveLength(5);
  });
});
