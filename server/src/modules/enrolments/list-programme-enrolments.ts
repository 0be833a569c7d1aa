import { and, asc, eq, inArray } from 'drizzle-orm';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { children } from '../families/schema';
import { organizations } from '../organizations/schema';
import { programmes } from '../programmes/schema';
import { enrolmentPolicy } from './policy';
import { enrolments } from './schema';

/**
 * A programme's roster for its provider's staff: the enrolled (and completed) children by name, and the
 * waitlist in the order seats will go. Only what running the classes needs: name, grade, home school.
 */
export async function listProgrammeEnrolments(context: CommandContext, programmeId: string) {
  const [programme] = await context.db.select({ organizationId: programmes.organizationId, state: programmes.state }).from(programmes).where(eq(programmes.id, programmeId));
  // A draft is not disclosed to anyone outside its provider, as on the programme's own page.
  if (!programme || (programme.state === 'draft' && !(context.actor && enrolmentPolicy.viewRoster(context.actor, programme.organizationId)))) throw notFound('Программа');
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
  const byName = (row: (typeof rows)[number]) => russianSortKey(row.child.fullName);
  const enrolled = rows.filter((r) => r.state !== 'waitlisted').sort((a, b) => (byName(a) < byName(b) ? -1 : byName(a) > byName(b) ? 1 : 0));
  const waitlist = rows.filter((r) => r.state === 'waitlisted');
  return { enrolled: enrolled.map((r) => present(r, null)), waitlist: waitlist.map((r, index) => present(r, index + 1)) };
}
