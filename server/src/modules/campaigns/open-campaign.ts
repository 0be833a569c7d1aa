import { eq, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { changeCampaign, loadOrganisedCampaign, lockCampaign, requireState, staleCampaign, unavailable } from './campaign-access';
import type { CampaignStep } from './campaign-fields';
import { presentCampaign } from './get-campaign';
import { drawLotterySeed } from './lottery';
import { campaignProgrammes } from './schema';

/**
 * The organiser opens a draft: from `opensAt` families may rank its programmes. The lottery seed is
 * drawn now and only its hash published, so nobody — the organiser included — can redraw it later.
 */
export async function openCampaign(context: CommandContext, id: string, input: CampaignStep) {
  const access = await loadOrganisedCampaign(context, id);
  const row = await context.db.transaction(async (tx) => {
    const locked = await lockCampaign(tx, id);
    requireState(locked, ['draft'], 'Открыть приём выбора');
    if (locked.version !== input.version) throw staleCampaign();
    const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(campaignProgrammes).where(eq(campaignProgrammes.campaignId, id));
    if (count === 0) throw unavailable('Добавьте в кампанию хотя бы одну программу: без программ семьям нечего выбирать.', 'no_programmes');
    if (locked.closesAt <= new Date()) throw unavailable('Срок приёма выбора уже прошёл: перенесите окончание приёма на будущее.', 'window_passed');
    const { seed, hash } = drawLotterySeed();
    return changeCampaign(tx, context, locked, { state: 'open', lotterySeed: seed, lotterySeedHash: hash }, 'opened');
  });
  return presentCampaign(context, { ...access, campaign: row });
}
