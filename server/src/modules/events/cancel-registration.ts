import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { Problem, notFound, notSignedIn } from '../../platform/problem';
import { children } from '../families/schema';
import { loadVisibleEvent, managesEvent } from './access';
import { lockLiveRegistration, presentRegistration } from './event-access';
import { endRegistration, lockEventSeats } from './event-seats';
import { eventPolicy } from './policy';
import { eventRegistrations } from './schema';

const registrationNotFound = () => notFound('Запись на мероприятие');

/** A registration and its event, when the caller acts for it (the person, the guardian, the school) or manages the event; 404 to everyone else. */
export async function loadOwnRegistration(context: CommandContext, id: string) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const [registration] = await context.db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id)).limit(1);
  if (!registration) throw registrationNotFound();
  const [child] = registration.childId ? await context.db.select({ guardianUserId: children.guardianUserId }).from(children).where(eq(children.id, registration.childId)) : [null];
  const own = eventPolicy.cancel(actor, registration, child ?? null);
  if (!own && !(await managesEvent(context.db, actor, registration.eventId))) throw registrationNotFound();
  return { registration, own, event: await loadVisibleEvent(context.db, actor, registration.eventId) };
}

/**
 * The person registered (a child's guardian, the school that registered its group) gives up the place, the place in
 * line or the request. A freed seat goes at once to the first in line, who is notified. The organisers end a
 * registration by rejecting it, with a reason.
 */
export async function cancelRegistration(context: CommandContext, id: string, input: { version: number }) {
  const { registration, own, event } = await loadOwnRegistration(context, id);
  if (!own) throw new Problem(403, 'Доступ запрещён', 'Организаторы отменяют запись участника через «Отклонить» — с причиной, которую он увидит.');
  if (event.state === 'finished') throw new Problem(409, 'Мероприятие завершено', 'Мероприятие уже прошло: запись на него не отменяется.');
  const ended = await context.db.transaction(async (tx) => {
    // Lock order: the event, then the registration (as every seat change).
    await lockEventSeats(tx, registration.eventId);
    return endRegistration(tx, context, await lockLiveRegistration(tx, id, input.version), 'cancelled');
  });
  return presentRegistration(context.db, ended);
}
