import { and, ilike, isNull } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { forbidden, notSignedIn } from '../../platform/problem';
import { users } from '../accounts/schema';
import { likePattern } from '../people/list-people';
import { byName } from '../people/present-person';
import { loadVisibleEvent, managesEvent } from './access';
import { speakerCandidates, workplacesOf, worksForOrganisers } from './event-speakers';

const LIMIT = 30;

/**
 * Whom the organisers may make a speaker: without a query, the staff of the event's organisers; with one, everyone
 * they may pick (`speakerCandidates`) whose name contains it. Names and workplaces only — no addresses.
 */
export async function listSpeakerCandidates(context: CommandContext, eventId: string, q: string | undefined) {
  if (!context.actor) throw notSignedIn();
  await loadVisibleEvent(context.db, context.actor, eventId);
  if (!(await managesEvent(context.db, context.actor, eventId))) throw forbidden('Спикеров назначают организаторы мероприятия.');
  const query = q?.trim();
  const rows = await context.db
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(and(isNull(users.disabledAt), query ? and(speakerCandidates(context.actor, eventId), ilike(users.fullName, likePattern(query))) : worksForOrganisers(eventId)))
    .orderBy(...byName)
    .limit(LIMIT + 1);
  const places = await workplacesOf(context.db, rows.slice(0, LIMIT).map((r) => r.id));
  return { items: rows.slice(0, LIMIT).map((r) => ({ id: r.id, fullName: r.fullName, organizations: places.get(r.id) ?? [] })), more: rows.length > LIMIT };
}
