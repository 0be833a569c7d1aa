import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tsvector } from '../../platform/db/column-types';
import { users } from '../accounts/schema';
import { children } from '../families/schema';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { planItems } from '../plans/schema';

/**
 * Семинар, мастер-класс, стажировка, консультация, практикум, конференция с секциями, олимпиада или тур конкурса,
 * фестиваль/концерт/соревнования, другое.
 */
export const eventKinds = ['seminar', 'master_class', 'internship', 'consultation', 'practicum', 'conference', 'olympiad', 'festival', 'other'] as const;
export type EventKind = (typeof eventKinds)[number];

/** Руководители, педагоги, обучающиеся (of the grades given), родители, все желающие. */
export const eventAudiences = ['heads', 'teachers', 'students', 'parents', 'public'] as const;
export type EventAudience = (typeof eventAudiences)[number];

/** In person at a place on the map, online with a link shown only to those registered, or both. */
export const eventFormats = ['in_person', 'online', 'mixed'] as const;
export type EventFormat = (typeof eventFormats)[number];

/** draft → published → finished; cancelled at any point before finished (everyone registered is told). */
export const eventStates = ['draft', 'published', 'finished', 'cancelled'] as const;
export type EventState = (typeof eventStates)[number];

/**
 * An event of one organisation, of several together (event_organizers) or of a network. Times are UTC, shown in the
 * region's time zone. `capacity` null means no limit; `seats_taken` moves only by conditional UPDATEs (the seat
 * mechanism shared with programme enrolment), so it never passes the capacity.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: eventKinds }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    audiences: text('audiences', { enum: eventAudiences }).array().notNull().default(sql`'{}'::text[]`),
    /** For an audience of students: the grades 1–11 it is for; null ends mean open-ended. */
    gradeFrom: smallint('grade_from'),
    gradeTo: smallint('grade_to'),
    format: text('format', { enum: eventFormats }).notNull().default('in_person'),
    /** The place of an in-person or mixed event: an address, and its point on the map when known. */
    address: text('address').notNull().default(''),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** The link of an online or mixed event; only people registered (and the organisers) ever see it. */
    onlineUrl: text('online_url').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity'),
    seatsTaken: integer('seats_taken').notNull().default(0),
    /** The registration window; null ends mean from publication and until the start. */
    registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    /** Registrations wait for the organiser's approval before they take a seat. */
    approvalRequired: boolean('approval_required').notNull().default(false),
    /** The lead organiser, whose administrators manage the event; co-organisers are in event_organizers. */
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    /** A network's event is seen in the network's calendar and feed. */
    networkId: uuid('network_id').references(() => networks.id),
    /** The network plan item the event fulfils; the plan item shows it as evidence. */
    planItemId: uuid('plan_item_id').references(() => planItems.id, { onDelete: 'set null' }),
    state: text('state', { enum: eventStates }).notNull().default('draft'),
    cancelReason: text('cancel_reason').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(sql`orbita_search_vector(title, 'A') || orbita_search_vector(description, 'B') || orbita_search_vector(address, 'C')`),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('events_seats_within_capacity', sql`${t.seatsTaken} >= 0 and (${t.capacity} is null or ${t.seatsTaken} <= ${t.capacity})`),
    check('events_capacity_positive', sql`${t.capacity} is null or ${t.capacity} > 0`),
    check('events_times_ordered', sql`${t.startsAt} < ${t.endsAt}`),
    check('events_grades', sql`(${t.gradeFrom} is null or ${t.gradeFrom} between 1 and 11) and (${t.gradeTo} is null or ${t.gradeTo} between 1 and 11)`),
    index('events_calendar_idx').on(t.startsAt, t.endsAt),
    // Calendars ask which events overlap a period (start before its end, end after its start): one GiST range scan,
    // where the btree above can bound only the start and reads every earlier event's entry (modules/calendar).
    index('events_period_idx').using('gist', sql`tstzrange(${t.startsAt}, ${t.endsAt})`),
    index('events_organization_idx').on(t.organizationId, t.startsAt),
    index('events_network_idx').on(t.networkId, t.startsAt),
    index('events_plan_item_idx').on(t.planItemId),
    index('events_search_idx').using('gin', t.searchVector),
  ],
);

