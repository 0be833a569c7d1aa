import { type SQL, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { memberships, users } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { visiblePeople } from '../people/policy';
import { eventOrganizers, eventSpeakers, events } from './schema';

/** A speaker as the programme shows them: a guest's name, or the account's name as it stands. */
export interface SpeakerAnswer {
  id: string;
  sessionId: string;
  name: string;
  /** A person with an account (receives a certificate of a speaker); false for a guest named only. */
  hasAccount: boolean;
}

/** The event's speakers in the order they were assigned. */
export async function eventSpeakersOf(db: Database, eventId: string): Promise<SpeakerAnswer[]> {
  const rows = await db
    .select({ id: eventSpeakers.id, sessionId: eventSpeakers.sessionId, name: sql<string>`coalesce(${users.fullName}, ${eventSpeakers.name})`, userId: eventSpeakers.userId })
    .from(eventSpeakers)
    .leftJoin(users, eq(users.id, eventSpeakers.userId))
    .where(eq(eventSpeakers.eventId, eventId))
    .orderBy(asc(eventSpeakers.createdAt), asc(eventSpeakers.id));
  return rows.map((r) => ({ id: r.id, sessionId: r.sessionId, name: r.name, hasAccount: r.userId !== null }));
}

/** A condition on users: works in the lead organiser or a co-organiser of the event. */
export const worksForOrganisers = (eventId: string): SQL =>
  sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.organizationId} in (
    select ${events.organizationId} from ${events} where ${events.id} = ${eventId}
    union select ${eventOrganizers.organizationId} from ${eventOrganizers} where ${eventOrganizers.eventId} = ${eventId}))`;

/**
 * THE rule of whom an organiser may make a speaker, as a condition on users: the staff of the event's organisers,
 * and the people the organiser sees in «Люди» (the staff of the places they grant roles in; everyone for the
 * operator) — never an account found by guessing. Both the candidate list and the assignment ask it.
 */
export const speakerCandidates = (actor: Actor, eventId: string): SQL => or(worksForOrganisers(eventId), visiblePeople(actor))!;

/** The short names of the organisations the people work in, per person. */
export async function workplacesOf(db: Database, userIds: string[]): Promise<Map<string, string[]>> {
  const places = new Map<string, string[]>();
  if (!userIds.length) return places;
  const rows = await db
    .select({ userId: memberships.userId, name: organizations.shortName })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(inArray(memberships.userId, userIds))
    .orderBy(organizations.sortKey);
  for (const r of rows) places.set(r.userId, [...new Set([...(places.get(r.userId) ?? []), r.name])]);
  return places;
}
