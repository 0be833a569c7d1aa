import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict, invalid } from '../../platform/problem';
import { lockAdoption } from './access';
import type { AdoptionResultsInput } from './adoption-fields';
import { notifyPracticeOwners } from './notify-adoption';
import { practiceAdoptions } from './schema';

/** Today's date where the command runs, as YYYY-MM-DD, for comparing with calendar dates. */
const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * The adopting school records what came of it — text, date and figures; recorded again, the newer results replace
 * the older ones (the audit keeps both). A stopped adoption takes no results. The practice's owners are told.
 */
export async function recordAdoptionResults(context: CommandContext, id: string, input: AdoptionResultsInput) {
  return context.db.transaction(async (tx) => {
    const before = await lockAdoption(tx, context, id, input.version);
    if (before.state === 'stopped') throw conflict('Внедрение прекращено: результаты к нему не добавляются.');
    const now = context.now ?? new Date();
    if (input.resultsOn < before.startedOn) {
      throw invalid(`Результаты не записаны: дата результатов раньше начала внедрения (${before.startedOn}).`, [{ field: 'resultsOn', message: 'Раньше начала внедрения' }]);
    }
    if (input.resultsOn > today(now)) throw invalid('Результаты не записаны: дата результатов ещё не наступила.', [{ field: 'resultsOn', message: 'Дата в будущем' }]);
    const [after] = await tx
      .update(practiceAdoptions)
      .set({ state: 'results_recorded', results: input.results, resultsOn: input.resultsOn, figures: input.figures, version: before.version + 1, updatedAt: now })
      .where(eq(practiceAdoptions.id, id))
      .returning();
    await recordAudit(tx, context, { action: 'practice_adoption.results_recorded', entityType: 'practice_adoption', entityId: id, before, after });
    await notifyPracticeOwners(tx, { kind: 'practice_adoption_results', practiceId: before.practiceId, organizationId: before.organizationId, actorUserId: context.actor!.userId });
    return after;
  });
}
