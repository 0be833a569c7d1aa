import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { findClashes } from '../../algorithms/timetable';
import type { CommandContext } from '../../platform/context';
import { notSignedIn } from '../../platform/problem';
import { childConsents, children } from '../families/schema';
import { slotsOfProgrammes } from '../learning/get-learning-path';
import { loadVisibleProgramme } from '../programmes/programme-access';
import { programmes } from '../programmes/schema';
import { regionToday } from '../territory/region-clock';
import { waitlistPositionColumn } from './enrolment-access';
import { enrolmentRefusals } from './eligibility';
import { enrolments, liveEnrolmentStates } from './schema';

/**
 * For the programme page, before anything is pressed: each of the signed-in guardian's own children (no
 * one else's — the list is the guardian's) with whether the programme fits them, why not in the enrolment
 * command's own words (enrolmentRefusals), the place they already hold, and which of the classes they
 * attend now the programme's classes would clash with. Anyone else gets an empty list.
 */
export async function getEligibility(context: CommandContext, programmeId: string) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const db = context.db;
  const programme = await loadVisibleProgramme(db, context, programmeId);
  const today = await regionToday(db);
  const own = await db.select().from(children).where(eq(children.guardianUserId, actor.userId)).orderBy(asc(children.createdAt));
  if (own.length === 0) return { children: [] };
  const ids = own.map((c) => c.id);

  const consented = new Set(
    (await db.select({ childId: childConsents.childId }).from(childConsents).where(and(inArray(childConsents.childId, ids), isNull(childConsents.withdrawnAt)))).map(
      (r) => r.childId,
    ),
  );
  const places = await db
    .select({ id: enrolments.id, childId: enrolments.childId, state: enrolments.state, waitlistPosition: waitlistPositionColumn })
    .from(enrolments)
    .where(and(inArray(enrolments.childId, ids), eq(enrolments.programmeId, programme.id), inArray(enrolments.state, [...liveEnrolmentStates])));
  // The week each child attends now, as the learning path draws it: the programmes they are enrolled in.
  const attending = await db
    .select({ childId: enrolments.childId, id: programmes.id, title: programmes.title, startsOn: programmes.startsOn, endsOn: programmes.endsOn })
    .from(enrolments)
    .innerJoin(programmes, eq(programmes.id, enrolments.programmeId))
    .where(and(inArray(enrolments.childId, ids), eq(enrolments.state, 'enrolled'), ne(enrolments.programmeId, programme.id)));
  const slots = await slotsOfProgrammes(db, [programme.id, ...new Set(attending.map((a) => a.id))]);
  const candidate = { id: programme.id, startsOn: programme.startsOn, endsOn: programme.endsOn, slots: slots.get(programme.id) ?? [] };

  return {
    children: own.map((child) => {
      const place = places.find((p) => p.childId === child.id);
      const theirs = attending.filter((a) => a.childId === child.id);
      const clashes = findClashes([candidate, ...theirs.map((a) => ({ id: a.id, startsOn: a.startsOn, endsOn: a.endsOn, slots: slots.get(a.id) ?? [] }))])
        .filter((clash) => clash.first === programme.id)
        .map(({ second, weekday, startMinute, endMinute }) => ({
          programme: { id: second, title: theirs.find((a) => a.id === second)!.title },
          weekday,
          startMinute,
          endMinute,
        }));
      const reasons = enrolmentRefusals(programme, child, { consent: consented.has(child.id), today }).map((p) => ({
        code: p.extra.code as string,
        title: p.title,
        detail: p.detail,
      }));
      return {
        child: { id: child.id, fullName: child.fullName, grade: child.grade, birthDate: child.birthDate },
        consent: consented.has(child.id),
        enrolment: place ? { id: place.id, state: place.state, waitlistPosition: place.waitlistPosition } : null,
        reasons,
        canEnrol: !place && reasons.length === 0,
        clashes,
      };
    }),
  };
}
