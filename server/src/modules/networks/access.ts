import { type SQL, and, arrayOverlaps, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { memberships, users } from '../accounts/schema';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { hasMembership, hasPlatformRole, isAuthorityOf, isOperator } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { networkMembers, networks } from './schema';

export type NetworkRow = typeof networks.$inferSelect;

/**
 * The coordinator: the org admins of the managing organisation (base or leader school), the
 * authority of a municipality the network covers, and the operator.
 */
export function managesNetwork(actor: Actor, network: Pick<NetworkRow, 'managingOrganizationId' | 'municipalityIds'>): boolean {
  return isOperator(actor) || network.municipalityIds.some((m) => isAuthorityOf(actor, m)) || hasMembership(actor, network.managingOrganizationId);
}

/** Organisations that are members now (not invited, requested, declined or gone). */
export async function activeMemberIds(db: Database, networkId: string): Promise<string[]> {
  const rows = await db
    .select({ organizationId: networkMembers.organizationId })
    .from(networkMembers)
    .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.state, 'active')));
  return rows.map((r) => r.organizationId);
}

/**
 * THE visibility rule of networks, as a condition on the `networks` table for the WHERE of any query:
 * public networks are open to everyone; members-only ones to the people of their active member
 * organisations, to the heads of an organisation they invited (to answer the invitation), to the people
 * seated on their council from outside the member organisations, and to their coordinators (managesNetwork)
 * and the operator. Everything that shows a network, or data scoped to one,
 * filters through it; `undefined` means no restriction (the operator).
 */
export function visibleNetworks(actor: Actor | null): SQL | undefined {
  const open = eq(networks.visibility, 'public');
  if (!actor) return open;
  if (isOperator(actor)) return undefined;
  const staffOf = actor.memberships.map((m) => m.organizationId);
  const headOf = headedOrganizations(actor);
  const relation = (organizations: string[], states: ('active' | 'invited')[]) =>
    organizations.length
      ? sql`exists (select 1 from ${networkMembers} where ${networkMembers.networkId} = ${networks.id} and ${inArray(networkMembers.state, states)} and ${inArray(networkMembers.organizationId, organizations)})`
      : undefined;
  // A person seated on the council from outside the member organisations (a parent, a pupil, a partner) is no
  // member's staff: the seat itself lets them see the network (council_members named by SQL: councils depend on this file).
  const outsideSeat = sql`exists (select 1 from council_members where council_members.network_id = ${networks.id} and council_members.user_id = ${actor.userId} and council_members.organization_id is null and council_members.removed_at is null)`;
  return or(open, relation(staffOf, ['active']), relation(headOf, ['invited']), managedNetworks(actor), outsideSeat);
}

/**
 * managesNetwork as a condition on the `networks` table: the networks whose managing organisation the actor
 * heads or whose municipalities the actor's authority covers; `undefined` means every network (the operator),
 * and a condition that matches nothing is `false`.
 */
export function managedNetworks(actor: Actor): SQL | undefined {
  if (isOperator(actor)) return undefined;
  const headOf = headedOrganizations(actor);
  return (
    or(
      headOf.length ? inArray(networks.managingOrganizationId, headOf) : undefined,
      hasPlatformRole(actor, 'authority') && actor.municipalityId ? arrayOverlaps(networks.municipalityIds, [actor.municipalityId]) : undefined,
    ) ?? sql`false`
  );
}

/** Ids of the networks the actor may see, as a subquery: `inArray(table.networkId, visibleNetworkIds(db, actor))`. */
export const visibleNetworkIds = (db: Database, actor: Actor | null) => db.select({ id: networks.id }).from(networks).where(visibleNetworks(actor));

/** Whether the actor may see the network: the same rule, asked of one row. */
export async function canViewNetwork(db: Database, actor: Actor | null, networkId: string): Promise<boolean> {
  const [row] = await db.select({ id: networks.id }).from(networks).where(and(eq(networks.id, networkId), visibleNetworks(actor))).limit(1);
  return !!row;
}

/**
 * A network the caller may see — the way every command reaches a network, reading or writing: a hidden
 * one answers exactly as a missing one (404), so its existence is not disclosed; authorisation comes after.
 */
export async function loadVisibleNetwork(db: Database, actor: Actor | null, id: string, what = 'Сеть'): Promise<NetworkRow> {
  const network = await findVisibleNetwork(db, actor, id);
  if (!network) throw notFound(what);
  return network;
}

/** The network if the caller may see it, else null: for a record that names its network only to those who see it. */
export async function findVisibleNetwork(db: Database, actor: Actor | null, id: string): Promise<NetworkRow | null> {
  const [network] = await db.select().from(networks).where(and(eq(networks.id, id), visibleNetworks(actor))).limit(1);
  return network ?? null;
}

/**
 * A network whatever its visibility, for steps that do not answer a caller with it: settling documents
 * inside a command already authorised, checks of the nesting tree. Never for showing a network.
 */
export async function loadNetworkUnscreened(db: Database, id: string): Promise<NetworkRow> {
  const [network] = await db.select().from(networks).where(eq(networks.id, id)).limit(1);
  if (!network) throw notFound('Сеть');
  return network;
}

/** The head (org admin) of an organisation acts and signs for it. */
export const headsOrganization = (actor: Actor, organizationId: string) => hasMembership(actor, organizationId, ['org_admin']);

/** The organisations the actor heads (headsOrganization, for every organisation at once). */
export const headedOrganizations = (actor: Actor) => actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.organizationId);

/** The heads of these organisations with enabled accounts, for telling them what awaits their organisation. */
export async function organizationHeads(db: Database, organizationIds: readonly string[]): Promise<{ userId: string; organizationId: string }[]> {
  if (!organizationIds.length) return [];
  return db
    .select({ userId: memberships.userId, organizationId: memberships.organizationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.organizationId, [...organizationIds]), eq(memberships.role, 'org_admin'), isNull(users.disabledAt)));
}
