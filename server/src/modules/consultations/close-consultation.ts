import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { loadVisibleConsultation, lockConsultation, notifySchool, requireState } from './consultation-access';
import type { ConsultationStep } from './consultation-fields';
import { consultationPolicy } from './policy';
import { presentConsultation } from './present-consultation';
import { consultationRequests } from './schema';

/**
 * Ends a consultation request before it is accepted: the consultant school declines it, or the requester withdraws
 * it. The other school's heads are told. An accepted consultation is an event: it is cancelled as an event.
 */
async function closeConsultation(context: CommandContext, id: string, step: ConsultationStep, how: 'declined' | 'cancelled') {
  const current = await loadVisibleConsultation(context, id);
  authorize(context.actor, (actor) => (how === 'declined' ? consultationPolicy.answer(actor, current) : consultationPolicy.decide(actor, current)));
  const row = await context.db.transaction(async (tx) => {
    const locked = await lockConsultation(tx, id);
    requireState(locked, ['requested', 'proposed']);
    const [updated] = await tx
      .update(consultationRequests)
      .set({ state: how, reason: step?.reason ?? '', version: sql`${consultationRequests.version} + 1`, updatedAt: new Date() })
      .where(eq(consultationRequests.id, id))
      .returning();
    await recordAudit(tx, context, { action: how === 'declined' ? 'consultation.declined' : 'consultation.cancelled', entityType: 'consultation', entityId: id, before: locked, after: updated });
    const told = how === 'declined' ? updated.requesterOrganizationId : updated.consultantOrganizationId;
    await notifySchool(tx, updated, told, how === 'declined' ? 'Консультация отклонена' : 'Запрос консультации отозван', updated.reason);
    return updated;
  });
  return presentConsultation(context.db, context.actor, row);
}

/** The consultant school's head declines (with a reason for the requester). */
export const declineConsultation = (context: CommandContext, id: string, step: ConsultationStep) => closeConsultation(context, id, step, 'declined');

/** The requesting school's head withdraws the request. */
export const cancelConsultation = (context: CommandContext, id: string, step: ConsultationStep) => closeConsultation(context, id, step, 'cancelled');
