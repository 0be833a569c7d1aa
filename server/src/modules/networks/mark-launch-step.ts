import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem } from '../../platform/problem';
import { loadVisibleNetwork } from './access';
import { computeLaunchPath } from './get-launch-path';
import { networkPolicy } from './policy';
import { type LaunchStep, networkLaunchMarks, networks } from './schema';

/** The coordinator marks (or unmarks) a step that no data proves, such as the information work. */
export async function markLaunchStep(context: CommandContext, networkId: string, step: LaunchStep, input: { done: boolean; note?: string }) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  authorize(context.actor, (actor) => networkPolicy.manage(actor, network));
  const path = await computeLaunchPath(context.db, network);
  if (!path.steps.find((s) => s.step === step)!.markable) {
    throw new Problem(409, 'Шаг отмечается автоматически', 'Этот шаг выполняется сам, когда в системе появляются нужные данные (совет, подписанный документ, план).');
  }
  await context.db.transaction(async (tx) => {
    if (input.done) {
      await tx
        .insert(networkLaunchMarks)
        .values({ networkId, step, note: input.note ?? '', markedBy: context.actor!.userId })
        .onConflictDoUpdate({ target: [networkLaunchMarks.networkId, networkLaunchMarks.step], set: { note: input.note ?? '', markedBy: context.actor!.userId, markedAt: new Date() } });
    } else {
      await tx.delete(networkLaunchMarks).where(and(eq(networkLaunchMarks.networkId, networkId), eq(networkLaunchMarks.step, step)));
    }
    await recordAudit(tx, context, { action: input.done ? 'network.launch_step_marked' : 'network.launch_step_unmarked', entityType: 'network', entityId: networkId, after: { step, note: input.note ?? '' } });
  });
  return computeLaunchPath(context.db, await loadVisibleNetwork(context.db, context.actor, networkId));
}

/** Launches the network once every earlier step is done; launching twice at once launches once. */
export async function launchNetwork(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  authorize(context.actor, (actor) => networkPolicy.manage(actor, network));
  const path = await computeLaunchPath(context.db, network);
  if (!path.canLaunch) {
    const missing = path.steps.filter((s) => !s.done && s.step !== 'launch').length;
    throw new Problem(409, 'Запуск пока невозможен', network.launchedAt ? 'Сеть уже запущена.' : `Не выполнено шагов пути запуска: ${missing}. Сначала завершите их.`);
  }
  await context.db.transaction(async (tx) => {
    const [launched] = await tx.update(networks).set({ launchedAt: new Date(), updatedAt: new Date() }).where(and(eq(networks.id, networkId), isNull(networks.launchedAt))).returning();
    if (!launched) throw new Problem(409, 'Запуск пока невозможен', 'Сеть уже запущена.');
    await recordAudit(tx, context, { action: 'network.launched', entityType: 'network', entityId: networkId, before: { launchedAt: null }, after: { launchedAt: launched.launchedAt } });
  });
  return computeLaunchPath(context.db, await loadVisibleNetwork(context.db, context.actor, networkId));
}
