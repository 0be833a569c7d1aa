import { eq } from 'drizzle-orm';
import type { CommandContext } from '../platform/context';
import type { Database } from '../platform/db/client';
import { users } from '../modules/accounts/schema';
import { loadActor } from '../modules/accounts/sessions';
import { enrolChild } from '../modules/enrolments/enrol-child';
import { enrolments } from '../modules/enrolments/schema';
import { organizations } from '../modules/organizations/schema';
import { programmes } from '../modules/programmes/schema';
import { municipalities } from '../modules/territory/schema';
import type { EnrolmentAnswer } from '../modules/enrolments/enrolment-access';
import { recordAttendance } from '../modules/learning/record-attendance';
import { recordResult } from '../modules/learning/record-result';
import type { DemoHeads } from './demo-heads';
import type { DemoChild } from './seed-demo-families';

const SCHOOL_YEAR_START = new Date('2026-09-01T07:00:00Z');

/** Tuesdays and Thursdays of November 2026: the robotics classes already held when the demo starts. */
const roboticsClassDates = ['2026-11-03', '2026-11-05', '2026-11-10', '2026-11-12', '2026-11-17', '2026-11-19', '2026-11-24', '2026-11-26'];

/**
 * Demo enrolments, made through the commands a guardian and a provider use (so seats, waitlists and
 * audit are what a real run gives):
 * - ЦИТТ's robotics has a dozen children with a month of attendance; 3D modelling (2 seats) is full and
 *   the demo guardian's son Артём waits second in line;
 * - his sister Дарья attends robotics and the lyceum's financial literacy elective, whose Thursday
 *   classes overlap — the clash her learning path flags; she finished the autumn coast-ecology practicum
 *   with a certificate, which her (confirmed) home school sees on its students page;
 * - Novocherkassk's project course and Tyumen's distance Python elective have a few children each.
 */
export async function seedDemoEnrolments(
  db: Database,
  heads: DemoHeads,
  programmeIds: Record<string, string>,
  families: { demoGuardianChildren: DemoChild[]; otherChildren: DemoChild[] },
) {
  const guardians = new Map<string, CommandContext>();
  const asGuardianOf = async (child: DemoChild) => {
    if (!guardians.has(child.guardianUserId)) {
      const [user] = await db.select().from(users).where(eq(users.id, child.guardianUserId));
      guardians.set(child.guardianUserId, { db, actor: await loadActor(db, user), ip: 'seed' });
    }
    return guardians.get(child.guardianUserId)!;
  };
  const enrol = async (child: DemoChild, slug: string, waitlist = false): Promise<EnrolmentAnswer> => {
    const { enrolment } = await enrolChild(await asGuardianOf(child), programmeIds[slug], { childId: child.id, waitlist }, `demo-${slug}-${child.id}`);
    // The demo's families enrolled when the school year began, so the autumn's attendance is theirs.
    if (enrolment.state === 'enrolled') await db.update(enrolments).set({ enrolledAt: SCHOOL_YEAR_START }).where(eq(enrolments.id, enrolment.id));
    return enrolment;
  };

  const [artyom, darya] = families.demoGuardianChildren;
  // Families enrol near home: in programmes of their own part of the region.
  const partOf = new Map(
    (
      await db
        .select({ id: organizations.id, subject: municipalities.subjectName })
        .from(organizations)
        .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
    ).map((o) => [o.id, o.subject]),
  );
  const graded = (part: string, from: number, to: number) =>
    families.otherChildren.filter((c) => partOf.get(c.homeSchoolId) === part && c.grade >= from && c.grade <= to);
  const kaliningrad = (from: number, to: number) => graded('Калининградская область', from, to);

  const robotics = [await enrol(darya, 'kld-robotics')];
  for (const child of kaliningrad(5, 9).slice(0, 11)) robotics.push(await enrol(child, 'kld-robotics'));
  await enrol(darya, 'kld-finance');
  for (const child of kaliningrad(8, 9).slice(0, 6)) await enrol(child, 'kld-finance');

  const modelling = kaliningrad(7, 11);
  await enrol(modelling[0], 'kld-3d');
  await enrol(modelling[1], 'kld-3d');
  await enrol(modelling[2], 'kld-3d', true);
  await enrol(artyom, 'kld-3d', true);

  // The practicum ended before the demo's today, when enrolment is refused; its enrolments are history, written as made in August.
  const coastChildren = [darya, ...kaliningrad(7, 9).slice(3, 7)];
  const coast = await db
    .insert(enrolments)
    .values(
      coastChildren.map((child) => ({
        childId: child.id,
        programmeId: programmeIds['kld-coast-ecology'],
        state: 'enrolled' as const,
        requestedBy: child.guardianUserId,
        idempotencyKey: `demo-kld-coast-ecology-${child.id}`,
        enrolledAt: new Date('2026-08-28T09:00:00Z'),
      })),
    )
    .returning();
  await db.update(programmes).set({ seatsTaken: coast.length }).where(eq(programmes.id, programmeIds['kld-coast-ecology']));
  for (const child of graded('Ростовская область', 5, 7).slice(0, 5)) await enrol(child, 'nvch-projects');
  for (const child of graded('Тюменская область', 8, 9).slice(0, 8)) await enrol(child, 'tmn-python');

  const citt: CommandContext = { db, actor: await heads.headOf('kld-citt'), ip: 'seed' };
  for (const [day, classDate] of roboticsClassDates.entries()) {
    // One or two children miss each class, different ones each time.
    const marks = robotics.map((e, i) => ({ enrolmentId: e.id, present: (i + day) % 7 !== 0 && (i * 3 + day) % 11 !== 0 }));
    await recordAttendance(citt, programmeIds['kld-robotics'], { classDate, marks });
  }

  const school39: CommandContext = { db, actor: await heads.headOf('kld-school-39'), ip: 'seed' };
  for (const [i, enrolment] of coast.entries()) {
    await recordResult(school39, enrolment.id, {
      version: enrolment.version,
      result: i === coast.length - 1 ? 'not_completed' : 'certificate',
      note: i === 0 ? 'Исследование загрязнения пляжа в Балтийске — лучший проект практикума' : '',
    });
  }
  return { enrolments: robotics.length + coast.length };
}
