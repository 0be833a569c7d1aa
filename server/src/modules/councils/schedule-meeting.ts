import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { activeMemberIds, loadVisibleNetwork } from '../networks/access';
import { networks } from '../networks/schema';
import { momentText } from '../../platform/dates';
import { notify } from '../notifications/notify';
import { regionTimezone } from '../territory/region-clock';
import { placeAdmissionsOnAgenda } from './admission';
import { loadMeeting, loadStanding, seatHolders } from './load';
import { councilPolicy, permit } from './policy';
import { meetingSnapshot, presentMeeting } from './present-meeting';
import { councilMembers, meetingAttendance, meetings } from './schema';

export interface NewMeeting {
  title: string;
  startsAt: Date;
  place: string;
  agenda: string[];
}

/** Schedules a council meeting and invites every current council member (from an active member organisation, or seated from outside them). */
export async function scheduleMeeting(context: CommandContext, networkId: string, input: NewMeeting) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const standing = await loadStanding(context.db, context.actor, network);
  permit(context.actor, councilPolicy.scheduleMeeting(standing), 'Заседание назначает координатор сети или председатель совета.');
  const actor = context.actor;

  const timeZone = await regionTimezone(context.db);
  const meeting = await context.db.transaction(async (tx) => {
    // The same lock as composition changes: the invitation list is the council as it is at this moment.
    await tx.select({ id: networks.id }).from(networks).where(eq(networks.id, networkId)).for('no key update');
    const active = new Set(await activeMemberIds(tx, networkId));
    const invited = (
      await tx
        .select({ id: councilMembers.id, organizationId: councilMembers.organizationId })
        .from(councilMembers)
        .where(and(eq(councilMembers.networkId, networkId), isNull(councilMembers.removedAt)))
    ).filter((m) => m.organizationId === null || active.has(m.organizationId));
    if (!invited.length) throw new Problem(409, 'Совет не сформирован', 'В совете пока нет ни одного члена — приглашать на заседание некого. Сначала сформируйте состав совета.');
    const [created] = await tx
      .insert(meetings)
      .values({ networkId, title: input.title, startsAt: input.startsAt, place: input.place, agenda: input.agenda, createdBy: actor.userId })
      .returning();
    await tx.insert(meetingAttendance).values(invited.map((m) => ({ meetingId: created.id, councilMemberId: m.id })));
    await recordAudit(tx, context, {
      action: 'council.meeting_scheduled',
      entityType: 'council_meeting',
      entityId: created.id,
      after: { ...meetingSnapshot(created), invited: invited.map((m) => m.id) },
    });
    // Requests to join waiting for the council go onto the next meeting (when the regulation has the council admit members).
    await placeAdmissionsOnAgenda(tx, context, network);
    const holders = await seatHolders(tx, networkId, { seatIds: invited.map((m) => m.id) });
    await notify(
      tx,
      [...new Set(holders.map((h) => h.userId))].map((userId) => ({
        userId,
        kind: 'meeting_invited' as const,
        title: `Приглашение на заседание совета: «${created.title}»`,
        body: `Сеть «${network.name}», ${momentText(created.startsAt, timeZone)}${created.place ? `, ${created.place}` : ''}.`,
        link: `/networks/${networkId}/council/${created.id}`,
        data: { meetingId: created.id },
      })),
    );
    return created;
  });
  return presentMeeting(context.db, context.actor, await loadMeeting(context.db, meeting.id), network, standing);
}
