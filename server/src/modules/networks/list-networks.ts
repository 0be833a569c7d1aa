import { and, arrayContains, asc, eq, inArray, sql } from 'drizzle-orm';
import { networkKindsOfPaths, pathTemplates, templateOfKind } from '../../algorithms/launch-path';
import type { CommandContext } from '../../platform/context';
import { organizations } from '../organizations/schema';
import { visibleNetworks } from './access';
import { type NetworkKind, networkLaunchPathChanges, networkMembers, networks } from './schema';

const gatedKinds = networkKindsOfPaths.filter((kind) => pathTemplates[templateOfKind[kind]].includes('launch'));

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
      // Whether the network's path has a launch step: its latest adaptation's, else its kind's template (algorithms/launch-path.ts).
      launchGate: sql<boolean>`coalesce(
        (select ${networkLaunchPathChanges.steps} @> '[{"key":"launch"}]'::jsonb from ${networkLaunchPathChanges}
          where ${networkLaunchPathChanges.networkId} = ${networks.id} order by ${networkLaunchPathChanges.revision} desc limit 1),
        ${networks.kind} in (${sql.join(gatedKinds.map((k) => sql`${k}`), sql`, `)}))`,
    })
    .from(networks)
    .innerJoin(organizations, eq(organizations.id, networks.managingOrganizationId))
    .where(and(...conditions.filter(Boolean)))
    .orderBy(asc(networks.name));
  return { items: rows.map((r) => ({ ...r.network, managingOrganizationName: r.managingName, memberCount: Number(r.members), launchGate: Boolean(r.launchGate) })) };
}
