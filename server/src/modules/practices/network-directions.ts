import { sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { visibleNetworks } from '../networks/access';
import { networks } from '../networks/schema';

/**
 * A practice's direction is one of the directions the region's networks already work in (networks.directions, free
 * text written by their coordinators), not a list of the library's own: the form offers these, with how many networks
 * name each, from the networks the caller may see.
 */
export async function networkDirections(context: CommandContext) {
  const rows = await context.db
    .select({ direction: sql<string>`d`, networks: sql<number>`count(*)::int` })
    .from(networks)
    .innerJoin(sql`jsonb_array_elements_text(${networks.directions}) as d`, sql`true`)
    .where(visibleNetworks(context.actor))
    .groupBy(sql`d`)
    .orderBy(sql`count(*) desc`, sql`d`);
  return rows;
}
