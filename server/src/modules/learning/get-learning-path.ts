import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { findClashes, weeklyGrid } from '../../algorithms/timetable';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { enrolments } from '../enrolments/schema';
import { loadChildRecords } from '../families/access';
import { organizations } from '../organizations/schema';
import { programmeSlots, programmes } from '../programmes/schema';
import { learningPolicy } from './policy';
import { attendanceTallies, tallyOf } from './programme-records';

const venues = alias(organizations, 'venue');

/** Weekly slots of programmes, grouped by programme, in order of weekday and time. */
export async function slotsOfProgrammes(db: Database, programmeIds: string[]) {
  const bySlot = new Map<string, { weekday: number; startMinute: number; endMinute: number }[]>();
  if (programmeIds.length === 0) return bySlot;
  const rows = await db
    .select()
    .from(programmeSlots)
    .where(inArray(programmeSlots.programmeId, programmeIds))
    .orderBy(asc(programmeSlots.weekday), asc(programmeSlots.startMinute), asc(programmeSlots.endMinute));
  for (const { programmeId, weekday, startMinute, endMinute } of rows) bySlot.set(programmeId, [...(bySlot.get(programmeId) ?? []), { weekday, startMinute, endMinute }]);
  return bySlot;
}

/**
 * A child's programmes across organisations in one week: every programme the child studies in or has
 * finished, with its slots, attendance and result, the week Monday to Sunday, and the clashes between
 * the programmes the child attends now. The guardian and the home school see all of it; a provider's
 * staff see only their own organisation's programmes.
 */
export async function getLearningPath(context: CommandContext, childId: string) {
  const { child, relation } = await loadChildRecords(context.db, context.actor, childId);
  const rows = await context.db
    .select({
      enrolment: enrolments,
      programme: programmes,
      provider: { id: organizations.id, shortName: organizations.shortName, address: organizations.address },
      venue: { id: venues.id, shortName: venues.shortName, address: venues.address },
    })
    .from(enrolments)
    .innerJoin(programmes, eq(programmes.id, enrolments.programmeId))
    .innerJoin(organizations, eq(organizations.id, programmes.organizationId))
    .leftJoin(venues, eq(venues.id, programmes.venueOrganizationId))
    .where(and(eq(enrolments.childId, child.id), inArray(enrolments.state, ['enrolled', 'completed'])))
    .orderBy(asc(programmes.startsOn), asc(programmes.title));
  const visible = relation === 'provider' ? rows.filter((row) => context.actor && learningPolicy.keepRecords(context.actor, row.programme.organizationId)) : rows;

  const slots = await slotsOfProgrammes(context.db, visible.map((row) => row.programme.id));
  const tallies = await attendanceTallies(context.db, visible.map((row) => row.enrolment.id));
  const items = visible.map(({ enrolment, programme, provider, venue }) => ({
    enrolmentId: enrolment.id,
    state: enrolment.state,
    programme: {
      id: programme.id,
      title: programme.title,
      provider: { id: provider.id, shortName: provider.shortName },
      // Classes are at the partner's facility when one is named, otherwise at the provider.
      venue: venue ?? provider,
      format: programme.format,
      teacherName: programme.teacherName,
    },
    slots: slots.get(programme.id) ?? [],
    startsOn: programme.startsOn,
    endsOn: programme.endsOn,
    attendance: tallyOf(tallies, enrolment.id),
    result: enrolment.result,
    resultNote: enrolment.resultNote,
  }));

  // Only the programmes the child attends now take up the week; finished ones are history.
  const attending = items.filter((item) => item.state === 'enrolled').map((item) => ({ id: item.enrolmentId, startsOn: item.startsOn, endsOn: item.endsOn, slots: item.slots }));
  const grid = weeklyGrid(attending);
  return {
    child: { id: child.id, fullName: child.fullName },
    items,
    clashes: findClashes(attending),
    week: Object.entries(grid).map(([weekday, blocks]) => ({ weekday: Number(weekday), blocks })),
  };
}
