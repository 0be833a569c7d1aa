import { type SQL, and, arrayContains, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { hasPlatformRole, isOperator } from '../../platform/policy';
import { organizations } from '../organizations/schema';
import { type NetworkKind, networkMembers, networks } from './schema';

export interface NetworkFilter {
  kind?: NetworkKind;
  municipalityId?: string;
  /** Networks this organisation is an active member of (its card lists them). */
  organizationId?: string;
  q?: string;
}

/** Networks the caller may see: public ones, and member-only ones of their organisations, municipality or role. */
export async function listNetworks(context: CommandContext, filter: NetworkFilter) {
  const { actor } = context;
  const ownOrganizations = actor?.memberships.map((m) => m.organizationId) ?? [];
  const memberOf = context.db
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.state, 'active'), inArray(networkMembers.organizationId, ownOrganizations.length ? ownOrganizations : ['00000000-0000-0000-0000-000000000000'])));
  const visible: SQL | undefined =
    actor && isOperator(actor)
      ? undefined
      : or(
          eq(networks.visibility, 'public'),
          inArray(networks.id, memberOf),
          actor?.municipalityId && hasPlatformRole(actor, 'authority') ? arrayContains(networks.municipalityIds, [actor.municipalityId]) : undefined,
        );
  const conditions = [
    visible,
    filter.kind ? eq(networks.kind, filter.kind) : undefined,
    filter.municipalityId ? arrayContains(networks.municipalityIds, [filter.municipalityId]) : undefined,
    filter.organizationId
      ? inArray(networks.id, context.db.select({ id: networkMembers.networkId }).from(networkMembers).where(and(eq(networkMembers.organizationId, filter.organizationId), eq(networkMembers.state, 'active'))))
      : undefined,
    filter.q ? sql`${networks.name} ilike ${'%' + filter.q.replace(/[%_\\]/g, (c) => '\\' + c) + '%'}` : undefined,
  ];
  const rows = await context.db
    .select({
      network: networks,
      managingName: organizations.shortName,
      members: sql<number>`(select count(*)::int from ${networkMembers} where ${networkMembers.networkId} = ${networks.id} and ${networkMembers.state} = 'active')`,
    })
    .from(networks)
    .innerJoin(organizations, eq(organizations.id, networks.managingOrganizationId))
    .where(and(...conditions.filter(Boolean)))
    .orderBy(asc(networks.name));
  return { items: rows.map((r) => ({ ...r.network, managingOrganizationName: r.managingName, memberCount: Number(r.members) })) };
}
