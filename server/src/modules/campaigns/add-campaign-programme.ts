import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict, invalid, notFound } from '../../platform/problem';
import { programmes } from '../programmes/schema';
import { loadOrganisedCampaign, lockCampaign, requireState } from './campaign-access';
import type { CampaignProgrammeRequest } from './campaign-fields';
import { presentCampaign } from './get-campaign';
import { seatsPromisedToCampaigns } from './promised-seats';
import { campaignProgrammes } from './schema';

/**
 * The organiser puts a programme into a draft campaign with a number of its seats. The programme must be
 * published and give its seats by campaign; it is the organiser's own, or, in a network's campaign, one
 * offered in that network. The seats come out of what is free and not promised to another live campaign,
 * so at allocation every seat given can be taken.
 */
export async function addCampaignProgramme(context: CommandContext, id: string, input: CampaignProgrammeRequest) {
  const access = await loadOrganisedCampaign(context, id);
  const fail = (message: string) => invalid('Программа не добавлена.', [{ field: 'programmeId', message }]);
  await context.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, id);
    requireState(campaign, ['draft'], 'Менять список программ');
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, input.programmeId)).for('update');
    if (!programme) throw notFound('Программа');
    const offered = programme.organizationId === campaign.organizerOrganizationId || (!!campaign.networkId && programme.networkIds.includes(campaign.networkId));
    if (!offered) throw fail(campaign.networkId ? `«${programme.title}» — программа другой организации, и в этой сети она не предлагается` : `«${programme.title}» — программа другой организации`);
    if (programme.state !== 'published') throw fail(`«${programme.title}» не опубликована: добавить можно только программу из каталога`);
    if (programme.enrolmentMode !== 'campaign') throw fail(`На «${programme.title}» записывают в порядке очереди; чтобы распределять её места в кампании, переведите её в режим «по кампании»`);
    const promised = await seatsPromisedToCampaigns(tx, programme.id, campaign.id);
    const free = programme.capacity - programme.seatsTaken - promised;
    if (input.seats > free) {
      throw invalid('Программа не добавлена.', [
        { field: 'seats', message: free > 0 ? `В «${programme.title}» свободно мест: ${free}${promised ? ` (ещё ${promised} отданы другим кампаниям)` : ''}` : `В «${programme.title}» нет свободных мест` },
      ]);
    }
    const [added] = await tx.insert(campaignProgrammes).values({ campaignId: campaign.id, programmeId: programme.id, seats: input.seats }).onConflictDoNothing().returning();
    if (!added) throw conflict(`«${programme.title}» уже есть в этой кампании.`);
    await recordAudit(tx, context, { action: 'campaign.programme_added', entityType: 'campaign', entityId: campaign.id, after: { programmeId: programme.id, seats: input.seats } });
  });
  return presentCampaign(context, access);
}
