import { and, asc, eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { organizations } from '../organizations/schema';
import { loadVisibleNetwork, managesNetwork, visibleNetworks } from './access';
import { currentLaunchPath } from './get-launch-path';
import { rolesByKind } from './member-roles';
import { networkMembers, networks } from './schema';

/** The network page: description, members with their history, nesting (only networks the caller may see), and what the caller may do here. */
export async function getNetwork(context: CommandContext, id: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, id);
  const members = await context.db
    .select({
      id: networkMembers.id,
      organizationId: networkMembers.organizationId,
      organizationName: organizations.shortName,
      organizationKind: organizations.kind,
      role: networkMembers.role,
      state: networkMembers.state,
      joinedOn: networkMembers.joinedOn,
      leftOn: networkMembers.leftOn,
      message: networkMembers.message,
      createdAt: networkMembers.createdAt,
    })
    .from(networkMembers)
    .innerJoin(organizations, eq(organizations.id, networkMembers.organizationId))
    .where(eq(networkMembers.networkId, id))
    .orderBy(asc(organizations.sortKey));
  const summary = { id: networks.id, name: networks.name, kind: networks.kind };
  const [parent] = network.parentNetworkId ? await context.db.select(summary).from(networks).where(and(eq(networks.id, network.parentNetworkId), visibleNetworks(context.actor))) : [];
  const children = await context.db.select(summary).from(networks).where(and(eq(networks.parentNetworkId, id), visibleNetworks(context.actor))).orderBy(asc(networks.name));
  const [managing] = await context.db.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, network.managingOrganizationId));
  const path = await currentLaunchPath(context.db, network);
  const actor = context.actor;
  const liveOrganizations = new Set(members.filter((m) => ['active', 'invited', 'requested'].includes(m.state)).map((m) => m.organizationId));
  return {
    ...network,
    managingOrganizationName: managing?.shortName ?? '',
    allowedRoles: rolesByKind[network.kind],
    /** Whether the network's path has a launch step; without one it works from the start (alliances, associations). */
    launchGate: path.steps.some((s) => s.key === 'launch'),
    members,
    parent: parent ?? null,
    children,
    permissions: {
      canManage: !!actor && managesNetwork(actor, network),
      /** Organisations the caller heads that could still ask to join. */
      canRequestFor: actor ? actor.memberships.filter((m) => m.role === 'org_admin' && !liveOrganizations.has(m.organizationId)).map((m) => m.organizationId) : [],
      /** Pending invitations the caller can answer for their organisations. */
      canAnswer: actor ? members.filter((m) => m.state === 'invited' && actor.memberships.some((a) => a.role === 'org_admin' && a.organizationId === m.organizationId)).map((m) => m.id) : [],
    },
  };
}
