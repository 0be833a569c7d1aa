import type { CommandContext } from '../../platform/context';
import { invalid } from '../../platform/problem';
import { throwIfErrors } from '../plans/plan-fields';
import { changeCampaign, loadOrganisedCampaign, lockCampaign, pastOpeningErrors, requireState, staleCampaign } from './campaign-access';
import type { CampaignChanges } from './campaign-fields';
import { presentCampaign } from './get-campaign';

/** The organiser edits a draft (title, description, window, number of choices, priority rule); an open campaign's rules stay as families read them. */
export async function updateCampaign(context: CommandContext, id: string, input: CampaignChanges) {
  const access = await loadOrganisedCampaign(context, id);
  const { version, ...changes } = input;
  // A draft whose window has already opened keeps it; only a newly set opening may not lie in the past.
  const moved = changes.opensAt && Date.parse(changes.opensAt) !== access.campaign.opensAt.getTime() ? changes.opensAt : undefined;
  throwIfErrors(await pastOpeningErrors(context, moved), 'Изменения не сохранены.');
  const row = await context.db.transaction(async (tx) => {
    const locked = await lockCampaign(tx, id);
    requireState(locked, ['draft'], 'Менять условия');
    if (locked.version !== version) throw staleCampaign();
    const opensAt = changes.opensAt ? new Date(changes.opensAt) : locked.opensAt;
    const closesAt = changes.closesAt ? new Date(changes.closesAt) : locked.closesAt;
    if (opensAt >= closesAt) throw invalid('Изменения не сохранены.', [{ field: 'closesAt', message: 'Приём выбора должен заканчиваться позже, чем начинается' }]);
    const priorityRule = changes.priorityRule ?? locked.priorityRule;
    if (priorityRule === 'network_students' && !locked.networkId) {
      throw invalid('Изменения не сохранены.', [{ field: 'priorityRule', message: 'Первоочерёдность учеников школ сети возможна только в кампании сети' }]);
    }
    return changeCampaign(tx, context, locked, { ...changes, opensAt, closesAt }, 'updated');
  });
  return presentCampaign(context, { ...access, campaign: row });
}
