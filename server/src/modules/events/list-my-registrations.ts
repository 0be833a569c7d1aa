import { desc, eq, or } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { notSignedIn } from '../../platform/problem';
import { children } from '../families/schema';
import { organizations } from '../organizations/schema';
import { queuePositionColumn } from './event-access';
import { eventRegistrations, eventSessions, events } from './schema';

/**
 * Where a person finds their registrations: their own and their children's, with the event, the section, the place
 * in line and the check-in code (shown as a QR at the door). Newest events first.
 */
export async function listMyRegistrations(context: CommandContext) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const rows = await context.db
    .select({
      registration: eventRegistrations,
      position: queuePositionColumn,
      childName: children.fullName,
      event: {
        id: events.id,
        title: events.title,
        kind: events.kind,
        format: events.format,
        address: events.address,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        state: events.state,
      },
      organization: organizations.shortName,
      section: eventSessions.title,
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .leftJoin(children, eq(children.id, eventRegistrations.childId))
    .leftJoin(eventSessions, eq(eventSessions.id, eventRegistrations.sessionId))
    .where(or(eq(eventRegistrations.userId, actor.userId), eq(children.guardianUserId, actor.userId)))
    .orderBy(desc(events.startsAt), desc(eventRegistrations.createdAt))
    .limit(500);
  return {
    items: rows.map((r) => ({
      id: r.registration.id,
      state: r.registration.state,
      role: r.registration.role,
      waitlistPosition: r.position,
      childId: r.registration.childId,
      childName: r.childName,
      section: r.section,
      checkInCode: r.registration.checkInCode,
      checkedInAt: r.registration.checkedInAt?.toISOString() ?? null,
      version: r.registration.version,
      event: { ...r.event, startsAt: r.event.startsAt.toISOString(), endsAt: r.event.endsAt.toISOString(), organization: r.organization },
    })),
  };
}
