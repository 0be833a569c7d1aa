import type { CommandContext } from '../../platform/context';
import { type CampaignAccess, loadVisibleCampaign } from './campaign-access';
import { campaignProgrammeList, choiceCounts, guardianChildren, presentCampaignSummary } from './present-campaign';

/**
 * A campaign as the caller needs it: everyone sees the window, the programmes with their seats and the
 * lottery's hash (the seed after allocation); the organiser also how many children chose each programme
 * and, after allocation, the statistics; a guardian their own children with rankings and results.
 */
export async function presentCampaign(context: CommandContext, access: CampaignAccess) {
  const { db, actor } = context;
  const { campaign, organises } = access;
  const programmes = await campaignProgrammeList(db, campaign.id);
  const counts = organises ? await choiceCounts(db, campaign.id) : null;
  return {
    ...(await presentCampaignSummary(db, access)),
    programmes: programmes.map((p) => ({ ...p, ...(counts ? { choices: counts.byProgramme[p.id] ?? { total: 0, first: 0 } } : {}) })),
    applicants: counts?.applicants ?? null,
    stats: organises ? campaign.stats : null,
    children: actor && campaign.state !== 'draft' && campaign.state !== 'cancelled' ? await guardianChildren(db, actor, campaign) : [],
  };
}

export async function getCampaign(context: CommandContext, id: string) {
  return presentCampaign(context, await loadVisibleCampaign(context, id));
}
