import { and, desc, eq } from 'drizzle-orm';
import { type PathStep, addableSteps, launchPathStatus, templateOfKind, templatePath } from '../../algorithms/launch-path';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { users } from '../accounts/schema';
import { councilState } from '../councils/council-state';
import { annexState } from '../documents/annex';
import { networkDocuments } from '../documents/schema';
import { inventoryState, organizationsWithActive } from '../inventory/inventory-state';
import { isBaseSchool } from '../organizations/base-schools';
import { regionToday } from '../territory/region-clock';
import { planState } from '../plans/plan-state';
import { type NetworkRow, loadVisibleNetwork, managesNetwork } from './access';
import { networkLaunchMarks, networkLaunchPathChanges, networkMembers } from './schema';

/** The network's current path: its latest adaptation, or its kind's template (revision 0). */
export async function currentLaunchPath(db: Database, network: Pick<NetworkRow, 'id' | 'kind'>): Promise<{ steps: PathStep[]; revision: number }> {
  const [latest] = await db
    .select({ steps: networkLaunchPathChanges.steps, revision: networkLaunchPathChanges.revision })
    .from(networkLaunchPathChanges)
    .where(eq(networkLaunchPathChanges.networkId, network.id))
    .orderBy(desc(networkLaunchPathChanges.revision))
    .limit(1);
  return latest ?? { steps: templatePath(network.kind), revision: 0 };
}

/**
 * Signed cooperation agreements of the network, with their parties (null: every member) and, when asked, whether the
 * current version carries a plan annex that still says what the plan says. Only the template «agreement» counts: an
 * Art. 15 network-programme agreement, an accession or a resource exchange is another contract; an authority's act
 * binds no members.
 */
async function signedAgreements(db: Database, networkId: string, withAnnex: boolean) {
  const rows = await db
    .select({ id: networkDocuments.id, scope: networkDocuments.partyScope, parties: networkDocuments.partyOrganizationIds })
    .from(networkDocuments)
    .where(and(eq(networkDocuments.networkId, networkId), eq(networkDocuments.kind, 'agreement'), eq(networkDocuments.state, 'signed')));
  return Promise.all(
    rows
      .filter((r) => r.scope !== 'authority')
      .map(async (r) => ({
        parties: r.scope === 'named' && r.parties?.length ? r.parties : null,
        planAnnex: withAnnex ? (await annexState(db, r.id))?.current === true : null,
      })),
  );
}

async function districtRegulationSigned(db: Database, networkId: string) {
  const rows = await db
    .select({ id: networkDocuments.id })
    .from(networkDocuments)
    .where(and(eq(networkDocuments.networkId, networkId), eq(networkDocuments.kind, 'district_regulation'), eq(networkDocuments.state, 'signed')))
    .limit(1);
  return rows.length > 0;
}

export async function computeLaunchPath(db: Database, network: NetworkRow) {
  const members = await db
    .select({ organizationId: networkMembers.organizationId, role: networkMembers.role })
    .from(networkMembers)
    .where(and(eq(networkMembers.networkId, network.id), eq(networkMembers.state, 'active')));
  const satelliteIds = members.filter((m) => m.role === 'satellite').map((m) => m.organizationId);
  // Seed 002: a partnership's agreement takes the joint plan as its annex; a district's agreement (seed 001) has none.
  const annexRequired = network.kind === 'partnership';
  const [path, council, agreements, regulation, plan, inventory, leaderOffers, needing, marks] = await Promise.all([
    currentLaunchPath(db, network),
    councilState(db, network.id),
    signedAgreements(db, network.id, annexRequired),
    districtRegulationSigned(db, network.id),
    planState(db, network.id),
    inventoryState(db, network.id),
    organizationsWithActive(db, 'offers', [network.managingOrganizationId]),
    organizationsWithActive(db, 'needs', satelliteIds),
    db.select().from(networkLaunchMarks).where(eq(networkLaunchMarks.networkId, network.id)),
  ]);
  // Only a base school manages a district (the register is the authority's, organizations/base-schools.ts).
  const baseSchool = network.kind === 'district' && !network.launchedAt ? await isBaseSchool(db, network.managingOrganizationId, await regionToday(db)) : null;
  const status = launchPathStatus(
    path.steps,
    {
      kind: network.kind,
      launched: network.launchedAt !== null,
      councilFormed: council.formed,
      activeMembers: members.length,
      inventory,
      agreements,
      annexRequired,
      districtRegulationSigned: regulation,
      planItems: plan.items,
      roadmapItems: plan.roadmapItems,
      managingOrganizationId: network.managingOrganizationId,
      baseSchool,
      leaderOffers: leaderOffers.records,
      satellites: { ids: satelliteIds, withNeeds: needing.organizations },
    },
    new Map(marks.map((m) => [m.step, m.note])),
  );
  return {
    ...status,
    kind: network.kind,
    template: templateOfKind[network.kind],
    revision: path.revision,
    adapted: path.revision > 0,
    path: path.steps,
    launchedAt: network.launchedAt,
  };
}

/** The record of a path's adaptations, newest first; who changed it only for those who manage the network. */
async function launchPathHistory(db: Database, networkId: string, withNames: boolean) {
  const rows = await db
    .select({
      revision: networkLaunchPathChanges.revision,
      changes: networkLaunchPathChanges.changes,
      reason: networkLaunchPathChanges.reason,
      changedAt: networkLaunchPathChanges.changedAt,
      changedBy: users.fullName,
      changedById: networkLaunchPathChanges.changedBy,
    })
    .from(networkLaunchPathChanges)
    .leftJoin(users, eq(users.id, networkLaunchPathChanges.changedBy))
    .where(eq(networkLaunchPathChanges.networkId, networkId))
    .orderBy(desc(networkLaunchPathChanges.revision));
  // A revision nobody made is the path an existing network had walked, kept by the migration «launch-paths-of-existing-networks».
  return rows.map(({ changedById, ...r }) => ({ ...r, changedBy: withNames ? r.changedBy : null, migrated: changedById === null }));
}

export async function getLaunchPath(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const manages = !!context.actor && managesNetwork(context.actor, network);
  const [path, history] = await Promise.all([computeLaunchPath(context.db, network), launchPathHistory(context.db, network.id, manages)]);
  return {
    ...path,
    canLaunch: path.canLaunch && manages,
    canAdapt: manages,
    /** Catalogue steps the coordinator may add, and the kind's template to return to. */
    addable: manages ? addableSteps(path.path) : [],
    templatePath: templatePath(network.kind),
    history,
  };
}
