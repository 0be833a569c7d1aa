import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { Problem, conflict, forbidden, notSignedIn } from '../../platform/problem';
import { children } from '../families/schema';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { planItems } from '../plans/schema';
import { regionTimezone } from '../territory/region-clock';
import { type EventRow, loadVisibleEvent, managedEvents, managesEvent } from './access';
import type { RegistrationRow } from './event-seats';
import { eventSpeakersOf } from './event-speakers';
import { eventOrganizers, eventRegistrations, eventSessions, events, liveRegistrationStates } from './schema';

export const staleEvent = () => conflict('Мероприятие уже изменил другой пользователь. Обновите страницу и внесите правки ещё раз.');

/**
 * The event a person who manages it is about to change, locked until the transaction ends (seats taken meanwhile
 * update the same row, so they are counted before capacity is judged). Someone who sees it but does not manage it
 * gets 403; to anyone else it does not exist (404), as `loadVisibleEvent` says.
 */
export async function lockManagedEvent(tx: Database, context: CommandContext, id: string, version?: number): Promise<EventRow> {
  if (!context.actor) throw notSignedIn();
  await loadVisibleEvent(tx, context.actor, id);
  const [row] = await tx.select().from(events).where(and(eq(events.id, id), managedEvents(context.actor))).for('update');
  if (!row) throw forbidden('Мероприятием управляют руководители организаций-организаторов и координаторы его сети.');
  if (version !== undefined && row.version !== version) throw staleEvent();
  return row;
}

/** A registration's place in its event's line, as a column over `event_registrations`; null unless waitlisted. */
export const queuePositionColumn = sql<number | null>`case when ${eventRegistrations.state} = 'waitlisted' then (
  select count(*)::int from event_registrations ahead
  where ahead.event_id = event_registrations.event_id and ahead.state = 'waitlisted' and ahead.queue_no <= event_registrations.queue_no
) end`;

/** How many wait for a seat of the event (its id, or the column of a joined event). */
export const eventWaitlistLengthOf = (eventId: string | typeof events.id) =>
  sql<number>`(select count(*)::int from ${eventRegistrations} where ${eventRegistrations.eventId} = ${eventId} and ${eventRegistrations.state} = 'waitlisted')`;

/** What a registration command answers and what a person sees of their own registration. */
export interface RegistrationAnswer {
  id: string;
  eventId: string;
  sessionId: string | null;
  userId: string | null;
  childId: string | null;
  onBehalfOfOrganizationId: string | null;
  role: RegistrationRow['role'];
  state: RegistrationRow['state'];
  /** 1 for the first in line; null unless waitlisted. */
  waitlistPosition: number | null;
  /** The code shown as a QR and typed at the door; only to the registrant, their guardian or school, and the organisers. */
  checkInCode: string;
  checkedInAt: string | null;
  version: number;
}

export async function presentRegistration(db: Database, row: RegistrationRow): Promise<RegistrationAnswer> {
  const waitlistPosition =
    row.state === 'waitlisted' ? ((await db.select({ position: queuePositionColumn }).from(eventRegistrations).where(eq(eventRegistrations.id, row.id)))[0]?.position ?? null) : null;
  return {
    id: row.id,
    eventId: row.eventId,
    sessionId: row.sessionId,
    userId: row.userId,
    childId: row.childId,
    onBehalfOfOrganizationId: row.onBehalfOfOrganizationId,
    role: row.role,
    state: row.state,
    waitlistPosition,
    checkInCode: row.checkInCode,
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
    version: row.version,
  };
}

/** The live (and ended) registrations of the actor and of the actor's children at the event, newest first. */
async function ownRegistrations(db: Database, actor: Actor, eventId: string) {
  const rows = await db
    .select({ registration: eventRegistrations, childName: children.fullName })
    .from(eventRegistrations)
    .leftJoin(children, eq(children.id, eventRegistrations.childId))
    .where(and(eq(eventRegistrations.eventId, eventId), or(eq(eventRegistrations.userId, actor.userId), eq(children.guardianUserId, actor.userId))))
    .orderBy(sql`${eventRegistrations.createdAt} desc`);
  return Promise.all(rows.map(async (r) => ({ ...(await presentRegistration(db, r.registration)), childName: r.childName })));
}

/** Whether registration is open at `now`: published, inside the window (from publication, until the start by default). */
export function registrationOpen(event: Pick<EventRow, 'state' | 'registrationOpensAt' | 'registrationClosesAt' | 'startsAt'>, now: Date): boolean {
  if (event.state !== 'published') return false;
  if (event.registrationOpensAt && now < event.registrationOpensAt) return false;
  return now < (event.registrationClosesAt ?? event.startsAt);
}

