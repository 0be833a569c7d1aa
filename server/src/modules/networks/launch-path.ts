import { pluralForm } from '../../platform/plural';
import { type LaunchStep, launchSteps } from './schema';

/** What the data already proves about a network's launch; the steps no data can prove are marked by hand. */
export interface LaunchEvidence {
  councilFormed: boolean;
  agreementSigned: boolean;
  regulationSigned: boolean;
  planHasItems: boolean;
  launched: boolean;
  /** Active members, and how many of them have recorded at least one active resource or need. */
  inventory: { members: number; recorded: number };
}

/** Steps the platform checks itself; the others (educational map, information work) the coordinator marks. */
const provenBy: Partial<Record<LaunchStep, { evidence: Exclude<keyof LaunchEvidence, 'inventory'>; detail: [done: string, missing: string] }>> = {
  council: { evidence: 'councilFormed', detail: ['Совет сформирован: есть председатель, секретарь и представители участников', 'Назначьте председателя, секретаря и членов совета из разных организаций'] },
  agreement: { evidence: 'agreementSigned', detail: ['Договор подписан всеми участниками', 'Договор ещё не подписан всеми участниками'] },
  regulation: { evidence: 'regulationSigned', detail: ['Положение подписано всеми участниками', 'Положение ещё не подписано всеми участниками'] },
  plan: { evidence: 'planHasItems', detail: ['План сетевого взаимодействия составлен', 'Составьте план: хотя бы одно мероприятие'] },
  launch: { evidence: 'launched', detail: ['Сеть запущена', 'Сеть ещё не запущена'] },
};

export interface LaunchStepStatus {
  step: LaunchStep;
  done: boolean;
  source: 'data' | 'manual' | null;
  detail: string;
  /** Whether the coordinator may mark it by hand (no data proves it either way). */
  markable: boolean;
}

/** Pure: where a network stands on the launch path of seed 001, and whether it may be launched now. */
export function launchPathStatus(evidence: LaunchEvidence, marks: Map<LaunchStep, string>) {
  const steps: LaunchStepStatus[] = launchSteps.map((step) => {
    if (step === 'inventory') return inventoryStep(evidence.inventory, marks.get(step));
    const proof = provenBy[step];
    if (proof) {
      const done = evidence[proof.evidence];
      return { step, done, source: done ? 'data' : null, detail: proof.detail[done ? 0 : 1], markable: false };
    }
    const note = marks.get(step);
    return { step, done: note !== undefined, source: note !== undefined ? 'manual' : null, detail: note ?? '', markable: true };
  });
  const beforeLaunch = steps.filter((s) => s.step !== 'launch');
  return {
    steps,
    completed: steps.filter((s) => s.done).length,
    canLaunch: !evidence.launched && beforeLaunch.every((s) => s.done),
    /** The first step not done: where the network stands. */
    current: steps.find((s) => !s.done)?.step ?? null,
  };
}

/**
 * The inventory step of seed 001 is done by data once every active member has described its
 * resources or needs; the coordinator may still mark it by hand, e.g. when a paper passport was collected.
 */
function inventoryStep({ members, recorded }: LaunchEvidence['inventory'], note: string | undefined): LaunchStepStatus {
  const source = members > 0 && recorded >= members ? 'data' : note !== undefined ? 'manual' : null;
  const count = `Ресурсы и потребности описали ${recorded} из ${members} ${pluralForm(members, { one: 'участника', few: 'участников', many: 'участников' })}`;
  return { step: 'inventory', done: source !== null, source, detail: source === 'manual' && note ? `${note}. ${count}` : count, markable: true };
}
