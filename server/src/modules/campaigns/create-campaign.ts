import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { invalid, notFound, notSignedIn } from '../../platform/problem';
import { activeMemberIds, loadVisibleNetwork } from '../networks/access';
import { organizations } from '../organizations/schema';
import { throwIfErrors } from '../plans/plan-fields';
import { pastOpeningErrors } from './campaign-access';
import type { CampaignDraft } from './campaign-fields';
import { presentCampaign } from './get-campaign';
import { campaignPolicy } from './policy';
import { campaigns } from './schema';

/**
 * The organiser drafts a campaign: its window, how many programmes a family may rank and whose
 * students programmes take first. Programmes are added to the draft; opening it starts the window.
 * A network's campaign is organised by one of its members (or its managing organisation).
 */
export async function createCampaign(context: CommandContext, input: CampaignDraft) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const db = context.db;
  const network = input.networkId ? await loadVisibleNetwork(db, actor, input.networkId) : null;
  authorize(actor, (a) => campaignPolicy.organise(a, input, network));
  const [organizer] = await db.select().from(organizations).where(eq(organizations.id, input.organizerOrganizationId)).limit(1);
  if (!organizer) throw notFound('Организация');
  if (network && network.managingOrganizationId !== organizer.id && !(await activeMemberIds(db, network.id)).includes(organizer.id)) {
    throw invalid('Кампания не создана.', [{ field: 'organizerOrganizationId', message: `«${organizer.shortName}» не участвует в сети «${network.name}»` }]);
  }
  if (input.priorityRule === 'network_students' && !network) {
    throw invalid('Кампания не создана.', [{ field: 'priorityRule', message: 'Первоочерёдность учеников школ сети возможна только в кампании сети' }]);
  }
  throwIfErrors(await pastOpeningErrors(context, input.opensAt), 'Кампания не создана.');
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(campaigns)
      .values({
        organizerOrganizationId: organizer.id,
        networkId: network?.id ?? null,
        title: input.title,
        description: input.description,
        opensAt: new Date(input.opensAt),
        closesAt: new Date(input.closesAt),
        maxChoices: input.maxChoices,
        priorityRule: input.priorityRule,
        // The lottery seed is drawn when the window opens.
        lotterySeedHash: '',
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, context, { action: 'campaign.created', entityType: 'campaign', entityId: created.id, after: created });
    return created;
  });
  return presentCampaign(context, { campaign: row, network, organises: true });
}
