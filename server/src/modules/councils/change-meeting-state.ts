import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { lockMeeting, meetingContext } from './load';
import { councilPolicy, permit } from './policy';
import { meetingSnapshot, presentMeeting } from './present-meeting';
import { decisions, meetings } from './schema';

/** planned → held: the meeting took place; the secretary may now draft the minutes. */
export async function holdMeeting(context: CommandContext, meetingId: string) {
  const { network, standing } = await meetingContext(context.db, context.actor, meetingId);
  permit(context.actor, councilPolicy.holdMeeting(standing), 'Отметить, что заседание состоялось, может координатор сети, председатель или секретарь совета.');
  const updated = await context.db.transaction(async (tx) => {
    const current = await lockMeeting(tx, meetingId, 'update');
    if (current.state !== 'planned') throw new Problem(409, 'Действие недоступно', 'Отметить как состоявшееся можно только запланированное заседание.');
    const [held] = await tx.update(meetings).set({ state: 'held' }).where(eq(meetings.id, meetingId)).returning();
    await recordAudit(tx, context, { action: 'council.meeting_held', entityType: 'council_meeting', entityId: meetingId, before: meetingSnapshot(current), after: meetingSnapshot(held) });
    return held;
  });
  return presentMeeting(context.db, context.actor, updated, network, standing);
}

/** planned → cancelled, unless something has already been put to the vote. */
export async function cancelMeeting(context: CommandContext, meetingId: string) {
  const { network, standing } = await meetingContext(context.db, context.actor, meetingId);
  permit(context.actor, councilPolicy.cancelMeeting(standing), 'Отменить заседание может координатор сети или председатель совета.');
  const updated = await context.db.transaction(async (tx) => {
    const current = await lockMeeting(tx, meetingId, 'update');
    if (current.state !== 'planned') throw new Problem(409, 'Действие недоступно', 'Отменить можно только запланированное заседание.');
    const [voted] = await tx
      .select({ title: decisions.title })
      .from(decisions)
      .where(and(eq(decisions.meetingId, meetingId), inArray(decisions.state, ['voting', 'adopted', 'rejected'])))
      .limit(1);
    if (voted) throw new Problem(409, 'Действие недоступно', `По вопросу «${voted.title}» уже идёт или прошло голосование — такое заседание отменить нельзя.`);
    const [cancelled] = await tx.update(meetings).set({ state: 'cancelled' }).where(eq(meetings.id, meetingId)).returning();
    await recordAudit(tx, context, { action: 'council.meeting_cancelled', entityType: 'council_meeting', entityId: meetingId, before: meetingSnapshot(current), after: meetingSnapshot(cancelled) });
    return cancelled;
  });
  return presentMeeting(context.db, context.actor, updated, network, standing);
}
