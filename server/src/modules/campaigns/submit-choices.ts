import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { localDate } from '../../platform/dates';
import { regionTimezone } from '../territory/region-clock';
import { authorize } from '../../platform/policy';
import { Problem, notSignedIn } from '../../platform/problem';
import { momentText } from '../../platform/dates';
import { ineligibility } from '../enrolments/eligibility';
import { loadVisibleChild, lockChild, lockChildForEnrolment } from '../families/access';
import { programmes } from '../programmes/schema';
import { type CampaignRow, loadVisibleCampaign, lockCampaign, unavailable } from './campaign-access';
import type { ChoicesRequest } from './campaign-fields';
import { campaignPolicy } from './policy';
import { acceptsChoices } from './present-campaign';
import { campaignChoices, campaignProgrammes } from './schema';

/** 409 unless families may rank now, saying when they can. */
function requireWindow(campaign: CampaignRow, timeZone: string, now = new Date()) {
  if (acceptsChoices(campaign, now)) return;
  if (campaign.state === 'open' && now < campaign.opensAt) throw unavailable(`Приём выбора начнётся ${momentText(campaign.opensAt, timeZone)}.`, 'window_not_open', { opensAt: campaign.opensAt });
  if (campaign.state === 'open' || campaign.state === 'allocated')
    throw unavailable(`Приём выбора закончился ${momentText(campaign.closesAt, timeZone)}: изменить выбор уже нельзя.`, 'window_closed', { closesAt: campaign.closesAt });
  throw unavailable(`Кампания «${campaign.title}» не принимает выбор.`, 'window_closed');
}

const unacceptable = (detail: string, code: string, extra: Record<string, unknown> = {}) => new Problem(422, 'Выбор не сохранён', detail, { code, ...extra });

/**
 * A guardian saves their child's ranking for a campaign as a whole (most wanted first), replacing the
 * one before; an empty list takes the child out. Only while the window is open, up to the campaign's
 * number of choices, no programme twice, only the campaign's programmes that suit the child, and with
 * the guardian's consent in force. The campaign row is share-locked, so allocation, which locks it
 * exclusively, sees either this ranking whole or the one before.
 */
export async function submitChoices(context: CommandContext, id: string, childId: string, input: ChoicesRequest) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const db = context.db;
  const { campaign } = await loadVisibleCampaign(context, id);
  const { child } = await loadVisibleChild(db, actor, childId);
  authorize(actor, (a) => campaignPolicy.choose(a, child));
  const timeZone = await regionTimezone(db);
  requireWindow(campaign, timeZone);

  const chosen = input.programmeIds;
  const repeated = chosen.find((programmeId, i) => chosen.indexOf(programmeId) !== i);
  if (repeated) throw unacceptable('Одна и та же программа выбрана дважды: оставьте её в списке один раз.', 'duplicate_choice', { programmeId: repeated });
  if (chosen.length > campaign.maxChoices) {
    throw unacceptable(`В этой кампании можно выбрать не больше ${campaign.maxChoices} программ, а выбрано ${chosen.length}.`, 'too_many_choices', { maxChoices: campaign.maxChoices });
  }
  const offered = chosen.length
    ? await db
        .select({ programme: programmes })
        .from(campaignProgrammes)
        .innerJoin(programmes, eq(programmes.id, campaignProgrammes.programmeId))
        .where(and(eq(campaignProgrammes.campaignId, id), inArray(campaignProgrammes.programmeId, chosen)))
    : [];
  const stranger = chosen.find((programmeId) => !offered.some((o) => o.programme.id === programmeId));
  if (stranger) throw unacceptable('В списке есть программа, которой нет в этой кампании.', 'not_in_campaign', { programmeId: stranger });
  const today = localDate(new Date(), timeZone);

  return db.transaction(async (tx) => {
    // The campaign, then the child (the lock order of families/access.ts). A withdrawal of consent or a
    // deletion waits for this ranking to commit and removes it, or commits first and this one sees it.
    requireWindow(await lockCampaign(tx, id, 'share'), timeZone);
    const current = chosen.length ? await lockChildForEnrolment(tx, child.id, 'Чтобы участвовать в кампании') : await lockChild(tx, child.id, 'share');
    for (const { programme } of offered) {
      const why = ineligibility(programme, current, programme.startsOn > today ? programme.startsOn : today);
      if (why) throw unacceptable(`«${programme.title}»: ${why}`, 'not_eligible', { programmeId: programme.id });
    }
    const before = await tx
      .delete(campaignChoices)
      .where(and(eq(campaignChoices.campaignId, id), eq(campaignChoices.childId, child.id)))
      .returning({ programmeId: campaignChoices.programmeId, rank: campaignChoices.rank });
    const submittedAt = new Date();
    if (chosen.length) {
      await tx.insert(campaignChoices).values(chosen.map((programmeId, i) => ({ campaignId: id, childId: child.id, programmeId, rank: i + 1, submittedBy: actor.userId, submittedAt })));
    }
    await recordAudit(tx, context, {
      action: 'campaign.choices_submitted',
      entityType: 'campaign',
      entityId: id,
      // Ids only: nothing that names the child.
      before: { childId: child.id, programmeIds: before.sort((a, b) => a.rank - b.rank).map((c) => c.programmeId) },
      after: { childId: child.id, programmeIds: chosen },
    });
    return { campaignId: id, childId: child.id, programmeIds: chosen, submittedAt: submittedAt.toISOString() };
  });
}
