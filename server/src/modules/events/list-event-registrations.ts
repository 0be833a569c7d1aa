import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CommandContext } from '../../platform/context';
import { forbidden, notSignedIn } from '../../platform/problem';
import { memberships, users } from '../accounts/schema';
import { children } from '../families/schema';
import { organizations } from '../organizations/schema';
import { loadVisibleEvent, managesEvent } from './access';
import { queuePositionColumn } from './event-access';
import { eventRegistrations, eventSessions } from './schema';

const homeSchool = alias(organizations, 'home_school');
const onBehalfOf = alias(organizations, 'on_behalf_of');

const stateOrder = sql`case ${eventRegistrations.state} when 'pending' then 0 when 'registered' then 1 when 'waitlisted' then 2 else 3 end`;

/**
 * The organisers' list of an event: who is registered, waits, awaits approval or was cancelled — an adult by name and
 * organisations, a child by name, grade and school (what the door and the certificate need, nothing more), the section,
 * the check-in code and whether they came. Only those who manage the event (403 to others who see it).
 */
export async function listEventRegistrations(context: CommandContext, eventId: string) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const event = await loadVisibleEvent(context.db, actor, eventId);
  if (!(await managesEvent(context.db, actor, event.id))) throw forbidden('Список участников видят организаторы мероприятия.');
  const rows = await context.db
    .select({
      registration: eventRegistrations,
      position: queuePositionColumn,
      adultName: users.fullName,
      childName: children.fullName,
      childGrade: children.grade,
      homeSchool: homeSchool.shortName,
      onBehalfOf: onBehalfOf.shortName,
      section: eventSessions.title,
    })
    .from(eventRegistrations)
    .leftJoin(users, eq(users.id, eventRegistrations.userId))
    .leftJoin(children, eq(children.id, eventRegistrations.childId))
    .leftJoin(homeSchool, eq(homeSchool.id, children.homeSchoolId))
    .leftJoin(onBehalfOf, eq(onBehalfOf.id, eventRegistrations.onBehalfOfOrganizationId))
    .leftJoin(eventSessions, eq(eventSessions.id, eventRegistrations.sessionId))
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(stateOrder, asc(eventRegistrations.queueNo));
  const adultIds = rows.flatMap((r) => (r.registration.userId ? [r.registration.userId] : []));
  const workplaces = adultIds.length
    ? await context.db
        .selectDistinct({ userId: memberships.userId, shortName: organizations.shortName })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(and(inArray(memberships.userId, adultIds)))
    : [];
  const placesOf = new Map<string, string[]>();
  for (const w of workplaces) placesOf.set(w.userId, [...(placesOf.get(w.userId) ?? []), w.shortName]);
  return {
    items: rows.map((r) => ({
      id: r.registration.id,
      state: r.registration.state,
      role: r.registration.role,
      waitlistPosition: r.position,
      name: r.adultName ?? r.childName ?? '',
      isChild: r.registration.childId !== null,
      grade: r.childGrade,
      organizations: r.registration.userId ? (placesOf.get(r.registration.userId) ?? []) : r.homeSchool ? [r.homeSchool] : [],
      onBehalfOf: r.onBehalfOf,
      sessionId: r.registration.sessionId,
      section: r.section,
      checkInCode: r.registration.checkInCode,
      checkedInAt: r.registration.checkedInAt?.toISOString() ?? null,
      createdAt: r.registration.createdAt.toISOString(),
      version: r.registration.version,
    })),
  };
}
