import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notSignedIn } from '../../platform/problem';
import { loadChildRecords } from '../families/access';
import { loadVisibleCampaign } from './campaign-access';
import { campaignPolicy } from './policy';
import { childResults } from './present-campaign';

/**
 * What the allocation gave a child and why, for the guardian and the home school: the assigned programme
 * (or none), the child's lottery number and, for every programme ranked higher, why it was not given.
 */
export async function getChildResult(context: CommandContext, id: string, childId: string) {
  if (!context.actor) throw notSignedIn();
  const { campaign } = await loadVisibleCampaign(context, id);
  const { child } = await loadChildRecords(context.db, context.actor, childId);
  authorize(context.actor, (actor) => campaignPolicy.viewChild(actor, child));
  const [result] = campaign.state === 'allocated' ? await childResults(context.db, campaign.id, [child.id]) : [];
  return { campaignId: campaign.id, state: campaign.state, lotterySeed: campaign.state === 'allocated' ? campaign.lotterySeed : null, result: result ?? null };
}
