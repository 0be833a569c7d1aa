import { and, arrayContains, asc, eq, inArray, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { organizations } from '../organizations/schema';
import { visibleNetworks } from './access';
import { type NetworkKind, networkMembers, networks } from './schema';

export interface NetworkFilter {
  kind?: NetworkKind;
  municipalityId?: string;
  /** Networks this organisation is an active member of (its card lists them). */
  organizationId?: string;
  q?: string;
}

/** Networks the caller may see (visibleNetworks), filtered. */
export async function listNetworks(context: CommandContext, filter: NetworkFilter) {
  const conditions = [
    visibleNetworks(context.actor),
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
