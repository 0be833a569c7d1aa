import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { councilState } from '../councils/council-state';
import { inventoryState } from '../inventory/inventory-state';
import { networkDocuments } from '../documents/schema';
import { planState } from '../plans/plan-state';
import { type NetworkRow, loadVisibleNetwork, managesNetwork } from './access';
import { launchPathStatus } from './launch-path';
import { type LaunchStep, networkLaunchMarks } from './schema';

async function signedDocumentExists(db: Database, networkId: string, kinds: (typeof networkDocuments.$inferSelect)['kind'][]) {
  const [{ count }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(networkDocuments)
    .where(and(eq(networkDocuments.networkId, networkId), inArray(networkDocuments.kind, kinds), eq(networkDocuments.state, 'signed')));
  return Number(count) > 0;
}

export async function computeLaunchPath(db: Database, network: NetworkRow) {
  const [council, agreementSigned, regulationSigned, plan, inventory, marks] = await Promise.all([
    councilState(db, network.id),
    signedDocumentExists(db, network.id, ['agreement', 'network_programme_agreement']),
    signedDocumentExists(db, network.id, ['district_regulation', 'council_regulation']),
    planState(db, network.id),
    inventoryState(db, network.id),
    db.select().from(networkLaunchMarks).where(eq(networkLaunchMarks.networkId, network.id)),
  ]);
  const status = launchPathStatus(
    { councilFormed: council.formed, agreementSigned, regulationSigned, planHasItems: plan.items > 0, launched: network.launchedAt !== null, inventory },
    new Map(marks.map((m) => [m.step as LaunchStep, m.note])),
  );
  return { ...status, launchedAt: network.launchedAt };
}

export async function getLaunchPath(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const path = await computeLaunchPath(context.db, network);
  return { ...path, canLaunch: path.canLaunch && !!context.actor && managesNetwork(context.actor, network) };
}
