import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { networkDocuments } from '../documents/schema';
import { resourceConditions, resourceNeeds, resourceOffers } from '../inventory/schema';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { planItems } from '../plans/schema';

/**
 * requested → (countered ⇄ countered)* → accepted → completed; declined and withdrawn end it early.
 * `awaiting` says whose answer the exchange waits for while it is requested or countered.
 */
export const exchangeStates = ['requested', 'countered', 'accepted', 'declined', 'withdrawn', 'completed'] as const;
export type ExchangeState = (typeof exchangeStates)[number];
export const liveExchangeStates = ['requested', 'countered', 'accepted'] as const;

export const exchangeSides = ['requester', 'provider'] as const;
export type ExchangeSide = (typeof exchangeSides)[number];

/** A request from one organisation for another's resource, and the terms both end up agreeing. */
export const resourceExchanges = pgTable(
  'resource_exchanges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offerId: uuid('offer_id').notNull().references(() => resourceOffers.id),
    /** The need the request answers, when it came from a suggestion. */
    needId: uuid('need_id').references(() => resourceNeeds.id),
    requesterOrganizationId: uuid('requester_organization_id').notNull().references(() => organizations.id),
    providerOrganizationId: uuid('provider_organization_id').notNull().references(() => organizations.id),
    /** A network both belong to: its documents and plans take the agreement and the plan items. */
    networkId: uuid('network_id').references(() => networks.id),
    state: text('state', { enum: exchangeStates }).notNull().default('requested'),
    awaiting: text('awaiting', { enum: exchangeSides }),
    /** The terms now on the table (the last proposal, or the agreed ones once accepted). */
    conditions: text('conditions', { enum: resourceConditions }).notNull(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    terms: text('terms').notNull().default(''),
    agreementDocumentId: uuid('agreement_document_id').references(() => networkDocuments.id),
    planItemId: uuid('plan_item_id').references(() => planItems.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live request per resource and requesting organisation: a double click does not make two.
    uniqueIndex('resource_exchanges_live_key')
      .on(t.offerId, t.requesterOrganizationId)
      .where(sql`state in ('requested', 'countered', 'accepted')`),
    index('resource_exchanges_requester_idx').on(t.requesterOrganizationId),
    index('resource_exchanges_provider_idx').on(t.providerOrganizationId),
    index('resource_exchanges_network_idx').on(t.networkId),
  ],
);

export const exchangeActions = ['requested', 'countered', 'accepted', 'declined', 'withdrawn', 'completed', 'agreement_created', 'planned'] as const;
export type ExchangeAction = (typeof exchangeActions)[number];

/** The history both sides see: every step, by whom, with the terms proposed at that step. */
export const resourceExchangeEvents = pgTable(
  'resource_exchange_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    exchangeId: uuid('exchange_id').notNull().references(() => resourceExchanges.id, { onDelete: 'cascade' }),
    action: text('action', { enum: exchangeActions }).notNull(),
    side: text('side', { enum: exchangeSides }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    message: text('message').notNull().default(''),
    terms: jsonb('terms').$type<{ conditions: string; startsOn: string | null; endsOn: string | null; terms: string }>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('resource_exchange_events_exchange_idx').on(t.exchangeId)],
);
