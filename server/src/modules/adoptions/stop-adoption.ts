import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict, invalid } from '../../platform/problem';
import { lockAdoption } from './access';
import { recountAdoptions } from './adoption-count';
import type { AdoptionStopInput } from './adoption-fields';
import { practiceAdoptions } from './schema';

/** The adopting school records that it stopped: the record stays on the card, the practice's count no longer has it. */
export async function stopAdoption(context: CommandContext, id: string, input: AdoptionStopInput) {
  return context.db.transaction(async (tx) => {
    const before = await lockAdoption(tx, context, id, input.version);
    if (before.state === 'stopped') throw conflict('Внедрение уже прекращено.');
    if (input.stoppedOn < before.startedOn) {
      throw invalid(`Не записано: дата прекращения раньше начала внедрения (${before.startedOn}).`, [{ field: 'stoppedOn', message: 'Раньше начала внедрения' }]);
    }
    const [after] = await tx
      .update(practiceAdoptions)
      .set({ state: 'stopped', stoppedOn: input.stoppedOn, stopReason: input.reason || null, version: before.version + 1, updatedAt: context.now ?? new Date() })
      .where(eq(practiceAdoptions.id, id))
      .returning();
    await recountAdoptions(tx, before.practiceId);
    await recordAudit(tx, context, { action: 'practice_adoption.stopped', entityType: 'practice_adoption', entityId: id, before, after });
    return after;
  });
}
