import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { hasMembership, isAuthorityOf, isOperator } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { networkMembers, networks } from './schema';

export type NetworkRow = typeof networks.$inferSelect;

/** Shared by every network area (members, council, documents, plans): loading a network and who runs it. */
export async function loadNetwork(db: Database, id: string): Promise<NetworkRow> {
  const [network] = await db.select().from(networks).where(eq(networks.id, id)).limit(1);
  if (!network) throw notFound('Сеть');
  return network;
}

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

/** Whether the actor belongs (as admin or teacher) to one of the network's active member organisations. */
export async function belongsToNetwork(db: Database, actor: Actor | null, networkId: string): Promise<boolean> {
  if (!actor) return false;
  const members = new Set(await activeMemberIds(db, networkId));
  return actor.memberships.some((m) => members.has(m.organizationId));
}

/** Public networks are open to everyone; member-only ones to their members, coordinators and the operator. */
export async function canViewNetwork(db: Database, actor: Actor | null, network: NetworkRow): Promise<boolean> {
  if (network.visibility === 'public') return true;
  if (!actor) return false;
  return managesNetwork(actor, network) || (await belongsToNetwork(db, actor, network.id));
}

/** A network the caller may see; a hidden one answers as missing, so its existence is not disclosed. */
export async function loadVisibleNetwork(db: Database, actor: Actor | null, id: string, what = 'Сеть'): Promise<NetworkRow> {
  const network = await loadNetwork(db, id);
  if (!(await canViewNetwork(db, actor, network))) throw notFound(what);
  return network;
}

/** The head (org admin) of an organisation acts and signs for it. */
export const headsOrganization = (actor: Actor, organizationId: string) => hasMembership(actor, organizationId, ['org_admin']);
