import { desc, eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { loadVisibleNetwork } from '../networks/access';
import { loadMeeting, loadStanding } from './load';
import { presentMeeting } from './present-meeting';
import { meetings } from './schema';

/** A meeting for whoever can view its network; the minutes draft only for council members and coordinators. */
export async function getMeeting(context: CommandContext, id: string) {
  const meeting = await loadMeeting(context.db, id);
  const network = await loadVisibleNetwork(context.db, context.actor, meeting.networkId, 'Заседание');
  const standing = await loadStanding(context.db, context.actor, network);
  return presentMeeting(context.db, context.actor, meeting, network, standing);
}

/** The network's meetings, newest first. */
export async function listMeetings(context: CommandContext, networkId: string) {
  await loadVisibleNetwork(context.db, context.actor, networkId);
  const rows = await context.db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      place: meetings.place,
      state: meetings.state,
      minutesApprovedAt: meetings.minutesApprovedAt,
    })
    .from(meetings)
    .where(eq(meetings.networkId, networkId))
    .orderBy(desc(meetings.startsAt));
  return { items: rows };
}
