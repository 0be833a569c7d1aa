import { and, eq, inArray, sql } from 'drizzle-orm';
import { type AllocationStats, compileInstance, describeExplanation, explainStudent, runAllocation } from '../../algorithms/allocation';
import { recordAudit } from '../../platform/audit/record-audit';
import { momentText } from '../../platform/dates';
import type { CommandContext } from '../../platform/context';
import { type NotificationDraft, notify } from '../notifications/notify';
import { liveEnrolmentStates, enrolments } from '../enrolments/schema';
import { lockProgramme, takeSeat } from '../enrolments/seats';
import { changeCampaign, loadOrganisedCampaign, lockCampaign, requireState, unavailable } from './campaign-access';
import { buildCampaignInstance, loadCampaignApplicants } from './campaign-instance';
import { presentCampaign } from './get-campaign';
import { type CampaignStats, campaignResults } from './schema';
import { regionTimezone } from '../territory/region-clock';

type ResultRow = typeof campaignResults.$inferInsert;

/** The organiser's figures from the allocation's, less any seat that could not be taken after all. */
function campaignStats(stats: AllocationStats, maxChoices: number, lost: { programmeId: string; choice: number }[]): CampaignStats {
  const byChoice = [...stats.byChoice];
  const lostBy = new Map<string, number>();
  for (const seat of lost) {
    byChoice[seat.choice - 1] -= 1;
    lostBy.set(seat.programmeId, (lostBy.get(seat.programmeId) ?? 0) + 1);
  }
  const applicants = stats.studentsWithChoices;
  const share = (count: number) => (applicants ? count / applicants : 0);
  const topChoiceShares: number[] = [];
  let cumulative = 0;
  for (let k = 0; k < maxChoices; k++) {
    cumulative += byChoice[k] ?? 0;
    topChoiceShares.push(share(cumulative));
  }
  const assigned = stats.assigned - lost.length;
  return {
    applicants,
    assigned,
    unassigned: applicants - assigned,
    firstChoiceShare: share(byChoice[0] ?? 0),
    topChoiceShares,
    programmes: Object.entries(stats.byProgramme).map(([programmeId, p]) => {
      const admitted = p.admitted - (lostBy.get(programmeId) ?? 0);
      return { programmeId, capacity: p.capacity, assigned: admitted, applicants: p.applicants, fillRate: p.capacity ? admitted / p.capacity : 0 };
    }),
  };
}

/**
 * The organiser allocates the seats once the window has closed (or closes it now): student-proposing
 * deferred acceptance over the families' rankings, with the programmes' priorities and the published
 * lottery. In one transaction under the campaign's lock — so of two presses only the first allocates,
 * the second finds it allocated (409) — every assigned child is enrolled, taking a seat of the
 * programme; each child's result is stored with the reasons; the statistics are kept; the seed is
 * revealed so anyone can recompute the lottery; and every family is notified.
 */
