import type { TestApp } from '../../../test/app';
import { nextSerial } from '../../../test/policy-matrix';
import { insertProgramme } from '../enrolments/enrolment.testkit';
import { drawLotterySeed } from './lottery';
import { campaignProgrammes, campaigns } from './schema';

/**
 * Test data of the campaigns area, shared by its tests and its policy scenarios: campaigns are inserted
 * directly in the state a case needs, with campaign-mode programmes of the organiser.
 */

const hour = 3600_000;

/** A campaign of the organiser with `programmeCount` programmes of its own (two seats each); open states get a drawn seed. */
export async function insertCampaign(
  t: TestApp,
  organizerOrganizationId: string,
  options: { state?: 'draft' | 'open' | 'allocated' | 'cancelled'; values?: Partial<typeof campaigns.$inferInsert>; programmeCount?: number } = {},
) {
  const state = options.state ?? 'draft';
  const lottery = state === 'draft' ? { seed: null, hash: '' } : drawLotterySeed();
  const [campaign] = await t.handle.db
    .insert(campaigns)
    .values({
      organizerOrganizationId,
      title: `Выбор курсов на осень ${nextSerial()}`,
      opensAt: new Date(Date.now() - hour),
      closesAt: new Date(Date.now() + 24 * hour),
      maxChoices: 3,
      state,
      lotterySeed: lottery.seed,
      lotterySeedHash: lottery.hash,
      ...options.values,
    })
    .returning();
  const programmes = [];
  for (let i = 0; i < (options.programmeCount ?? 1); i++) {
    const programme = await insertProgramme(t, organizerOrganizationId, { enrolmentMode: 'campaign', capacity: 10 });
    await t.handle.db.insert(campaignProgrammes).values({ campaignId: campaign.id, programmeId: programme.id, seats: 2 });
    programmes.push(programme);
  }
  return { campaign, programmes };
}
