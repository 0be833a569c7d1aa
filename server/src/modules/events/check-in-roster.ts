import { and, asc, inArray } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { loadEventAtTheDoor, ofEvent, personName, registrationsWithNames } from './check-in-access';
import { eventRegistrations } from './schema';

/**
 * The door's list, downloaded by the check-in page to work offline: everyone registered (with their codes, so a
 * phone without network can tell a known code from an unknown one), and those whose registration ended or waits,
 * so a scan of their code says why they are not let in. Only those who manage the event read it.
 */
export async function getCheckInRoster(context: CommandContext, eventId: string) {
  const event = await loadEventAtTheDoor(context.db, context.actor, eventId, 'viewRoster');
  const rows = await registrationsWithNames(context.db)
    .where(and(ofEvent(eventId), inArray(eventRegistrations.state, ['registered', 'pending', 'waitlisted', 'cancelled', 'rejected'])))
    .orderBy(asc(personName), asc(eventRegistrations.queueNo));
  return {
    event: { id: event.id, title: event.title, state: event.state, startsAt: event.startsAt.toISOString(), endsAt: event.endsAt.toISOString() },
    fetchedAt: new Date().toISOString(),
    items: rows.map((r) => ({
      registrationId: r.id,
      code: r.code,
      state: r.state,
      role: r.role,
      name: r.name,
      child: r.child,
      school: r.school,
      section: r.section,
      checkedInAt: r.checkedInAt?.toISOString() ?? null,
      version: r.version,
    })),
  };
}
