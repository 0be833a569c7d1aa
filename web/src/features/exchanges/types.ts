// Types of the exchanges API (server/src/modules/exchanges) and of the exchange picture
// (server/src/modules/inventory). Keep in step with docs/API.md.
import type { Need, Offer, OrganizationRef, ResourceConditions } from '../inventory/types';

export const EXCHANGE_STATES = ['requested', 'countered', 'accepted', 'declined', 'withdrawn', 'completed'] as const;
export type ExchangeState = (typeof EXCHANGE_STATES)[number];
export type ExchangeSide = 'requester' | 'provider';
export type ExchangeAction = ExchangeState | 'agreement_created' | 'planned';
export type ExchangeDirection = 'incoming' | 'outgoing' | 'all';

/** The terms on the table: proposed with a request or a counter-offer, agreed once accepted. */
export interface ExchangeTerms {
  conditions: ResourceConditions;
  /** YYYY-MM-DD */
  startsOn: string | null;
  endsOn: string | null;
  terms: string;
}

export interface ExchangeEvent {
  id: string;
  action: ExchangeAction;
  side: ExchangeSide;
  actorName: string | null;
  message: string;
  terms: ExchangeTerms | null;
  at: string;
}

export interface ExchangePermissions {
  answer: boolean;
  counter: boolean;
  withdraw: boolean;
  complete: boolean;
  createAgreement: boolean;
  plan: boolean;
}

/** A row of GET /api/exchanges: the exchange without its history. */
export interface ExchangeListItem extends ExchangeTerms {
  id: string;
  state: ExchangeState;
  /** whose answer a requested or countered exchange waits for */
  awaiting: ExchangeSide | null;
  offer: Offer;
  need: Need | null;
  requester: OrganizationRef;
  provider: OrganizationRef;
  networkId: string | null;
  networkName: string | null;
  agreementDocumentId: string | null;
  /** the agreement's signing: draft (edited, not yet sent), signing, signed by both; null without one */
  agreementState: 'draft' | 'signing' | 'signed' | null;
  planItemId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  permissions: ExchangePermissions;
  /** Seen by the network's management, not by a party: read-only, without the messages. */
  oversight?: boolean;
}

export interface Exchange extends ExchangeListItem {
  history: ExchangeEvent[];
}

export interface ExchangeSummary {
  incomingAwaiting: number;
  outgoingAwaiting: number;
}

export type AnswerAction = 'accept' | 'decline' | 'counter';

// ── The exchange picture of a network or a municipality ──

export interface PictureSuggestion {
  offerId: string;
  offerTitle: string;
  organization: OrganizationRef;
  score: number;
  distanceKm: number | null;
}

export interface PictureOrganization extends OrganizationRef {
  offers: number;
  needs: number;
  uncoveredNeeds: number;
  unusedOffers: number;
  hasInventory: boolean;
}

export interface ExchangePicture {
  scope: { kind: 'network' | 'municipality'; id: string; name: string };
  options: { maxDistanceKm: number | null };
  totals: {
    organizations: number;
    offers: number;
    needs: number;
    coveredNeeds: number;
    uncoveredNeeds: number;
    unusedOffers: number;
    exchanges: { requested: number; accepted: number; completed: number };
  };
  needs: { need: Need; organization: OrganizationRef; covered: boolean; suggestions: PictureSuggestion[] }[];
  unusedOffers: { offer: Offer; organization: OrganizationRef }[];
  organizations: PictureOrganization[];
  /** The exchanges between the network's members, for its coordinators and council when the regulation allows it; null otherwise. */
  memberExchanges?: { id: string; state: ExchangeState; offerTitle: string; requester: OrganizationRef; provider: OrganizationRef; updatedAt: string }[] | null;
}

/** Preview of POST /api/networks/:id/inventory/import (commit=false): nothing is written yet. */
export interface InventoryImportPreview {
  fileName: string;
  total: number;
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  rows: { sheet: string; row: number; action: 'create' | 'update' | 'unchanged'; organizationName: string; title: string }[];
  errors: { sheet: string; row: number; column: string | null; message: string }[];
  ignoredColumns: string[];
  ignoredSheets: string[];
  canCommit: boolean;
}

/** The answer of the same route with commit=true. */
export interface InventoryImportResult {
  created: number;
  updated: number;
  unchanged: number;
}
