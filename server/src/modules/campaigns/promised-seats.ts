import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { campaignProgrammes, campaigns } from './schema';

/**
 * Seats of a programme promised to campaigns not yet allocated (draft or open), optionally leaving one
 * campaign out: they are kept out of open enrolment, and the programme may not shrink below them.
 */
export async function seatsPromisedToCampaigns(db: Database, programmeId: string, exceptCampaignId?: string): Promise<number> {
  const [{ promised }] = await db
    .select({ promised: sql<number>`coalesce(sum(${campaignProgrammes.seats}), 0)::int` })
    .from(campaignProgrammes)
    .innerJoin(campaigns, eq(campaigns.id, campaignProgrammes.campaignId))
    .where(and(eq(campaignProgrammes.programmeId, programmeId), inArray(campaigns.state, ['draft', 'open']), exceptCampaignId ? ne(campaigns.id, exceptCampaignId) : undefined));
  return promised;
}
