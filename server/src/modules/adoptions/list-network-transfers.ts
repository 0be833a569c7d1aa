import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { organizations } from '../organizations/schema';
import { loadVisibleNetwork } from '../networks/access';
import { networkMembers } from '../networks/schema';
import { visiblePractices } from '../practices/access';
import { practiceOrganizations, practiceVersions, practices } from '../practices/schema';
import { practiceAdoptions } from './schema';

/** The roles that lead a network: what they practise is what the network passes on. */
const leadingRoles = ['leader', 'base'] as const;

/**
 * The practices transferred within a network (seed 002's leader school and its satellites): practices of its
 * leader (or base school, or managing organisation) that its other active members record adopting. Seen by whoever
 * sees the network (networks/access.ts), each practice only if they see it (practices/access.ts).
 */
export async function listNetworkTransfers(context: CommandContext, networkId: string) {
  const { db, actor } = context;
  const network = await loadVisibleNetwork(db, actor, networkId);
  const members = await db
    .select({ organizationId: networkMembers.organizationId, role: networkMembers.role })
    .from(networkMembers)
    .where(and(eq(networkMembers.networkId, network.id), eq(networkMembers.state, 'active')));
  const leaders = new Set([network.managingOrganizationId, ...members.filter((m) => (leadingRoles as readonly string[]).includes(m.role)).map((m) => m.organizationId)]);
  const receivers = members.map((m) => m.organizationId).filter((id) => !leaders.has(id));
  if (!receivers.length) return { transfers: [] };
  const transfers = await db
    .select({
      adoptionId: practiceAdoptions.id,
      state: practiceAdoptions.state,
      startedOn: practiceAdoptions.startedOn,
      changes: practiceAdoptions.changes,
      results: practiceAdoptions.results,
      resultsOn: practiceAdoptions.resultsOn,
      practice: { id: practices.id, title: practiceVersions.title, direction: practiceVersions.direction },
      from: {
        shortName: sql<string>`(select string_agg(o.short_name, ', ' order by po.position) from ${practiceOrganizations} po join ${organizations} o on o.id = po.organization_id where po.practice_id = ${practices.id} and po.organization_id in ${[...leaders]})`,
      },
      adopter: { id: organizations.id, shortName: organizations.shortName },
    })
    .from(practiceAdoptions)
    .innerJoin(practices, eq(practices.id, practiceAdoptions.practiceId))
    .innerJoin(practiceVersions, eq(practiceVersions.id, practices.publishedVersionId))
    .innerJoin(organizations, eq(organizations.id, practiceAdoptions.organizationId))
    .where(
      and(
        inArray(practiceAdoptions.organizationId, receivers),
        sql`exists (select 1 from ${practiceOrganizations} where ${practiceOrganizations.practiceId} = ${practices.id} and ${inArray(practiceOrganizations.organizationId, [...leaders])})`,
        visiblePractices(actor),
      ),
    )
    .orderBy(asc(practiceVersions.title), desc(practiceAdoptions.startedOn));
  return { transfers };
}