/**
 * An event as the caller sees it: its organisers, network, plan item, programme and sections with their seats, the
 * caller's own registrations (and their children's), and whether the caller manages it. The online link is shown only
 * to people registered (a seat, not a place in line) and to those who manage the event.
 */
export async function presentEvent(db: Database, actor: Actor | null, row: EventRow, now = new Date()) {
  const [organization] = await db.select({ id: organizations.id, shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, row.organizationId));
  const coOrganizers = await db
    .select({ id: organizations.id, shortName: organizations.shortName })
    .from(eventOrganizers)
    .innerJoin(organizations, eq(organizations.id, eventOrganizers.organizationId))
    .where(eq(eventOrganizers.eventId, row.id))
    .orderBy(asc(organizations.sortKey));
  const [network] = row.networkId ? await db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.id, row.networkId)) : [];
  const [planItem] = row.planItemId ? await db.select({ id: planItems.id, activity: planItems.activity }).from(planItems).where(eq(planItems.id, row.planItemId)) : [];
  const sessions = await db.select().from(eventSessions).where(eq(eventSessions.eventId, row.id)).orderBy(asc(eventSessions.position));
  const speakers = await eventSpeakersOf(db, row.id);
  const [{ waiting }] = await db.select({ waiting: eventWaitlistLengthOf(row.id) }).from(sql`(select) as one`);
  const canManage = !!actor && (await managesEvent(db, actor, row.id));
  const mine = actor ? await ownRegistrations(db, actor, row.id) : [];
  const seated = mine.some((r) => r.state === 'registered');
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    audiences: row.audiences,
    gradeFrom: row.gradeFrom,
    gradeTo: row.gradeTo,
    format: row.format,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    /** The link, to those registered and the organisers; null to everyone else (`hasOnlineUrl` says one exists). */
    onlineUrl: canManage || seated ? row.onlineUrl : null,
    hasOnlineUrl: row.onlineUrl !== '',
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    timezone: await regionTimezone(db),
    capacity: row.capacity,
    seatsTaken: row.seatsTaken,
    seatsFree: row.capacity === null ? null : Math.max(0, row.capacity - row.seatsTaken),
    waitlistLength: waiting,
    registrationOpensAt: row.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: row.registrationClosesAt?.toISOString() ?? null,
    registrationOpen: registrationOpen(row, now),
    approvalRequired: row.approvalRequired,
    organization,
    coOrganizers,
    network: network ?? null,
    planItem: planItem ?? null,
    state: row.state,
    cancelReason: row.cancelReason,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    sessions: sessions.map((s) => ({
      id: s.id,
      isSection: s.isSection,
      title: s.title,
      description: s.description,
      startsAt: s.startsAt?.toISOString() ?? null,
      endsAt: s.endsAt?.toISOString() ?? null,
      place: s.place,
      speakers: speakers.filter((speaker) => speaker.sessionId === s.id).map(({ sessionId: _session, ...speaker }) => speaker),
      capacity: s.capacity,
      seatsTaken: s.seatsTaken,
      seatsFree: s.capacity === null ? null : Math.max(0, s.capacity - s.seatsTaken),
    })),
    canManage,
    myRegistrations: mine,
    version: row.version,
  };
}
export type EventAnswer = Awaited<ReturnType<typeof presentEvent>>;

/** The registration, locked for a change, at the version the caller saw, and still live. */
export async function lockLiveRegistration(db: Database, id: string, version: number): Promise<RegistrationRow> {
  const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id)).for('update');
  if (!row) throw new Problem(404, 'Не найдено', 'Запись на мероприятие не найдена или удалена.');
  if (!(liveRegistrationStates as readonly string[]).includes(row.state)) {
    throw new Problem(409, 'Запись уже завершена', 'Эта запись на мероприятие уже отменена или отклонена. Обновите страницу.', { state: row.state });
  }
  if (row.version !== version) throw new Problem(409, 'Конфликт изменений', 'Запись изменилась, пока вы её смотрели (например, вас перевели из листа ожидания). Обновите страницу и повторите.');
  return row;
}

/** Live registrations of people among `childIds` at the event (group registration says who is already there). */
export async function liveChildRegistrations(db: Database, eventId: string, childIds: string[]) {
  if (!childIds.length) return [];
  return db
    .select({ childId: eventRegistrations.childId, state: eventRegistrations.state })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.childId, childIds), inArray(eventRegistrations.state, [...liveRegistrationStates])));
}
