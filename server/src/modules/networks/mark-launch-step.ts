import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { PathRefusal, type ProposedStep, adaptPath, describePathChange } from '../../algorithms/launch-path';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem } from '../../platform/problem';
import { isBaseSchool } from '../organizations/base-schools';
import { regionToday } from '../territory/region-clock';
import type { Database } from '../../platform/db/client';
import { type NetworkRow, loadVisibleNetwork } from './access';
import { computeLaunchPath, currentLaunchPath } from './get-launch-path';
import { networkPolicy } from './policy';
import { networkLaunchMarks, networkLaunchPathChanges, networks } from './schema';

/** The coordinator marks (or unmarks) a step of the network's path that no data proves, such as the information work. */
export async function markLaunchStep(context: CommandContext, networkId: string, step: string, input: { done: boolean; note?: string }) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  authorize(context.actor, (actor) => networkPolicy.manage(actor, network));
  const path = await computeLaunchPath(context.db, network);
  const status = path.steps.find((s) => s.step === step);
  if (!status) {
    throw new Problem(404, 'Шага нет в пути сети', 'Такого шага нет в пути запуска этой сети. Обновите страницу: путь могли изменить.');
  }
  if (!status.markable) {
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

/**
 * The coordinator adapts the network's path — adds (a catalogue step or one of their own), drops, reorders, renames
 * their own steps — given the revision they saw. The network row is locked, so two coordinators saving at once
 * write revisions n + 1 and n + 2 only if the second saw the first (otherwise 409); the change, its reason and who
 * made it are kept as a revision and an audit entry. Marks of a dropped step stay and count again if it returns.
 */
export async function adaptLaunchPath(context: CommandContext, networkId: string, input: { revision: number; steps: ProposedStep[]; reason?: string }) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  authorize(context.actor, (actor) => networkPolicy.manage(actor, network));
  await context.db.transaction(async (tx) => {
    const [locked] = await tx.select({ launchedAt: networks.launchedAt }).from(networks).where(eq(networks.id, networkId)).for('update');
    const current = await currentLaunchPath(tx, network);
    if (current.revision !== input.revision) {
      throw new Problem(409, 'Путь уже изменён', 'Пока вы редактировали, путь запуска сети изменил другой координатор. Обновите страницу и внесите изменения ещё раз.');
    }
    let steps;
    try {
      steps = adaptPath(current.steps, input.steps, locked.launchedAt !== null, () => `custom-${randomUUID().slice(0, 8)}`);
    } catch (error) {
      if (error instanceof PathRefusal) throw new Problem(409, error.title, error.detail);
      throw error;
    }
    const changes = describePathChange(current.steps, steps);
    if (changes.length === 0) throw new Problem(409, 'Путь не изменился', 'В пути те же шаги в том же порядке: сохранять нечего.');
    const reason = input.reason ?? '';
    await tx.insert(networkLaunchPathChanges).values({ networkId, revision: current.revision + 1, steps, changes, reason, changedBy: context.actor!.userId });
    await recordAudit(tx, context, {
      action: 'network.launch_path_adapted',
      entityType: 'network',
      entityId: networkId,
      before: { revision: current.revision, steps: current.steps },
      after: { revision: current.revision + 1, steps, changes, reason },
    });
  });
  return computeLaunchPath(context.db, await loadVisibleNetwork(context.db, context.actor, networkId));
}

/** Launches the network once every step before the path's launch step is done; launching twice at once launches once. */
export async function launchNetwork(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  authorize(context.actor, (actor) => networkPolicy.manage(actor, network));
  const path = await computeLaunchPath(context.db, network);
  if (!path.canLaunch) {
    const gate = path.steps.findIndex((s) => s.step === 'launch');
    const missing = path.steps.slice(0, Math.max(gate, 0)).filter((s) => !s.done).length;
    throw new Problem(
      409,
      'Запуск пока невозможен',
      network.launchedAt
        ? 'Сеть уже запущена.'
        : gate < 0
          ? 'В пути этой сети нет шага запуска: она работает без него. Координатор может добавить шаг «Запуск» в путь.'
          : `Не выполнено шагов пути запуска: ${missing}. Сначала завершите их.`,
    );
  }
  await requireBaseSchoolToLaunch(context.db, network);
  await context.db.transaction(async (tx) => {
    const [launched] = await tx.update(networks).set({ launchedAt: new Date(), updatedAt: new Date() }).where(and(eq(networks.id, networkId), isNull(networks.launchedAt))).returning();
    if (!launched) throw new Problem(409, 'Запуск пока невозможен', 'Сеть уже запущена.');
    await recordAudit(tx, context, { action: 'network.launched', entityType: 'network', entityId: networkId, before: { launchedAt: null }, after: { launchedAt: launched.launchedAt } });
  });
  return computeLaunchPath(context.db, await loadVisibleNetwork(context.db, context.actor, networkId));
}

/** Only a base school manages a district: a district launches when its managing school is in the register of base schools on that day. */
export async function requireBaseSchoolToLaunch(db: Database, network: Pick<NetworkRow, 'kind' | 'launchedAt' | 'managingOrganizationId'>) {
  if (network.kind !== 'district' || network.launchedAt) return;
  if (await isBaseSchool(db, network.managingOrganizationId, await regionToday(db))) return;
  throw new Problem(
    409,
    'Координирующая школа не базовая',
    'Школьным округом управляет базовая школа: координирующая школа округа ещё не внесена в реестр базовых школ. Его вносит приказ органа управления образованием (документ «Приказ о внесении школы в реестр базовых школ»), подписанный органом.',
  );
}
