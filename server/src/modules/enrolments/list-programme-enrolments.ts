import { and, asc, eq, inArray } from 'drizzle-orm';
import { compareRussian } from '../../algorithms/russian-sort-key';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { children } from '../families/schema';
import { organizations } from '../organizations/schema';
import { loadVisibleProgramme } from '../programmes/programme-access';
import { enrolmentPolicy } from './policy';
import { enrolments } from './schema';

/**
 * A programme's roster for its provider's staff: the enrolled (and completed) children by name, and the
 * waitlist in the order seats will go. Only what running the classes needs: name, grade, home school.
 */
export async function listProgrammeEnrolments(context: CommandContext, programmeId: string) {
  const programme = await loadVisibleProgramme(context.db, context, programmeId);
  authorize(context.actor, (actor) => enrolmentPolicy.viewRoster(actor, programme.organizationId));
  const rows = await context.db
    .select({
      enrolmentId: enrolments.id,
      state: enrolments.state,
      child: { id: children.id, fullName: children.fullName, grade: children.grade },
      homeSchoolId: organizations.id,
      homeSchoolShortName: organizations.shortName,
      enrolledAt: enrolments.enrolledAt,
      result: enrolments.result,
      version: enrolments.version,
    })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .leftJoin(organizations, eq(organizations.id, children.homeSchoolId))
    .where(and(eq(enrolments.programmeId, programmeId), inArray(enrolments.state, ['enrolled', 'completed', 'waitlisted'])))
    .orderBy(asc(enrolments.queueNo));
  const present = ({ homeSchoolId, homeSchoolShortName, ...row }: (typeof rows)[number], queuePosition: number | null) => ({
    ...row,
    homeSchool: homeSchoolId ? { id: homeSchoolId, shortName: homeSchoolShortName! } : null,
    queuePosition,
  });
  const enrolled = rows.filter((r) => r.state !== 'waitlisted').sort((a, b) => compareRussian(a.child.fullName, b.child.fullName));
  const waitlist = rows.filter((r) => r.state === 'waitlisted');
  return { enrolled: enrolled.map((r) => present(r, null)), waitlist: waitlist.map((r, index) => present(r, index + 1)) };
}
