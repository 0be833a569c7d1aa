import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AllocationInstance } from '../../algorithms/allocation';
import type { Database } from '../../platform/db/client';
import { activeMemberIds } from '../networks/access';
import { lockChildren } from '../families/access';
import { childConsents, children } from '../families/schema';
import { programmes } from '../programmes/schema';
import type { CampaignRow } from './campaign-access';
import { lotteryNumbers } from './lottery';
import { campaignChoices, campaignProgrammes, type CampaignPriorityRule } from './schema';

export interface OfferedProgramme {
  id: string;
  title: string;
  seats: number;
  /** The provider: under «own students first» its confirmed students go first. */
  organizationId: string;
}

export interface Applicant {
  id: string;
  guardianUserId: string;
  /** The home school, when the school has confirmed the child is its student; otherwise null (no priority). */
  confirmedHomeSchoolId: string | null;
  /** Programme ids, most wanted first. */
  choices: string[];
}

/**
 * The allocation instance of a campaign (pure): every applicant with their lottery number from the seed
 * and their ranking; every programme with its seats and, by the campaign's rule, its priority list —
 * the applicants it takes first (its own confirmed students, or those of the network's member schools),
 * ordered among themselves by the same lottery. Students are in id order, so the instance is the same
 * however the rows were read.
 */
export function buildCampaignInstance(input: {
  seed: string;
  priorityRule: CampaignPriorityRule;
  programmes: readonly OfferedProgramme[];
  applicants: readonly Applicant[];
  /** Active member schools of the campaign's network (for «students of the network first»). */
  networkMemberIds?: readonly string[];
}): { instance: AllocationInstance; lottery: Map<string, number> } {
  const applicants = [...input.applicants].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lottery = lotteryNumbers(
    input.seed,
    applicants.map((a) => a.id),
  );
  const members = new Set(input.networkMemberIds ?? []);
  const hasPriority = (applicant: Applicant, programme: OfferedProgramme) => {
    if (!applicant.confirmedHomeSchoolId) return false;
    if (input.priorityRule === 'own_students') return applicant.confirmedHomeSchoolId === programme.organizationId;
    if (input.priorityRule === 'network_students') return members.has(applicant.confirmedHomeSchoolId);
    return false;
  };
  const programmesOut = input.programmes.map((programme) => {
    if (input.priorityRule === 'none') return { id: programme.id, capacity: programme.seats };
    const priority = applicants
      .filter((a) => a.choices.includes(programme.id) && hasPriority(a, programme))
      .sort((a, b) => lottery.get(a.id)! - lottery.get(b.id)!)
      .map((a) => a.id);
    return { id: programme.id, capacity: programme.seats, priority };
  });
  return {
    instance: { programmes: programmesOut, students: applicants.map((a) => ({ id: a.id, lottery: lottery.get(a.id)!, choices: a.choices })) },
    lottery,
  };
}

/**
 * Reads what the allocation needs: the campaign's programmes and seats, and every child with a ranking
 * whose guardian's consent is still in force (a withdrawn consent takes the child out of the campaign).
 * Call inside the allocation's transaction: the applicants' rows stay share-locked until it commits, so a
 * withdrawal or deletion either committed before consent is read here or waits and ends the place given.
 */
export async function loadCampaignApplicants(db: Database, campaign: CampaignRow): Promise<{ programmes: OfferedProgramme[]; applicants: Applicant[]; networkMemberIds: string[] }> {
  const offered = await db
    .select({ id: programmes.id, title: programmes.title, seats: campaignProgrammes.seats, organizationId: programmes.organizationId })
    .from(campaignProgrammes)
    .innerJoin(programmes, eq(programmes.id, campaignProgrammes.programmeId))
    .where(eq(campaignProgrammes.campaignId, campaign.id))
    .orderBy(asc(programmes.id));
  const choices = await db
    .select({ childId: campaignChoices.childId, programmeId: campaignChoices.programmeId })
    .from(campaignChoices)
    .where(eq(campaignChoices.campaignId, campaign.id))
    .orderBy(asc(campaignChoices.childId), asc(campaignChoices.rank));
  const ranking = new Map<string, string[]>();
  for (const choice of choices) ranking.set(choice.childId, [...(ranking.get(choice.childId) ?? []), choice.programmeId]);
  const childIds = [...ranking.keys()];
  await lockChildren(db, childIds);
  const rows = childIds.length
    ? await db
        .selectDistinct({ id: children.id, guardianUserId: children.guardianUserId, homeSchoolId: children.homeSchoolId, confirmedAt: children.homeSchoolConfirmedAt })
        .from(children)
        .innerJoin(childConsents, and(eq(childConsents.childId, children.id), isNull(childConsents.withdrawnAt)))
        .where(inArray(children.id, childIds))
    : [];
  const applicants = rows.map((row) => ({
    id: row.id,
    guardianUserId: row.guardianUserId,
    confirmedHomeSchoolId: row.confirmedAt ? row.homeSchoolId : null,
    choices: ranking.get(row.id)!,
  }));
  const networkMemberIds = campaign.networkId ? await activeMemberIds(db, campaign.networkId) : [];
  return { programmes: offered, applicants, networkMemberIds };
}
