import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { invalid } from '../../platform/problem';
import { lockMeeting, meetingContext } from './load';
import { refuseUnlessOpen } from './meeting-state';
import { councilPolicy, permit } from './policy';
import { presentMeeting } from './present-meeting';
import { meetingAttendance } from './schema';

export interface AttendanceMark {
  councilMemberId: string;
  attended: boolean;
}

/** The secretary marks who of the invited came; allowed until the minutes are approved. */
export async function recordAttendance(context: CommandContext, meetingId: string, marks: AttendanceMark[]) {
  const { meeting, network, standing } = await meetingContext(context.db, context.actor, meetingId);
  permit(context.actor, councilPolicy.recordAttendance(standing), 'Присутствие на заседании отмечает секретарь совета.');
  refuseUnlessOpen(meeting, 'отмечать присутствие');
  const repeated = marks.map((m, i) => i).filter((i) => marks.findIndex((m) => m.councilMemberId === marks[i].councilMemberId) < i);
  if (repeated.length) {
    throw invalid('Каждого члена совета отметьте один раз.', repeated.map((i) => ({ field: `entries.${i}.councilMemberId`, message: 'Этот человек уже отмечен выше' })));
  }

  const updated = await context.db.transaction(async (tx) => {
    const current = await lockMeeting(tx, meetingId, 'share');
    refuseUnlessOpen(current, 'отмечать присутствие');
    const invited = await tx.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
    const byMember = new Map(invited.map((r) => [r.councilMemberId, r]));
    const strangers = marks.map((m, i) => ({ m, i })).filter(({ m }) => !byMember.has(m.councilMemberId));
    if (strangers.length) {
      throw invalid('Отмечать можно только приглашённых на заседание членов совета.', strangers.map(({ i }) => ({ field: `entries.${i}.councilMemberId`, message: 'Этот человек не приглашён на заседание' })));
    }
    for (const mark of marks) {
      await tx
        .update(meetingAttendance)
        .set({ attended: mark.attended })
        .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.councilMemberId, mark.councilMemberId)));
    }
    await recordAudit(tx, context, {
      action: 'council.attendance_recorded',
      entityType: 'council_meeting',
      entityId: meetingId,
      before: marks.map((m) => ({ councilMemberId: m.councilMemberId, attended: byMember.get(m.councilMemberId)!.attended })),
      after: marks,
    });
    return current;
  });
  return presentMeeting(context.db, context.actor, updated, network, standing);
}
