import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from '../platform/db/client';
import { campaignProgrammes, campaigns } from '../modules/campaigns/schema';
import { demoAccounts, demoOrganizations } from '../modules/organizations/demo/demo-region';
import { organizations } from '../modules/organizations/schema';
import { networks } from '../modules/networks/schema';
import { programmes } from '../modules/programmes/schema';
import { demoHeads } from './demo-heads';
import { demoNetworks } from './demo-networks';
import { seedDemoRegion } from './seed-demo';
import { seedDemoCampaign } from './seed-demo-campaigns';
import { demoProgrammes, seedDemoProgrammes } from './seed-demo-programmes';

describe('demo campaign', () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedDemoRegion({ db: handle.db, actor: null, ip: 'test' });
    // The demo region may already seed them (once the calls are wired into seedDemoRegion).
    if ((await handle.db.select({ id: campaigns.id }).from(campaigns)).length === 0) {
      const byInn = new Map((await handle.db.select({ id: organizations.id, inn: organizations.inn }).from(organizations)).map((o) => [o.inn, o.id]));
      const heads = await demoHeads(handle.db, new Map(demoOrganizations.map((o) => [o.key, byInn.get(o.inn)!])), demoAccounts[0].password);
      if ((await handle.db.select({ id: programmes.id }).from(programmes)).length === 0) {
        const byName = new Map((await handle.db.select({ id: networks.id, name: networks.name }).from(networks)).map((n) => [n.name, n.id]));
        await seedDemoProgrammes(handle.db, heads, new Map(demoNetworks.map((n) => [n.key, byName.get(n.name)!])));
      }
      const byTitle = new Map((await handle.db.select({ id: programmes.id, title: programmes.title }).from(programmes)).map((p) => [p.title, p.id]));
      const programmeIds = Object.fromEntries(Object.entries(demoProgrammes).map(([key, demo]) => [key, byTitle.get(demo.fields.title as string)!]));
      await seedDemoCampaign(handle.db, heads, programmeIds);
    }
  }, 120_000);
  afterAll(() => handle.close());

  it('opens a campaign over the campaign-mode programme with all its seats and a published lottery hash, the seed kept secret', async () => {
    const [campaign] = await handle.db.select().from(campaigns);
    expect(campaign.state).toBe('open');
    expect(campaign.opensAt.getTime()).toBeLessThan(Date.now());
    expect(campaign.closesAt.getTime()).toBeGreaterThan(Date.now());
    expect(campaign.lotterySeedHash).toMatch(/^[0-9a-f]{64}$/);
    const offered = await handle.db
      .select({ seats: campaignProgrammes.seats, capacity: programmes.capacity, mode: programmes.enrolmentMode })
      .from(campaignProgrammes)
      .innerJoin(programmes, eq(programmes.id, campaignProgrammes.programmeId))
      .where(eq(campaignProgrammes.campaignId, campaign.id));
    expect(offered).toEqual([{ seats: 20, capacity: 20, mode: 'campaign' }]);
  });
});
