import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { activeMemberIds } from '../networks/access';
import { resourceNeeds, resourceOffers } from './schema';

/**
 * For the launch path: how many active members of a network have recorded their inventory — at least
 * one active resource or need. The «inventory» step is done by data once all of them have.
 */
export async function inventoryState(db: Database, networkId: string): Promise<{ members: number; recorded: number }> {
  const memberIds = await activeMemberIds(db, networkId);
  if (!memberIds.length) return { members: 0, recorded: 0 };
  const holders = (table: typeof resourceOffers | typeof resourceNeeds) =>
    db
      .selectDistinct({ organizationId: table.organizationId })
      .from(table)
      .where(and(inArray(table.organizationId, memberIds), eq(table.state, 'active')));
  const [offering, needing] = await Promise.all([holders(resourceOffers), holders(resourceNeeds)]);
  const recorded = new Set([...offering, ...needing].map((r) => r.organizationId));
  return { members: memberIds.length, recorded: recorded.size };
}

/**
 * For the partnership path: of these organisations, how many have at least one active resource (offers) or need
 * (needs), and how many such records there are.
 */
export async function organizationsWithActive(db: Database, what: 'offers' | 'needs', organizationIds: string[]): Promise<{ organizations: number; records: number }> {
  if (!organizationIds.length) return { organizations: 0, records: 0 };
  const table = what === 'offers' ? resourceOffers : resourceNeeds;
  const rows = await db
    .select({ organizationId: table.organizationId })
    .from(table)
    .where(and(inArray(table.organizationId, organizationIds), eq(table.state, 'active')));
  return { organizations: new Set(rows.map((r) => r.organizationId)).size, records: rows.length };
}
