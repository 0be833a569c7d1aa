import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { users } from '../accounts/schema';
import { networkDocuments } from '../documents/schema';
import { organizationRefs, presentNeed, presentOffer } from '../inventory/present-inventory';
import { resourceNeeds, resourceOffers } from '../inventory/schema';
import { visibleNetworks } from '../networks/access';
import { networks } from '../networks/schema';
import type { ExchangeRow } from './exchange-access';
import { type ExchangeMove, isAgreed, movesFor } from './exchange-state';
import { sidesOf } from './policy';
import { resourceExchangeEvents } from './schema';

async function byId<T extends { id: string }>(ids: string[], load: (ids: string[]) => Promise<T[]>): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  return new Map((unique.length ? await load(unique) : []).map((row) => [row.id, row]));
}

/** What the caller may do with the exchange now, for the buttons of the page. */
function permissionsOf(actor: Actor | null, row: ExchangeRow) {
  const sides = sidesOf(actor, row);
  const can = (move: ExchangeMove) => sides.some((side) => movesFor(row, side).includes(move));
  const party = sides.length > 0;
  return {
    answer: can('accept'),
    counter: can('counter'),
    withdraw: can('withdraw'),
    complete: can('complete'),
    createAgreement: party && isAgreed(row.state) && !row.agreementDocumentId,
    plan: party && isAgreed(row.state) && !row.planItemId,
  };
}

/** The history of exchanges, oldest step first, naming only who acted. */
async function historyOf(db: Database, exchangeIds: string[]) {
  const rows = await db
    .select({
      id: resourceExchangeEvents.id,
      exchangeId: resourceExchangeEvents.exchangeId,
      action: resourceExchangeEvents.action,
      side: resourceExchangeEvents.side,
      actorName: users.fullName,
      message: resourceExchangeEvents.message,
      terms: resourceExchangeEvents.terms,
      at: resourceExchangeEvents.at,
    })
    .from(resourceExchangeEvents)
    .leftJoin(users, eq(users.id, resourceExchangeEvents.actorId))
    .where(inArray(resourceExchangeEvents.exchangeId, exchangeIds))
    .orderBy(asc(resourceExchangeEvents.at), asc(resourceExchangeEvents.id));
  const history = new Map<string, Omit<(typeof rows)[number], 'exchangeId'>[]>();
  for (const { exchangeId, ...event } of rows) history.set(exchangeId, [...(history.get(exchangeId) ?? []), { ...event, actorName: event.actorName ?? '' }]);
  return history;
}

/**
 * Exchanges as the API shows them: the resource, the need it answers, both organisations, the network,
 * the terms on the table and what the caller may do. Lists leave the history out; one exchange has it.
 */
export async function presentExchanges(db: Database, actor: Actor | null, rows: ExchangeRow[], options: { history: boolean }) {
  if (!rows.length) return [];
  const [offers, needs, refs, networkNames, history, agreements] = await Promise.all([
    byId(rows.map((r) => r.offerId), (ids) => db.select().from(resourceOffers).where(inArray(resourceOffers.id, ids))),
    byId(rows.flatMap((r) => (r.needId ? [r.needId] : [])), (ids) => db.select().from(resourceNeeds).where(inArray(resourceNeeds.id, ids))),
    organizationRefs(db, rows.flatMap((r) => [r.requesterOrganizationId, r.providerOrganizationId])),
    byId(rows.flatMap((r) => (r.networkId ? [r.networkId] : [])), (ids) => db.select({ id: networks.id, name: networks.name }).from(networks).where(and(inArray(networks.id, ids), visibleNetworks(actor)))),
    options.history ? historyOf(db, rows.map((r) => r.id)) : null,
    byId(rows.flatMap((r) => (r.agreementDocumentId ? [r.agreementDocumentId] : [])), (ids) => db.select({ id: networkDocuments.id, state: networkDocuments.state }).from(networkDocuments).where(inArray(networkDocuments.id, ids))),
  ]);
  return rows.map((row) => {
    const need = row.needId ? needs.get(row.needId) : undefined;
    return {
      id: row.id,
      state: row.state,
      awaiting: row.awaiting,
      offer: presentOffer(offers.get(row.offerId)!),
      need: need ? presentNeed(need) : null,
      requester: refs.get(row.requesterOrganizationId)!,
      provider: refs.get(row.providerOrganizationId)!,
      // A party that has since left a members-only network no longer sees which one it was.
      networkId: row.networkId && networkNames.has(row.networkId) ? row.networkId : null,
      networkName: row.networkId ? (networkNames.get(row.networkId)?.name ?? null) : null,
      conditions: row.conditions,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      terms: row.terms,
      agreementDocumentId: row.agreementDocumentId,
      // How far the signing has got (draft, signing, signed), for what the page says is left to do; shown with the network it lives in.
      agreementState: row.agreementDocumentId && networkNames.has(row.networkId ?? '') ? (agreements.get(row.agreementDocumentId)?.state ?? null) : null,
      planItemId: row.planItemId,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      // Someone who sees the exchange without being a party (the network's management) sees its steps, not the messages.
      ...(history ? { history: (history.get(row.id) ?? []).map((event) => (sidesOf(actor, row).length ? event : { ...event, message: '' })) } : {}),
      /** Seen by the network's management (visibleExchanges), not by a party: read-only. */
      oversight: sidesOf(actor, row).length === 0,
      permissions: permissionsOf(actor, row),
    };
  });
}

export async function presentExchange(db: Database, actor: Actor | null, row: ExchangeRow) {
  const [view] = await presentExchanges(db, actor, [row], { history: true });
  return view;
}
