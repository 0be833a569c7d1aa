import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { notify } from '../notifications/notify';
import { type MeetingRow, lockMeeting, meetingContext, seatHolders } from './load';
import { approvedMinutes } from './minutes-results';
import { councilPolicy, permit } from './policy';
import { attendedBy, inOrderConsidered, presentMeeting } from './present-meeting';
import { decisions, meetings } from './schema';
import type { Tally } from './tally-votes';

/** The minutes exist between "held" and "approved"; outside that window they cannot change. */
function refuseUnlessHeld(meeting: Pick<MeetingRow, 'state'>) {
  if (meeting.state === 'approved') throw new Problem(409, 'Протокол утверждён', 'Протокол утверждён председателем и закрыт для правок.');
  if (meeting.state === 'planned') throw new Problem(409, 'Заседание ещё не состоялось', 'Протокол составляется после того, как заседание отмечено как состоявшееся.');
  if (meeting.state === 'cancelled') throw new Problem(409, 'Заседание отменено', 'Заседание отменено — протокола у него нет.');
}

/** 409 for an edit based on an older version; the current text travels with it so that the person can merge, nothing is lost. */
const staleMinutes = (current: MeetingRow) =>
  new Problem(
    409,
    'Протокол изменён другим участником',
    `Пока вы работали, протокол изменил другой участник (теперь это версия ${current.minutesVersion}). Ваш текст не сохранён, но и не потерян — он остался в форме. Сравните его с текущей версией и сохраните ещё раз.`,
    { minutesVersion: current.minutesVersion, minutes: current.minutes },
  );

const minutesSnapshot = (m: MeetingRow) => ({ state: m.state, minutesVersion: m.minutesVersion, minutes: m.minutes });

/**
 * Writes the minutes if they are still at `minutesVersion`: the first text is the secretary's draft,
 * later versions are amendments by the members marked present. Of two edits based on the same
 * version one is saved and the other gets 409.
 */
export async function editMinutes(context: CommandContext, meetingId: string, input: { minutes: string; minutesVersion: number }) {
  const { meeting, network, standing } = await meetingContext(context.db, context.actor, meetingId);
  const drafting = meeting.minutesVersion === 0;
  const attended = await attendedBy(context.db, meetingId, standing);
  permit(
    context.actor,
    drafting ? councilPolicy.draftMinutes(standing) : councilPolicy.amendMinutes(standing, attended),
    drafting
      ? 'Протокол составляет секретарь совета; после этого его дополняют присутствовавшие на заседании.'
      : 'Вносить правки в протокол могут секретарь и присутствовавшие на заседании члены совета.',
  );
  refuseUnlessHeld(meeting);

  const updated = await context.db.transaction(async (tx) => {
    const current = await lockMeeting(tx, meetingId, 'update');
    refuseUnlessHeld(current);
    if (current.minutesVersion !== input.minutesVersion) throw staleMinutes(current);
    const [saved] = await tx
      .update(meetings)
      .set({ minutes: input.minutes, minutesVersion: sql`${meetings.minutesVersion} + 1` })
      .where(eq(meetings.id, meetingId))
      .returning();
    await recordAudit(tx, context, {
      action: current.minutesVersion === 0 ? 'council.minutes_drafted' : 'council.minutes_amended',
      entityType: 'council_meeting',
      entityId: meetingId,
      before: minutesSnapshot(current),
      after: minutesSnapshot(saved),
    });
    if (current.minutesVersion === 0) {
      const chairs = await seatHolders(tx, network.id, { roles: ['chair'] });
      await notify(
        tx,
        [...new Set(chairs.map((h) => h.userId))].map((userId) => ({
          userId,
          kind: 'minutes_to_approve' as const,
          title: `Протокол заседания «${saved.title}» ждёт утверждения`,
          body: `Совет сети «${network.name}». Секретарь составил протокол; присутствовавшие могут дополнить его до утверждения.`,
          link: `/networks/${network.id}/council/${meetingId}`,
          data: { meetingId },
        })),
      );
    }
    return saved;
  });
  return presentMeeting(context.db, context.actor, updated, network, standing);
}

/**
 * The chair approves the version they read: the decisions and their vote results are appended as
 * «Результаты голосования», the meeting becomes approved and the minutes are locked.
 */
export async function approveMinutes(context: CommandContext, meetingId: string, input: { minutesVersion: number }) {
  const { meeting, network, standing } = await meetingContext(context.db, context.actor, meetingId);
  permit(context.actor, councilPolicy.approveMinutes(standing), 'Протокол утверждает председатель совета.');
  if (meeting.state === 'approved') throw new Problem(409, 'Протокол утверждён', 'Протокол этого заседания уже утверждён.');
  refuseUnlessHeld(meeting);

  const updated = await context.db.transaction(async (tx) => {
    const current = await lockMeeting(tx, meetingId, 'update');
    if (current.state === 'approved') throw new Problem(409, 'Протокол утверждён', 'Протокол этого заседания уже утверждён.');
    refuseUnlessHeld(current);
    if (current.minutesVersion !== input.minutesVersion) throw staleMinutes(current);
    if (!current.minutes.trim()) throw new Problem(409, 'Протокол не составлен', 'Секретарь ещё не внёс текст протокола — утверждать нечего.');
    const rows = (await tx.select().from(decisions).where(eq(decisions.meetingId, meetingId))).sort(inOrderConsidered);
    const open = rows.find((d) => d.state === 'voting');
    if (open) throw new Problem(409, 'Голосование не завершено', `Голосование по вопросу «${open.title}» ещё открыто — закройте его, затем утверждайте протокол.`);
    const text = approvedMinutes(
      current.minutes,
      rows.map((d) => ({ title: d.title, text: d.text, state: d.state, result: (d.result ?? null) as Tally | null })),
    );
    const [approved] = await tx
      .update(meetings)
      .set({ minutes: text, minutesVersion: sql`${meetings.minutesVersion} + 1`, state: 'approved', minutesApprovedAt: new Date() })
      .where(eq(meetings.id, meetingId))
      .returning();
    await recordAudit(tx, context, { action: 'council.minutes_approved', entityType: 'council_meeting', entityId: meetingId, before: minutesSnapshot(current), after: minutesSnapshot(approved) });
    return approved;
  });
  return presentMeeting(context.db, context.actor, updated, network, standing);
}
