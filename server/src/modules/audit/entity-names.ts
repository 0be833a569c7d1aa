import { eq, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../platform/db/client';
import { staffImports, users } from '../accounts/schema';
import { campaigns } from '../campaigns/schema';
import { councilElections, councilMembers, decisions, meetings } from '../councils/schema';
import { HIDDEN_PUPIL_NAME } from '../councils/seats';
import { networkDocuments } from '../documents/schema';
import { events } from '../events/schema';
import { resourceExchanges } from '../exchanges/schema';
import { resourceNeeds, resourceOffers } from '../inventory/schema';
import { networkMembers, networks } from '../networks/schema';
import { organizationImports, organizations } from '../organizations/schema';
import { planItems, plans } from '../plans/schema';
import { programmes } from '../programmes/schema';
import { municipalities, regions } from '../territory/schema';

type NameLoader = (db: Database, ids: string[]) => Promise<{ id: string; name: string }[]>;

// Drizzle's select types are too rich to spell for any table: the loader's row shape is stated once here.
const column =
  (table: PgTable, id: PgColumn, name: PgColumn): NameLoader =>
  (db, ids) =>
    db.select({ id, name }).from(table).where(inArray(id, ids)) as unknown as Promise<{ id: string; name: string }[]>;

/**
 * How each kind of audited object is named for the operator reading the log. Children, their enrolments,
 * invitations, notifications and e-mails are left out on purpose: they stay by id (a child's name or a
 * person's address is never shown beside an action).
 */
const loaders: Record<string, NameLoader> = {
  organization: column(organizations, organizations.id, organizations.shortName),
  user: column(users, users.id, users.fullName),
  campaign: column(campaigns, campaigns.id, campaigns.title),
  council_meeting: column(meetings, meetings.id, meetings.title),
  council_decision: column(decisions, decisions.id, decisions.title),
  // A pupil on a council is a child: the log names the seat, not the child.
  council_member: (db, ids) =>
    db
      .select({ id: councilMembers.id, name: sql<string>`case when ${councilMembers.kind} = 'pupil' then ${HIDDEN_PUPIL_NAME} else ${councilMembers.fullName} end` })
      .from(councilMembers)
      .where(inArray(councilMembers.id, ids)),
  council_election: column(councilElections, councilElections.id, councilElections.title),
  event: column(events, events.id, events.title),
  municipality: column(municipalities, municipalities.id, municipalities.name),
  network: column(networks, networks.id, networks.name),
  network_document: column(networkDocuments, networkDocuments.id, networkDocuments.title),
  plan: column(plans, plans.id, plans.title),
  plan_item: column(planItems, planItems.id, planItems.activity),
  programme: column(programmes, programmes.id, programmes.title),
  region: column(regions, regions.id, regions.name),
  resource_offer: column(resourceOffers, resourceOffers.id, resourceOffers.title),
  resource_need: column(resourceNeeds, resourceNeeds.id, resourceNeeds.title),
  organization_import: column(organizationImports, organizationImports.id, organizationImports.fileName),
  staff_import: column(staffImports, staffImports.id, staffImports.fileName),
  // A membership is named by its organisation, an exchange by the resource asked for.
  network_member: (db, ids) =>
    db.select({ id: networkMembers.id, name: organizations.shortName }).from(networkMembers).innerJoin(organizations, eq(organizations.id, networkMembers.organizationId)).where(inArray(networkMembers.id, ids)),
  resource_exchange: (db, ids) =>
    db.select({ id: resourceExchanges.id, name: resourceOffers.title }).from(resourceExchanges).innerJoin(resourceOffers, eq(resourceOffers.id, resourceExchanges.offerId)).where(inArray(resourceExchanges.id, ids)),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of the objects a page of audit entries refers to, keyed by type and id: one query per kind of object on the page. */
export async function entityNames(db: Database, entries: { entityType: string; entityId: string | null }[]): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<string>>();
  for (const { entityType, entityId } of entries) {
    if (!entityId || !UUID.test(entityId) || !loaders[entityType]) continue;
    idsByType.set(entityType, (idsByType.get(entityType) ?? new Set()).add(entityId));
  }
  const named = await Promise.all([...idsByType].map(async ([type, ids]) => (await loaders[type](db, [...ids])).map((row) => [`${type}:${row.id}`, row.name] as const)));
  return new Map(named.flat());
}
