import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../platform/db/client';
import { networkMembers, networks } from '../networks/schema';
import { organizations } from '../organizations/schema';

export interface Consultant {
  organizationId: string;
  shortName: string;
  /** The partnership in which it is the requester's leader school; null for a consultant school outside one. */
  networkId: string | null;
  networkName: string | null;
}

/**
 * The schools a school may ask for a consultation (seed 002): the leader school of every partnership in which it is
 * an active satellite, and every school with the status «школа-консультант». A leader school is listed once per
 * partnership, before the consultant schools.
 */
export async function consultantsFor(db: Database, requesterOrganizationId: string): Promise<Consultant[]> {
  const satellite = alias(networkMembers, 'satellite');
  const leader = alias(networkMembers, 'leader');
  const leaders = await db
    .select({ organizationId: organizations.id, shortName: organizations.shortName, networkId: networks.id, networkName: networks.name })
    .from(satellite)
    .innerJoin(networks, and(eq(networks.id, satellite.networkId), eq(networks.kind, 'partnership')))
    .innerJoin(leader, and(eq(leader.networkId, satellite.networkId), eq(leader.role, 'leader'), eq(leader.state, 'active')))
    .innerJoin(organizations, and(eq(organizations.id, leader.organizationId), ne(organizations.state, 'archived')))
    .where(and(eq(satellite.organizationId, requesterOrganizationId), eq(satellite.role, 'satellite'), eq(satellite.state, 'active')))
    .orderBy(asc(networks.name));
  const consultants = await db
    .select({ organizationId: organizations.id, shortName: organizations.shortName, sortKey: organizations.sortKey })
    .from(organizations)
    .where(and(sql`'consultant' = any(${organizations.statuses})`, ne(organizations.state, 'archived'), ne(organizations.id, requesterOrganizationId)))
    .orderBy(sql`${organizations.sortKey} collate "C"`)
    .limit(500);
  return [
    ...leaders.filter((l) => l.organizationId !== requesterOrganizationId),
    ...consultants.map((c) => ({ organizationId: c.organizationId, shortName: c.shortName, networkId: null, networkName: null })),
  ];
}
