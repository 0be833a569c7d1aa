import type { Database } from '../../platform/db/client';
import { eventRegistrations, events } from './schema';

let serial = 0;

/**
 * Test data for materials, feedback and consultations, inserted directly (the events area's own commands
 * create events and registrations; these tests are about what comes after). Times default to an event that has ended.
 */
export async function insertTestEvent(
  db: Database,
  values: { organizationId: string; networkId?: string | null; state?: 'draft' | 'published' | 'finished' | 'cancelled'; startsAt?: Date; endsAt?: Date; title?: string },
) {
  const endsAt = values.endsAt ?? new Date(Date.now() - 60 * 60 * 1000);
  const startsAt = values.startsAt ?? new Date(endsAt.getTime() - 2 * 60 * 60 * 1000);
  const [event] = await db
    .insert(events)
    .values({
      kind: 'seminar',
      title: values.title ?? `Семинар руководителей ${++serial}`,
      organizationId: values.organizationId,
      networkId: values.networkId ?? null,
      state: values.state ?? 'finished',
      startsAt,
      endsAt,
      publishedAt: new Date(startsAt.getTime() - 86_400_000),
    })
    .returning();
  return event;
}

/** A person's registration for the event, registered unless another state is given. */
export async function registerForTestEvent(db: Database, eventId: string, person: { userId?: string; childId?: string }, state: 'registered' | 'cancelled' | 'waitlisted' = 'registered') {
  const [registration] = await db
    .insert(eventRegistrations)
    .values({
      eventId,
      userId: person.userId ?? null,
      childId: person.childId ?? null,
      state,
      checkInCode: `T${++serial}`.padEnd(6, '0'),
      registeredAt: state === 'registered' ? new Date() : null,
    })
    .returning();
  return registration;
}
