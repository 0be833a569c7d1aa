import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { notFound } from '../../platform/problem';
import { loadOrganisedCampaign, lockCampaign, requireState } from './campaign-access';
import { presentCampaign } from './get-campaign';
import { campaignProgrammes } from './schema';

/** The organiser takes a programme out of a draft campaign; once open, families may already have ranked it. */
export async function removeCampaignProgramme(context: CommandContext, id: string, programmeId: string) {
  const access = await loadOrganisedCampaign(context, id);
  await context.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, id);
    requireState(campaign, ['draft'], 'Менять список программ');
    const [removed] = await tx
      .delete(campaignProgrammes)
      .where(and(eq(campaignProgrammes.campaignId, id), eq(campaignProgrammes.programmeId, programmeId)))
      .returning();
    if (!removed) throw notFound('Программа кампании');
    await recordAudit(tx, context, { action: 'campaign.programme_removed', entityType: 'campaign', entityId: id, before: { programmeId, seats: removed.seats } });
  });
  return presentCampaign(context, access);
}
