import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem, invalid } from '../../platform/problem';
import { loadVisibleConsultation, lockConsultation, notifySchool, requireState } from './consultation-access';
import { insertConsultationEvent } from './consultation-event';
import { consultationPolicy } from './policy';
import { presentConsultation } from './present-consultation';
import { consultationRequests, consultationSlots } from './schema';

/**
 * The requesting school's head chooses one of the proposed times: in one transaction, under the request's lock, the
 * consultation becomes an event of both schools and the request points to it. Of two acceptances at once one wins;
 * the other is a 409 saying it is already arranged.
 */
export async function acceptConsultation(context: CommandContext, id: string, slotId: string) {
  const current = await loadVisibleConsultation(context, id);
  authorize(context.actor, (actor) => consultationPolicy.decide(actor, current));
  const now = context.now ?? new Date();
  const row = await context.db.transaction(async (tx) => {
    const locked = await lockConsultation(tx, id);
    requireState(locked, ['proposed']);
    const [slot] = await tx.select().from(consultationSlots).where(and(eq(consultationSlots.id, slotId), eq(consultationSlots.requestId, id)));
    if (!slot) throw invalid('Такого времени среди предложенных нет. Обновите страницу.', [{ field: 'slotId', message: 'Выберите одно из предложенных времён' }]);
    if (slot.startsAt <= now) throw new Problem(409, 'Время уже прошло', 'Это время уже прошло. Выберите другое или попросите школу-консультанта предложить новое.');
    const event = await insertConsultationEvent(tx, context, locked, slot);
    const [updated] = await tx
      .update(consultationRequests)
      .set({ state: 'accepted', eventId: event.id, version: sql`${consultationRequests.version} + 1`, updatedAt: new Date() })
      .where(eq(consultationRequests.id, id))
      .returning();
    await recordAudit(tx, context, { action: 'consultation.accepted', entityType: 'consultation', entityId: id, before: locked, after: { ...updated, slotId } });
    await notifySchool(tx, updated, updated.consultantOrganizationId, 'Консультация назначена', 'Время выбрано — консультация в календаре обеих школ.');
    return updated;
  });
  return presentConsultation(context.db, context.actor, row);
}
