import { aliasedTable, asc, eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notSignedIn } from '../../platform/problem';
import { users } from '../accounts/schema';
import { campaignChoices, campaignResults, campaigns } from '../campaigns/schema';
import { attendanceMarks, enrolments } from '../enrolments/schema';
import { organizations } from '../organizations/schema';
import { programmes } from '../programmes/schema';
import { loadVisibleChild } from './access';
import { familyPolicy } from './policy';
import { childConsents } from './schema';

/**
 * Everything the platform holds about one child, for its guardian (the right of access under
 * 152-ФЗ): the record, every consent act, enrolments with their attendance and results, campaign
 * choices and results. Only this child's rows are read.
 */
export async function exportChild(context: CommandContext, childId: string) {
  if (!context.actor) throw notSignedIn();
  const { child } = await loadVisibleChild(context.db, context.actor, childId);
  authorize(context.actor, (actor) => familyPolicy.manage(actor, child));
  const db = context.db;
  const provider = aliasedTable(organizations, 'provider');

  const [guardian] = await db.select({ fullName: users.fullName, email: users.email }).from(users).where(eq(users.id, child.guardianUserId));
  const [homeSchool] = child.homeSchoolId
    ? await db.select({ id: organizations.id, shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, child.homeSchoolId))
    : [];
  const consents = await db
    .select({ textVersion: childConsents.textVersion, textHash: childConsents.textHash, givenAt: childConsents.givenAt, givenFromIp: childConsents.givenFromIp, withdrawnAt: childConsents.withdrawnAt })
    .from(childConsents)
    .where(eq(childConsents.childId, childId))
    .orderBy(asc(childConsents.givenAt));
  const enrolmentRows = await db
    .select({
      id: enrolments.id,
      state: enrolments.state,
      source: enrolments.source,
      programme: { id: programmes.id, title: programmes.title },
      provider: { id: provider.id, shortName: provider.shortName },
      requestedAt: enrolments.createdAt,
      enrolledAt: enrolments.enrolledAt,
      endedAt: enrolments.endedAt,
      result: enrolments.result,
      resultNote: enrolments.resultNote,
      resultRecordedAt: enrolments.resultRecordedAt,
    })
    .from(enrolments)
    .innerJoin(programmes, eq(programmes.id, enrolments.programmeId))
    .innerJoin(provider, eq(provider.id, programmes.organizationId))
    .where(eq(enrolments.childId, childId))
    .orderBy(asc(enrolments.createdAt));
  const attendance = await db
    .select({ enrolmentId: attendanceMarks.enrolmentId, classDate: attendanceMarks.classDate, present: attendanceMarks.present })
    .from(attendanceMarks)
    .innerJoin(enrolments, eq(enrolments.id, attendanceMarks.enrolmentId))
    .where(eq(enrolments.childId, childId))
    .orderBy(asc(attendanceMarks.classDate));
  const choices = await db
    .select({
      campaign: { id: campaigns.id, title: campaigns.title },
      rank: campaignChoices.rank,
      programme: { id: programmes.id, title: programmes.title },
      submittedAt: campaignChoices.submittedAt,
    })
    .from(campaignChoices)
    .innerJoin(campaigns, eq(campaigns.id, campaignChoices.campaignId))
    .innerJoin(programmes, eq(programmes.id, campaignChoices.programmeId))
    .where(eq(campaignChoices.childId, childId))
    .orderBy(asc(campaigns.title), asc(campaignChoices.rank));
  const results = await db
    .select({
      campaign: { id: campaigns.id, title: campaigns.title },
      programmeId: campaignResults.programmeId,
      programmeTitle: programmes.title,
      choiceRank: campaignResults.choiceRank,
      lottery: campaignResults.lottery,
      explanation: campaignResults.explanation,
    })
    .from(campaignResults)
    .innerJoin(campaigns, eq(campaigns.id, campaignResults.campaignId))
    .leftJoin(programmes, eq(programmes.id, campaignResults.programmeId))
    .where(eq(campaignResults.childId, childId));

  return {
    exportedAt: new Date().toISOString(),
    child: {
      id: child.id,
      fullName: child.fullName,
      birthDate: child.birthDate,
      grade: child.grade,
      homeSchool: homeSchool ?? null,
      homeSchoolConfirmedAt: child.homeSchoolConfirmedAt,
      createdAt: child.createdAt,
      updatedAt: child.updatedAt,
    },
    guardian,
    consents,
    enrolments: enrolmentRows.map((row) => ({ ...row, attendance: attendance.filter((mark) => mark.enrolmentId === row.id).map(({ enrolmentId: _, ...mark }) => mark) })),
    campaignChoices: choices,
    campaignResults: results.map(({ programmeId, programmeTitle, ...row }) => ({ ...row, programme: programmeId ? { id: programmeId, title: programmeTitle } : null })),
  };
}
