import type { CommandContext } from '../../platform/context';
import { changeCampaign, loadOrganisedCampaign, lockCampaign, requireState, staleCampaign } from './campaign-access';
import type { CampaignStep } from './campaign-fields';
import { presentCampaign } from './get-campaign';

/** The organiser calls a campaign off before allocation; the families' rankings stay, but no seats are given. */
export async function cancelCampaign(context: CommandContext, id: string, input: CampaignStep) {
  const access = await loadOrganisedCampaign(context, id);
  const row = await context.db.transaction(async (tx) => {
    const locked = await lockCampaign(tx, id);
    requireState(locked, ['draft', 'open'], 'Отменить кампанию');
    if (locked.version !== input.version) throw staleCampaign();
    return changeCampaign(tx, context, locked, { state: 'cancelled' }, 'cancelled');
  });
  return presentCampaign(context, { ...access, campaign: row });
}
