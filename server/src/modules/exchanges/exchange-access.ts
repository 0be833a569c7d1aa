import { type SQL, and, eq, inArray, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { Problem, conflict, invalid, notFound, notSignedIn } from '../../platform/problem';
import type { Actor } from '../../platform/context';
import { seatsOf } from '../councils/load';
import { type NetworkRow, headedOrganizations, loadVisibleNetwork, managedNetworks } from '../networks/access';
import { networkMembers, networks } from '../networks/schema';
import { type ExchangeAction, type ExchangeSide, resourceExchangeEvents, resourceExchanges } from './schema';

export type ExchangeRow = typeof resourceExchanges.$inferSelect;
export type ExchangeTerms = Pick<ExchangeRow, 'conditions' | 'startsOn' | 'endsOn' | 'terms'>;

const exchangeNotFound = () => notFound('Обмен');
export const staleExchange = () => conflict('Обмен уже изменила другая сторона или другой руководитель. Обновите страницу и посмотрите, что изменилось.');
export const unavailable = (detail: string, extra: Record<string, unknown> = {}) => new Problem(409, 'Действие недоступно', detail, extra);

export const termsOf = (row: ExchangeTerms): ExchangeTerms => ({ conditions: row.conditions, startsOn: row.startsOn, endsOn: row.endsOn, terms: row.terms });

/**
 * THE visibility rule of exchanges, as a condition on `resource_exchanges` for the WHERE of any query. An exchange
 * is the business of its two organisations: their heads see it. When a network's regulation lets its management
 * see the exchanges between its members (networks.exchangesVisibleToCouncil), the network's coordinators
 * (managesNetwork) and the holders of its council seats (seatsOf) see the exchanges between two of its active
 * members too — parties, resource, terms and state, not the messages (present-exchange.ts) — and may not act in them.
 */
export async function visibleExchanges(db: Database, actor: Actor): Promise<SQL> {
  const headOf = headedOrganizations(actor);
  const party = headOf.length ? or(inArray(resourceExchanges.requesterOrganizationId, headOf), inArray(resourceExchanges.providerOrganizationId, headOf)) : undefined;
  const seatNetworks = [...new Set((await seatsOf(db, actor)).map((s) => s.networkId))];
  const overseen = or(managedNetworks(actor) ?? sql`true`, seatNetworks.length ? inArray(networks.id, seatNetworks) : undefined);
  const activeMember = (organization: SQL | typeof resourceExchanges.requesterOrganizationId | typeof resourceExchanges.providerOrganizationId) =>
    sql`exists (select 1 from ${networkMembers} where ${networkMembers.networkId} = ${networks.id} and ${networkMembers.state} = 'active' and ${networkMembers.organizationId} = ${organization})`;
  const oversight = sql`exists (select 1 from ${networks} where ${networks.exchangesVisibleToCouncil} and (${overseen}) and ${activeMember(resourceExchanges.requesterOrganizationId)} and ${activeMember(resourceExchanges.providerOrganizationId)})`;
  return or(party, oversight)!;
}

/** An exchange the caller may see (visibleExchanges); to anyone else it does not exist (404), whoever they are. */
export async function loadVisibleExchange(context: CommandContext, id: string): Promise<ExchangeRow> {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const [row] = await context.db
    .select()
    .from(resourceExchanges)
    .where(and(eq(resourceExchanges.id, id), await visibleExchanges(context.db, actor)))
    .limit(1);
  if (!row) throw exchangeNotFound();
  return row;
}

/** The exchange row, locked until the transaction ends: the steps of one exchange take turns and each sees the one before. */
export async function lockExchange(tx: Database, id: string): Promise<ExchangeRow> {
  const [row] = await tx.select().from(resourceExchanges).where(eq(resourceExchanges.id, id)).for('update');
  if (!row) throw exchangeNotFound();
  return row;
}

/**
 * One step of an exchange, inside the transaction that holds its lock: the row changes and moves to the
 * next version, the history gets an entry with the terms as they stand after the step, and the audit log
 * records before and after.
 */
export async function recordStep(
  tx: Database,
  context: Pick<CommandContext, 'actor' | 'ip'>,
  before: ExchangeRow,
  changes: Partial<Pick<ExchangeRow, 'state' | 'awaiting' | 'conditions' | 'startsOn' | 'endsOn' | 'terms' | 'networkId' | 'agreementDocumentId' | 'planItemId'>>,
  event: { action: ExchangeAction; side: ExchangeSide; message?: string },
): Promise<ExchangeRow> {
  const [after] = await tx
    .update(resourceExchanges)
    .set({ ...changes, version: sql`${resourceExchanges.version} + 1`, updatedAt: new Date() })
    .where(eq(resourceExchanges.id, before.id))
    .returning();
  await appendEvent(tx, context, after, event);
  await recordAudit(tx, context, { action: `exchange.${event.action}`, entityType: 'resource_exchange', entityId: after.id, before, after });
  return after;
}

export async function appendEvent(tx: Database, context: Pick<CommandContext, 'actor'>, exchange: ExchangeRow, event: { action: ExchangeAction; side: ExchangeSide; message?: string }) {
  await tx.insert(resourceExchangeEvents).values({
    exchangeId: exchange.id,
    action: event.action,
    side: event.side,
    actorId: context.actor?.userId ?? null,
    message: event.message ?? '',
    terms: termsOf(exchange),
    // The time of the step itself, not of the transaction's start: a step that waited for the lock comes after the one it waited for.
    at: sql`clock_timestamp()`,
  });
}

/** Networks both organisations are active members of. */
export async function sharedNetworkIds(db: Database, organizationIds: [string, string]): Promise<string[]> {
  const rows = await db
    .select({ networkId: networkMembers.networkId })
    .from(networkMembers)
    .where(and(inArray(networkMembers.organizationId, organizationIds), eq(networkMembers.state, 'active')))
    .groupBy(networkMembers.networkId)
    .having(sql`count(distinct ${networkMembers.organizationId}) = 2`);
  return rows.map((r) => r.networkId);
}

const partiesOf = (exchange: ExchangeRow): [string, string] => [exchange.providerOrganizationId, exchange.requesterOrganizationId];

const noSharedNetwork = () =>
  unavailable('У организаций нет общей сети: соглашение оформляется в сети, где обе состоят. Вступите в общую сеть или укажите сеть, в которой состоят обе организации.');

/**
 * The network that takes an exchange's agreement or plan item: the one the caller names, else the
 * exchange's own. Both organisations must be active members of it now. The agreement and the plan item
 * live in one network, so once either exists the exchange's network is fixed.
 */
export async function networkForExchange(db: Database, actor: Actor, exchange: ExchangeRow, requested: { networkId: string; field: string } | null): Promise<NetworkRow> {
  const fixed = exchange.agreementDocumentId || exchange.planItemId ? exchange.networkId : null;
  if (fixed && requested && requested.networkId !== fixed) {
    const network = await loadVisibleNetwork(db, actor, fixed);
    throw unavailable(`Соглашение и пункт плана одного обмена оформляются в одной сети — для этого обмена это сеть «${network.name}».`);
  }
  const networkId = requested?.networkId ?? exchange.networkId;
  if (!networkId) throw noSharedNetwork();
  if (!(await sharedNetworkIds(db, partiesOf(exchange))).includes(networkId)) {
    if (!requested) throw noSharedNetwork();
    throw invalid('Обе организации должны быть действующими участниками этой сети.', [{ field: requested.field, message: 'Выберите сеть, в которой состоят обе организации' }]);
  }
  return loadVisibleNetwork(db, actor, networkId);
}