/** Co-organisers of an event held by several organisations together; their administrators manage it too. */
export const eventOrganizers = pgTable(
  'event_organizers',
  {
    eventId: uuid('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.organizationId] }), index('event_organizers_organization_idx').on(t.organizationId)],
);

/**
 * A session of a programme of the event, or a section of a conference with its own capacity; a registration may
 * name one section. `capacity` null means the event's capacity alone limits it.
 */
export const eventSessions = pgTable(
  'event_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    /** A section is chosen at registration; a plain session is part of everyone's programme. */
    isSection: boolean('is_section').notNull().default(false),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    place: text('place').notNull().default(''),
    capacity: integer('capacity'),
    seatsTaken: integer('seats_taken').notNull().default(0),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    check('event_sessions_seats_within_capacity', sql`${t.seatsTaken} >= 0 and (${t.capacity} is null or ${t.seatsTaken} <= ${t.capacity})`),
    check('event_sessions_times_ordered', sql`${t.startsAt} is null or ${t.endsAt} is null or ${t.startsAt} < ${t.endsAt}`),
    index('event_sessions_event_idx').on(t.eventId, t.position),
  ],
);

/**
 * A speaker of a session or section, assigned by the organisers: a person with an account (user_id; the programme
 * shows their name as the account has it, and certificates of a speaker are issued to them) or a guest named only
 * (name; shown in the programme, no certificate through the platform, having no account to receive it).
 */
export const eventSpeakers = pgTable(
  'event_speakers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').notNull().references(() => eventSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** A guest's name; empty for a person with an account. */
    name: text('name').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('event_speakers_person_or_guest', sql`(${t.userId} is null) <> (${t.name} = '')`),
    uniqueIndex('event_speakers_user_key').on(t.sessionId, t.userId).where(sql`user_id is not null`),
    uniqueIndex('event_speakers_guest_key').on(t.sessionId, t.name).where(sql`user_id is null`),
    index('event_speakers_event_idx').on(t.eventId, t.createdAt),
    index('event_speakers_user_idx').on(t.userId),
  ],
);

/**
 * pending (awaiting the organiser's approval) → registered, or waitlisted → registered when a seat frees;
 * cancelled (by the person or with the event), rejected (by the organiser) end it.
 */
export const registrationStates = ['pending', 'waitlisted', 'registered', 'cancelled', 'rejected'] as const;
export type RegistrationState = (typeof registrationStates)[number];
export const liveRegistrationStates = ['pending', 'waitlisted', 'registered'] as const;

/** Participant or speaker: the role a certificate states. */
export const registrationRoles = ['participant', 'speaker'] as const;
export type RegistrationRole = (typeof registrationRoles)[number];

/**
 * One person's place at an event: an adult with an account (user_id) or a child (child_id), registered by
 * themself, by their guardian, or by their school among a group (on_behalf_of_organization_id). The check-in code
 * is short enough to type at the door; checked_in_at is set once, whichever phone scans first.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Waitlist order: first in line is the smallest. */
    queueNo: bigserial('queue_no', { mode: 'number' }).notNull(),
    eventId: uuid('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => eventSessions.id, { onDelete: 'set null' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    childId: uuid('child_id').references(() => children.id, { onDelete: 'cascade' }),
    /** The school that registered its student as part of a group. */
    onBehalfOfOrganizationId: uuid('on_behalf_of_organization_id').references(() => organizations.id),
    role: text('role', { enum: registrationRoles }).notNull().default('participant'),
    state: text('state', { enum: registrationStates }).notNull(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    idempotencyKey: text('idempotency_key'),
    checkInCode: text('check_in_code').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: uuid('checked_in_by').references(() => users.id, { onDelete: 'set null' }),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('event_registrations_one_person', sql`(${t.userId} is null) <> (${t.childId} is null)`),
    // One live place per person and event, whatever the concurrency.
    uniqueIndex('event_registrations_live_user_key').on(t.eventId, t.userId).where(sql`user_id is not null and state in ('pending', 'waitlisted', 'registered')`),
    uniqueIndex('event_registrations_live_child_key').on(t.eventId, t.childId).where(sql`child_id is not null and state in ('pending', 'waitlisted', 'registered')`),
    uniqueIndex('event_registrations_idempotency_key').on(t.requestedBy, t.idempotencyKey),
    uniqueIndex('event_registrations_check_in_code_key').on(t.eventId, t.checkInCode),
    index('event_registrations_event_idx').on(t.eventId, t.state, t.queueNo),
    index('event_registrations_user_idx').on(t.userId),
    index('event_registrations_child_idx').on(t.childId),
  ],
);
