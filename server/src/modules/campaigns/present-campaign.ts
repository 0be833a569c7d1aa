import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { hasConsent } from '../families/access';
import { children } from '../families/schema';
import { organizations } from '../organizations/schema';
import { programmes } from '../programmes/schema';
import type { CampaignAccess, CampaignRow } from './campaign-access';
import { campaignChoices, campaignProgrammes, campaignResults } from './schema';

/** Whether guardians may save rankings now: the campaign is open and the moment is inside its window. */
export const acceptsChoices = (campaign: Pick<CampaignRow, 'state' | 'opensAt' | 'closesAt'>, now = new Date()) =>
  campaign.state === 'open' && campaign.opensAt <= now && now < campaign.closesAt;

async function organizerName(db: Database, organizationId: string): Promise<string> {
  const [row] = await db.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, organizationId));
  return row?.shortName ?? '';
}

/**
 * What everyone signed in reads about a campaign. The lottery seed is shown only once the seats are
 * allocated; before that only its SHA-256, which proves afterwards the seed was fixed when the window opened.
 */
export async function presentCampaignSummary(db: Database, { campaign, network, organises }: CampaignAccess, programmeCount?: number) {
  return {
    id: campaign.id,
    title: campaign.title,
    description: campaign.description,
    organizer: { id: campaign.organizerOrganizationId, shortName: await organizerName(db, campaign.organizerOrganizationId) },
    network: network ? { id: network.id, name: network.name } : null,
    opensAt: campaign.opensAt.toISOString(),
    closesAt: campaign.closesAt.toISOString(),
    maxChoices: campaign.maxChoices,
    priorityRule: campaign.priorityRule,
    state: campaign.state,
    acceptingChoices: acceptsChoices(campaign),
    lotterySeedHash: campaign.lotterySeedHash || null,
    lotterySeed: campaign.state === 'allocated' ? campaign.lotterySeed : null,
    allocatedAt: campaign.allocatedAt?.toISOString() ?? null,
    version: campaign.version,
    canManage: organises,
    ...(programmeCount !== undefined ? { programmeCount } : {}),
  };
}

/** The campaign's programmes with the seats each puts in, in Russian title order. */
export async function campaignProgrammeList(db: Database, campaignId: string) {
  return db
    .select({
      id: programmes.id,
      title: programmes.title,
      provider: { id: organizations.id, shortName: organizations.shortName },
      seats: campaignProgrammes.seats,
      capacity: programmes.capacity,
      seatsTaken: programmes.seatsTaken,
      direction: programmes.direction,
      format: programmes.format,
      gradeFrom: programmes.gradeFrom,
      gradeTo: programmes.gradeTo,
      ageFrom: programmes.ageFrom,
      ageTo: programmes.ageTo,
      startsOn: programmes.startsOn,
      endsOn: programmes.endsOn,
    })
    .from(campaignProgrammes)
    .innerJoin(programmes, eq(programmes.id, campaignProgrammes.programmeId))
    .innerJoin(organizations, eq(organizations.id, programmes.organizationId))
    .where(eq(campaignProgrammes.campaignId, campaignId))
    .orderBy(asc(programmes.title));
}

/** For the organiser while choices come in: how many children chose each programme at all and first. */
export async function choiceCounts(db: Database, campaignId: string) {
  const rows = await db
    .select({
      programmeId: campaignChoices.programmeId,
      total: sql<number>`count(*)::int`,
      first: sql<number>`(count(*) filter (where ${campaignChoices.rank} = 1))::int`,
    })
    .from(campaignChoices)
    .where(eq(campaignChoices.campaignId, campaignId))
    .groupBy(campaignChoices.programmeId);
  const [{ applicants }] = await db
    .select({ applicants: sql<number>`count(distinct ${campaignChoices.childId})::int` })
    .from(campaignChoices)
    .where(eq(campaignChoices.campaignId, campaignId));
  return { applicants, byProgramme: Object.fromEntries(rows.map((r) => [r.programmeId, { total: r.total, first: r.first }])) };
}

/** A child's ranking, most wanted first. */
export async function childChoices(db: Database, campaignId: string, childId: string): Promise<string[]> {
  const rows = await db
    .select({ programmeId: campaignChoices.programmeId })
    .from(campaignChoices)
    .where(and(eq(campaignChoices.campaignId, campaignId), eq(campaignChoices.childId, childId)))
    .orderBy(asc(campaignChoices.rank));
  return rows.map((r) => r.programmeId);
}

export type ChildResult = Awaited<ReturnType<typeof childResults>>[number];

/**
 * The results of the given children with the reasons in Russian: the first sentence says what they got,
 * each further one why a programme ranked higher was not given (written at allocation, as it stood then).
 */
export async function childResults(db: Database, campaignId: string, childIds: string[]) {
  if (!childIds.length) return [];
  const rows = await db
    .select({ result: campaignResults, title: programmes.title })
    .from(campaignResults)
    .leftJoin(programmes, eq(programmes.id, campaignResults.programmeId))
    .where(and(eq(campaignResults.campaignId, campaignId), inArray(campaignResults.childId, childIds)));
  return rows.map(({ result, title }) => {
    const headline =
      result.programmeId !== null
        ? `Зачисление: «${title}» — ${result.choiceRank}-я программа в вашем списке.`
        : result.explanation.length
          ? 'Места не нашлось ни в одной из выбранных программ.'
          : 'Ни одной программы не было выбрано.';
    return {
      childId: result.childId,
      programme: result.programmeId !== null ? { id: result.programmeId, title: title ?? '' } : null,
      choiceRank: result.choiceRank,
      lottery: result.lottery,
      why: [headline, ...result.explanation.map((item) => item.cutoff ?? '')].filter((line) => line !== ''),
    };
  });
}

/** The signed-in guardian's children, for the ranking editor: each with consent, ranking and (after allocation) result. */
export async function guardianChildren(db: Database, actor: Actor, campaign: CampaignRow) {
  const own = await db
    .select({ id: children.id, fullName: children.fullName, grade: children.grade, birthDate: children.birthDate })
    .from(children)
    .where(eq(children.guardianUserId, actor.userId))
    .orderBy(asc(children.createdAt));
  const results = campaign.state === 'allocated' ? await childResults(db, campaign.id, own.map((c) => c.id)) : [];
  return Promise.all(
    own.map(async (child) => ({
      id: child.id,
      fullName: child.fullName,
      grade: child.grade,
      consent: await hasConsent(db, child.id),
      choices: await childChoices(db, campaign.id, child.id),
      result: results.find((r) => r.childId === child.id) ?? null,
    })),
  );
}
