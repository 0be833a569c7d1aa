import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { eventFormats, events } from '../events/schema';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';

/**
 * requested (the consultant school is to propose times) → proposed (the requester is to choose one) → accepted (an
 * event of both schools exists); declined by the consultant, cancelled by the requester before acceptance.
 */
export const consultationStates = ['requested', 'proposed', 'accepted', 'declined', 'cancelled'] as const;
export type ConsultationState = (typeof consultationStates)[number];
export const openConsultationStates = ['requested', 'proposed'] as const;

/**
 * Seed 002: a satellite or low-results school asks its partnership's leader school (or any consultant school)
 * for a consultation on a topic. Once accepted it is an event (kind consultation) held by both, the consultant
 * leading; the partnership's record counts those events.
 */
export const consultationRequests = pgTable(
  'consultation_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requesterOrganizationId: uuid('requester_organization_id')
      .notNull()
      .references(() => organizations.id),
    consultantOrganizationId: uuid('consultant_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The partnership the two schools share, when they share one; its record counts the consultation. */
    networkId: uuid('network_id').references(() => networks.id),
    topic: text('topic').notNull(),
    details: text('details').notNull().default(''),
    format: text('format', { enum: eventFormats }).notNull().default('in_person'),
    state: text('state', { enum: consultationStates }).notNull().default('requested'),
    /** The consultant's reason for declining, or the requester's for cancelling. */
    reason: text('reason').notNull().default(''),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('consultation_requests_two_schools', sql`${t.requesterOrganizationId} <> ${t.consultantOrganizationId}`),
    index('consultation_requests_requester_idx').on(t.requesterOrganizationId, t.createdAt),
    index('consultation_requests_consultant_idx').on(t.consultantOrganizationId, t.createdAt),
    index('consultation_requests_network_idx').on(t.networkId),
  ],
);

/** A time the consultant school proposes; the requester accepts one of them. */
export const consultationSlots = pgTable(
  'consultation_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => consultationRequests.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
  },
  (t) => [check('consultation_slots_times_ordered', sql`${t.startsAt} < ${t.endsAt}`), index('consultation_slots_request_idx').on(t.requestId, t.startsAt)],
);
