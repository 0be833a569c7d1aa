import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import type { FieldError } from '../../platform/problem';
import { throwIfErrors } from '../plans/plan-fields';
import { loadVisibleConsultation, lockConsultation, notifySchool, requireState } from './consultation-access';
import type { SlotProposal } from './consultation-fields';
import { consultationPolicy } from './policy';
import { presentConsultation } from './present-consultation';
import { consultationRequests, consultationSlots } from './schema';

const HOUR = 3_600_000;
/** The path of a slot's field in the form: slots.0.endsAt. */
const slotField = (index: number, name: 'startsAt' | 'endsAt') => ['slots', index, name].join('.');

/** Each time is ahead, ends after it starts and lasts at most a working day. */
function slotErrors(input: SlotProposal, now: Date): FieldError[] {
  return input.slots.flatMap((slot, i) => {
    const startsAt = new Date(slot.startsAt);
    const endsAt = new Date(slot.endsAt);
    if (endsAt <= startsAt) return [{ field: slotField(i, 'endsAt'), message: 'Окончание должно быть позже начала' }];
    if (startsAt <= now) return [{ field: slotField(i, 'startsAt'), message: 'Это время уже прошло — предложите будущее' }];
    if (endsAt.getTime() - startsAt.getTime() > 12 * HOUR) return [{ field: slotField(i, 'endsAt'), message: 'Консультация длится не больше 12 часов' }];
    return [];
  });
}

/** The consultant school's head proposes times (replacing an earlier proposal); the requester's heads are told. */
export async function proposeConsultationSlots(context: CommandContext, id: string, input: SlotProposal) {
  const current = await loadVisibleConsultation(context, id);
  authorize(context.actor, (actor) => consultationPolicy.answer(actor, current));
  throwIfErrors(slotErrors(input, context.now ?? new Date()), 'Время не предложено.');
  const row = await context.db.transaction(async (tx) => {
    const locked = await lockConsultation(tx, id);
    requireState(locked, ['requested', 'proposed']);
    await tx.delete(consultationSlots).where(eq(consultationSlots.requestId, id));
    const slots = await tx
      .insert(consultationSlots)
      .values(input.slots.map((s) => ({ requestId: id, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), place: s.place ?? '' })))
      .returning();
    const [updated] = await tx
      .update(consultationRequests)
      .set({ state: 'proposed', version: sql`${consultationRequests.version} + 1`, updatedAt: new Date() })
      .where(eq(consultationRequests.id, id))
      .returning();
    await recordAudit(tx, context, { action: 'consultation.slots_proposed', entityType: 'consultation', entityId: id, before: locked, after: { ...updated, slots } });
    await notifySchool(tx, updated, updated.requesterOrganizationId, 'Предложено время консультации', 'Выберите удобное время — консультация появится в календаре обеих школ.');
    return updated;
  });
  return presentConsultation(context.db, context.actor, row);
}
