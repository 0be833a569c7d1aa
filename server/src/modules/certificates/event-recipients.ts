import { and, eq, isNotNull, or } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { users } from '../accounts/schema';
import type { EventRow } from '../events/access';
import { personName } from '../events/check-in-access';
import { eventRegistrations, eventSpeakers } from '../events/schema';
import { children } from '../families/schema';
import type { CertificateRole } from './schema';

export interface Recipient {
  userId: string | null;
  childId: string | null;
  registrationId: string | null;
  name: string;
  role: CertificateRole;
}

/**
 * Who an event's certificates are for: every registered participant who came (checked in at the door or marked by
 * list), every registered speaker, and every speaker the organisers assigned to a session with an account (guests named only
 * get none). One per person and role.
 */
export async function eventRecipients(db: Database, event: Pick<EventRow, 'id'>): Promise<Recipient[]> {
  const registered = await db
    .select({ userId: eventRegistrations.userId, childId: eventRegistrations.childId, registrationId: eventRegistrations.id, name: personName, role: eventRegistrations.role })
    .from(eventRegistrations)
    .leftJoin(users, eq(users.id, eventRegistrations.userId))
    .leftJoin(children, eq(children.id, eventRegistrations.childId))
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.state, 'registered'), or(isNotNull(eventRegistrations.checkedInAt), eq(eventRegistrations.role, 'speaker'))));
  // Speakers the organisers assigned with an account; a guest named only has no account to receive one.
  const speakers = await db
    .select({ userId: users.id, name: users.fullName })
    .from(eventSpeakers)
    .innerJoin(users, eq(users.id, eventSpeakers.userId))
    .where(eq(eventSpeakers.eventId, event.id))
    .orderBy(eventSpeakers.createdAt);
  const all: Recipient[] = [...registered, ...speakers.map((s) => ({ userId: s.userId, childId: null, registrationId: null, name: s.name, role: 'speaker' as const }))];
  const seen = new Set<string>();
  return all.filter((r) => {
    const key = `${r.userId ?? r.childId}:${r.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
