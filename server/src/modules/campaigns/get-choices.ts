import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notSignedIn } from '../../platform/problem';
import { loadChildRecords } from '../families/access';
import { loadVisibleCampaign } from './campaign-access';
import { campaignPolicy } from './policy';
import { childChoices } from './present-campaign';

/** A child's ranking in a campaign, for the guardian and the home school. */
export async function getChoices(context: CommandContext, id: string, childId: string) {
  if (!context.actor) throw notSignedIn();
  const { campaign } = await loadVisibleCampaign(context, id);
  const { child } = await loadChildRecords(context.db, context.actor, childId);
  authorize(context.actor, (actor) => campaignPolicy.viewChild(actor, child));
  return { campaignId: campaign.id, childId: child.id, programmeIds: await childChoices(context.db, campaign.id, child.id) };
}
