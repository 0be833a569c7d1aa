import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict, notFound, notSignedIn } from '../../platform/problem';
import { loadEventAtTheDoor } from './check-in-access';
import { eventRegistrations } from './schema';

/**
 * Attendance by list: the organiser ticks a registered person as present (the same mark a scan leaves, first one
 * wins) or takes a wrong mark off. Marking someone already marked, or unmarking someone not marked, changes nothing
 * and answers the row as it is.
 */
export async function markAttendance(context: CommandContext, eventId: string, input: { registrationId: string; present: boolean }) {
  if (!context.actor) throw notSignedIn();
  const actor = context.actor;
  const event = await loadEventAtTheDoor(context.db, actor, eventId, 'markAttendance');
  return context.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.id, input.registrationId), eq(eventRegistrations.eventId, event.id)))
      .for('update')
      .limit(1);
    if (!row) throw notFound('Регистрация');
    if (row.state !== 'registered') throw conflict('Отметить можно только зарегистрированного участника: эта регистрация отменена, отклонена или ещё ждёт.');
    const present = !!row.checkedInAt;
    if (present === input.present) return { registrationId: row.id, checkedInAt: row.checkedInAt?.toISOString() ?? null, changed: false };
    const at = input.present ? (context.now ?? new Date()) : null;
    await tx
      .update(eventRegistrations)
      .set({ checkedInAt: at, checkedInBy: at ? actor.userId : null, version: sql`${eventRegistrations.version} + 1`, updatedAt: new Date() })
      .where(eq(eventRegistrations.id, row.id));
    await recordAudit(tx, context, {
      action: input.present ? 'event.attendance_marked' : 'event.attendance_unmarked',
      entityType: 'event_registration',
      entityId: row.id,
      before: { checkedInAt: row.checkedInAt?.toISOString() ?? null },
      after: { eventId: event.id, checkedInAt: at?.toISOString() ?? null },
    });
    return { registrationId: row.id, checkedInAt: at?.toISOString() ?? null, changed: true };
  });
}
