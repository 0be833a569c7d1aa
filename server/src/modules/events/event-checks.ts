import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { Problem, type FieldError, invalid } from '../../platform/problem';
import { networkMembers } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { planItems, plans } from '../plans/schema';
import { type EventShape, type SessionInput, eventErrors } from './event-fields';
import { eventOrganizers, eventRegistrations, eventSessions, liveRegistrationStates } from './schema';

interface Checked extends EventShape {
  organizationId: string;
  networkId: string | null;
  planItemId: string | null;
}

/**
 * Everything an event is judged by before it is stored, with every problem named by its field, so nothing is written
 * when any is wrong: the rules across fields, the network (the lead organiser is an active member of it), the plan
 * item (in a plan of that network), the co-organisers (existing, not archived, not the lead organiser).
 */
export async function checkEvent(db: Database, record: Checked, sessions: SessionInput[] | undefined, coOrganizerIds: string[] | undefined, refusal: string): Promise<void> {
  const errors: FieldError[] = eventErrors(record, sessions);
  if (record.networkId) {
    const [member] = await db
      .select({ id: networkMembers.id })
      .from(networkMembers)
      .where(and(eq(networkMembers.networkId, record.networkId), eq(networkMembers.organizationId, record.organizationId), eq(networkMembers.state, 'active')))
      .limit(1);
    if (!member) errors.push({ field: 'networkId', message: 'Организация-организатор не участник этой сети: мероприятие сети проводят её участники' });
  }
  if (record.planItemId) {
    const [item] = await db
      .select({ networkId: plans.networkId })
      .from(planItems)
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .where(eq(planItems.id, record.planItemId))
      .limit(1);
    if (!item || item.networkId !== record.networkId) errors.push({ field: 'planItemId', message: 'Пункт плана должен быть из плана сети этого мероприятия' });
  }
  if (coOrganizerIds?.length) {
    const found = await db
      .select({ id: organizations.id, state: organizations.state })
      .from(organizations)
      .where(inArray(organizations.id, coOrganizerIds));
    const usable = new Set(found.filter((o) => o.state !== 'archived').map((o) => o.id));
    coOrganizerIds.forEach((id, index) => {
      if (id === record.organizationId) errors.push({ field: `coOrganizerIds.${index}`, message: 'Организатор уже указан: соорганизатором он быть не может' });
      else if (!usable.has(id)) errors.push({ field: `coOrganizerIds.${index}`, message: 'Соорганизатор не найден или в архиве' });
    });
  }
  if (errors.length) throw invalid(refusal, errors);
}

/** Replaces the co-organisers of the event with `ids`. */
export async function replaceCoOrganizers(tx: Database, eventId: string, ids: string[]): Promise<void> {
  await tx.delete(eventOrganizers).where(eq(eventOrganizers.eventId, eventId));
  if (ids.length) await tx.insert(eventOrganizers).values(ids.map((organizationId) => ({ eventId, organizationId })));
}

const sessionValues = (session: SessionInput, position: number) => ({
  isSection: session.isSection ?? false,
  title: session.title,
  description: session.description ?? '',
  startsAt: session.startsAt ? new Date(session.startsAt) : null,
  endsAt: session.endsAt ? new Date(session.endsAt) : null,
  place: session.place ?? '',
  capacity: session.capacity ?? null,
  position,
});

/**
 * Makes the event's programme the list given: sessions named by id are kept and changed, new ones added, the rest
 * removed. A section keeps the seats its registrations hold: its capacity cannot go below them, and a section with
 * live registrations is not removed (409, nothing changed). Call under the event's lock.
 */
export async function replaceSessions(tx: Database, eventId: string, sessions: SessionInput[]): Promise<void> {
  const current = await tx.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.position)).for('update');
  const byId = new Map(current.map((s) => [s.id, s]));
  const errors: FieldError[] = [];
  sessions.forEach((session, index) => {
    if (!session.id) return;
    const existing = byId.get(session.id);
    if (!existing) errors.push({ field: `sessions.${index}.id`, message: `Секция «${session.title}» не найдена в этом мероприятии` });
    else if (session.capacity != null && session.capacity < existing.seatsTaken) {
      errors.push({ field: `sessions.${index}.capacity`, message: `В секцию «${session.title}» уже записано ${existing.seatsTaken}: мест не может быть меньше` });
    } else if (!(session.isSection ?? false) && existing.isSection && existing.seatsTaken > 0) {
      errors.push({ field: `sessions.${index}.isSection`, message: `В секцию «${session.title}» уже записаны участники: она остаётся секцией` });
    }
  });
  if (errors.length) throw invalid('Программа мероприятия не сохранена.', errors);
  const kept = new Set(sessions.flatMap((s) => (s.id ? [s.id] : [])));
  const removed = current.filter((s) => !kept.has(s.id));
  if (removed.length) {
    const [used] = await tx
      .select({ sessionId: eventRegistrations.sessionId })
      .from(eventRegistrations)
      .where(and(inArray(eventRegistrations.sessionId, removed.map((s) => s.id)), inArray(eventRegistrations.state, [...liveRegistrationStates])))
      .limit(1);
    if (used) {
      const title = removed.find((s) => s.id === used.sessionId)?.title ?? '';
      throw new Problem(409, 'В секцию уже записаны', `В секцию «${title}» уже записаны участники, поэтому её нельзя убрать из программы. Сначала отмените их записи или оставьте секцию.`);
    }
    await tx.delete(eventSessions).where(inArray(eventSessions.id, removed.map((s) => s.id)));
  }
  for (const [position, session] of sessions.entries()) {
    if (session.id) await tx.update(eventSessions).set(sessionValues(session, position)).where(eq(eventSessions.id, session.id));
    else await tx.insert(eventSessions).values({ eventId, ...sessionValues(session, position) });
  }
}

/** The event's sessions as the audit keeps them. */
export async function auditedSessions(db: Database, eventId: string) {
  return db
    .select({ id: eventSessions.id, title: eventSessions.title, isSection: eventSessions.isSection, capacity: eventSessions.capacity })
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId))
    .orderBy(asc(eventSessions.position));
}
