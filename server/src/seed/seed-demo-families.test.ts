import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from '../platform/db/client';
import { users } from '../modules/accounts/schema';
import { hasConsent } from '../modules/families/access';
import { children } from '../modules/families/schema';
import { notifications } from '../modules/notifications/schema';
import { programmes } from '../modules/programmes/schema';
import { seedDemoRegion } from './seed-demo';
import { DEMO_GUARDIAN_EMAIL, seedDemoFamilies } from './seed-demo-families';

describe('demo families', () => {
  let handle: DatabaseHandle;
  let seeded: Awaited<ReturnType<typeof seedDemoFamilies>>;

  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedDemoRegion({ db: handle.db, actor: null, ip: 'test' });
    const [guardian] = await handle.db.select().from(users).where(eq(users.email, DEMO_GUARDIAN_EMAIL));
    // The lead may already wire the families into the demo region; then check what it seeded.
    const existing = await handle.db.select().from(children).where(eq(children.guardianUserId, guardian.id));
    if (existing.length === 0) {
      const programmeIds = Object.fromEntries((await handle.db.select({ id: programmes.id, title: programmes.title }).from(programmes)).map((p) => [p.title, p.id]));
      seeded = await seedDemoFamilies(handle.db, programmeIds);
    } else {
      seeded = { demoGuardianChildren: existing.map((c) => ({ id: c.id, guardianUserId: c.guardianUserId, grade: c.grade!, homeSchoolId: c.homeSchoolId! })), otherChildren: [] };
    }
  }, 120_000);
  afterAll(() => handle.close());

  it('gives the demo guardian two children in grades 7 and 9 at the demo lyceum, with consent, one confirmed by the school', async () => {
    const rows = await handle.db.select().from(children).where(inArray(children.id, seeded.demoGuardianChildren.map((c) => c.id)));
    expect(rows.map((c) => c.grade).sort()).toEqual([7, 9]);
    expect(new Set(rows.map((c) => c.homeSchoolId)).size).toBe(1);
    expect(rows.filter((c) => c.homeSchoolConfirmedAt).length).toBe(1);
    for (const child of rows) expect(await hasConsent(handle.db, child.id)).toBe(true);
    const messages = await handle.db.select().from(notifications).where(eq(notifications.userId, rows[0].guardianUserId));
    expect(messages.map((m) => m.kind)).toContain('home_school_confirmed');
  });

  it('adds about twenty other families with consent for realistic rosters', async () => {
    if (seeded.otherChildren.length === 0) return;
    expect(seeded.otherChildren.length).toBeGreaterThanOrEqual(20);
    expect(new Set(seeded.otherChildren.map((c) => c.guardianUserId)).size).toBe(20);
    for (const child of seeded.otherChildren) expect(await hasConsent(handle.db, child.id)).toBe(true);
    expect(seeded.otherChildren.every((c) => c.grade >= 5 && c.grade <= 9)).toBe(true);
  });
});
