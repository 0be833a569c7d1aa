import { eq } from 'drizzle-orm';
import type { Actor, CommandContext } from '../platform/context';
import { holdMeeting } from '../modules/councils/change-meeting-state';
import { addDecision, closeVoting, openVoting } from '../modules/councils/decisions';
import { recordAttendance } from '../modules/councils/record-attendance';
import { scheduleMeeting } from '../modules/councils/schedule-meeting';
import { councilMembers } from '../modules/councils/schema';
import { castVote } from '../modules/councils/votes';
import { loadNetworkUnscreened } from '../modules/networks/access';
import { updateNetwork } from '../modules/networks/update-network';
import { users } from '../modules/accounts/schema';
import { loadActor } from '../modules/accounts/sessions';
import type { DemoHeads } from './demo-heads';

/**
 * The Tyumen association's council decides as its regulation says (seed 000: an association of 24 organisations
 * whose council seats 5): quorum by attendance at the meeting, the chair's casting vote on a tie, new members
 * admitted by the council, exchanges between members visible to the council. One meeting has been held: 4 of
 * the 5 council organisations present, the roadmap adopted — a vote that could never pass while the quorum
 * was counted against all 24 members.
 */
export async function seedDemoCouncilVotes(db: CommandContext['db'], heads: DemoHeads, networkIds: Map<string, string>, operatorEmail: string) {
  const networkId = networkIds.get('tmn-association');
  if (!networkId) return;
  const as = (actor: Actor): CommandContext => ({ db, actor, ip: 'seed' });
  const [operatorUser] = await db.select().from(users).where(eq(users.email, operatorEmail));
  const operator = await loadActor(db, operatorUser);
  const network = await loadNetworkUnscreened(db, networkId);
  await updateNetwork(as(operator), networkId, network.version, { quorumBasis: 'attendance', chairCastingVote: true, admission: 'council', exchangesVisibleToCouncil: true });

  const chair = as(await heads.headOf('tmn-association'));
  const secretary = as(await heads.headOf('tmn-gymnasium-12'));
  const meeting = await scheduleMeeting(chair, networkId, {
    title: 'Заседание совета ассоциации № 1',
    startsAt: new Date('2026-11-20T15:00:00+05:00'),
    place: 'Ассоциация инновационных образовательных учреждений, конференц-зал',
    agenda: ['Об утверждении дорожной карты ассоциации на 2026/27 учебный год'],
  });
  const seats = await db.select().from(councilMembers).where(eq(councilMembers.networkId, networkId));
  const seatOf = (key: string) => seats.find((s) => s.organizationId === heads.id(key))!.id;
  const present = ['tmn-association', 'tmn-gymnasium-12', 'tmn-school-88', 'tmn-school-90'];
  await recordAttendance(secretary, meeting.id, [...present.map((key) => ({ councilMemberId: seatOf(key), attended: true })), { councilMemberId: seatOf('tmn-gymnasium-49'), attended: false }]);
  const decision = await addDecision(chair, meeting.id, {
    title: 'Об утверждении дорожной карты ассоциации на 2026/27 учебный год',
    text: 'Утвердить дорожную карту ассоциации на 2026/27 учебный год: работа сетевых инновационных центров, городская олимпиада, конкурс «Лидер инновационного образования».',
  });
  await openVoting(chair, decision.id);
  const choices: [string, 'for' | 'abstain'][] = [['tmn-association', 'for'], ['tmn-gymnasium-12', 'for'], ['tmn-school-88', 'for'], ['tmn-school-90', 'abstain']];
  for (const [key, choice] of choices) await castVote(as(await heads.headOf(key)), decision.id, { choice });
  await closeVoting(chair, decision.id);
  await holdMeeting(secretary, meeting.id);
}