export async function allocateCampaign(context: CommandContext, id: string, input: { closeNow?: boolean } = {}) {
  const access = await loadOrganisedCampaign(context, id);
  const row = await context.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, id);
    requireState(campaign, ['open'], 'Распределить места');
    const now = new Date();
    if (now < campaign.closesAt && !input.closeNow) {
      throw unavailable(`Приём выбора идёт до ${momentText(campaign.closesAt, await regionTimezone(tx))}. Распределить места можно после его окончания или досрочно, закрыв приём сейчас.`, 'window_open', {
        closesAt: campaign.closesAt,
      });
    }
    const { programmes, applicants, networkMemberIds } = await loadCampaignApplicants(tx, campaign);
    const { instance } = buildCampaignInstance({ seed: campaign.lotterySeed!, priorityRule: campaign.priorityRule, programmes, applicants, networkMemberIds });
    const outcome = runAllocation(compileInstance(instance));
    // Seats are taken below in the order of the students; the programmes are locked first in id order,
    // after the children, as every step holding several of them does (families/access.ts lockChild).
    for (const programme of programmes) await lockProgramme(tx, programme.id);
    const titles = new Map(programmes.map((p) => [p.id, p.title]));
    const name = (programmeId: string) => `«${titles.get(programmeId)}»`;
    const guardians = new Map(applicants.map((a) => [a.id, a.guardianUserId]));

    const live = await tx
      .select({ id: enrolments.id, childId: enrolments.childId, programmeId: enrolments.programmeId, state: enrolments.state })
      .from(enrolments)
      .where(and(inArray(enrolments.programmeId, programmes.map((p) => p.id)), inArray(enrolments.state, [...liveEnrolmentStates])));
    // A child already enrolled keeps that seat; one waiting in line (the programme was open before the campaign) takes the allocated seat on that row.
    const liveOf = new Map(live.map((e) => [`${e.childId}/${e.programmeId}`, e]));

    const results: ResultRow[] = [];
    const lost: { programmeId: string; choice: number }[] = [];
    const notifications: NotificationDraft[] = [];
    for (let s = 0; s < instance.students.length; s++) {
      const student = instance.students[s];
      const explanation = explainStudent(outcome.instance, outcome.allocation, s);
      const sentences = describeExplanation(explanation, name).slice(1);
      const reasons: ResultRow['explanation'] = explanation.passedOver.map((item, i) => ({
        programmeId: item.programme,
        rank: item.choice,
        reason: item.lastAdmitted ? 'full_with_higher_priority' : 'not_offered',
        cutoff: sentences[i],
      }));
      let programmeId = explanation.programme;
      const existing = programmeId !== null ? liveOf.get(`${student.id}/${programmeId}`) : undefined;
      if (programmeId !== null && existing?.state !== 'enrolled') {
        // Campaign seats were kept out of open enrolment, so this succeeds unless the programme was changed meanwhile.
        if (await takeSeat(tx, programmeId)) {
          const seated = { state: 'enrolled' as const, source: 'campaign' as const, campaignId: campaign.id, enrolledAt: now };
          const [enrolment] = existing
            ? await tx.update(enrolments).set({ ...seated, updatedAt: now, version: sql`${enrolments.version} + 1` }).where(eq(enrolments.id, existing.id)).returning({ id: enrolments.id })
            : await tx.insert(enrolments).values({ childId: student.id, programmeId, ...seated }).returning({ id: enrolments.id });
          await recordAudit(tx, context, {
            action: 'enrolment.enrolled',
            entityType: 'enrolment',
            entityId: enrolment.id,
            before: existing ? { state: existing.state } : undefined,
            after: { state: 'enrolled', childId: student.id, programmeId, campaignId: campaign.id },
          });
        } else {
          lost.push({ programmeId, choice: explanation.choice! });
          reasons.push({ programmeId, rank: explanation.choice!, reason: 'not_offered', cutoff: `Место в ${name(programmeId)} закрепить не удалось: в программе не осталось свободных мест.` });
          programmeId = null;
        }
      }
      results.push({
        campaignId: campaign.id,
        childId: student.id,
        programmeId,
        choiceRank: programmeId !== null ? explanation.choice : null,
        lottery: student.lottery,
        explanation: reasons,
      });
      notifications.push({
        userId: guardians.get(student.id)!,
        kind: 'campaign_result',
        title: `Итоги кампании «${campaign.title}»`,
        body:
          programmeId !== null
            ? `Ребёнок зачислен в ${name(programmeId)} — ${explanation.choice}-я программа в вашем списке. На странице кампании сказано, почему так.`
            : 'Места не нашлось ни в одной из выбранных программ. На странице кампании сказано, почему так.',
        link: `/campaigns/${campaign.id}`,
        data: { campaignId: campaign.id, childId: student.id, programmeId },
      });
    }
    for (let i = 0; i < results.length; i += 1000) await tx.insert(campaignResults).values(results.slice(i, i + 1000));
    for (let i = 0; i < notifications.length; i += 1000) await notify(tx, notifications.slice(i, i + 1000));
    const stats = campaignStats(outcome.stats, campaign.maxChoices, lost);
    return changeCampaign(tx, context, campaign, { state: 'allocated', allocatedAt: now, closesAt: now < campaign.closesAt ? now : campaign.closesAt, stats }, 'allocated');
  });
  return presentCampaign(context, { ...access, campaign: row });
}
