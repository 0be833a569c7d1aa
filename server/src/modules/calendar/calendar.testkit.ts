import { randomBytes } from 'node:crypto';
import type { Database } from '../../platform/db/client';
import { eventRegistrations, events } from '../events/schema';

/**
 * Test data of the calendar, inserted directly so its tests do not depend on the events' commands: an event of the
 * organisation (published, in person, 15:00–17:00 Moscow on the given region date unless told otherwise), and a place at one.
 */
export async function insertEvent(db: Database, organizationId: string, values: Partial<typeof events.$inferInsert> & { on?: string } = {}) {
  const { on = '2026-03-16', ...rest } = values;
  const [row] = await db
    .insert(events)
    .values({
      kind: 'seminar',
      title: 'Семинар руководителей',
      description: 'Управление сетевым взаимодействием',
      organizationId,
      state: 'published',
      address: 'г. Калининград, ул. Школьная, 1',
      startsAt: new Date(`${on}T15:00:00+03:00`),
      endsAt: new Date(`${on}T17:00:00+03:00`),
      ...rest,
    })
    .returning();
  return row;
}

export async function insertRegistration(db: Database, eventId: string, person: { userId: string } | { childId: string }, state: 'registered' | 'waitlisted' | 'pending' | 'cancelled' = 'registered') {
  const [row] = await db
    .insert(eventRegistrations)
    .values({ eventId, ...person, state, checkInCode: randomBytes(4).toString('hex') })
    .returning();
  return row;
}
