import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import type { NetworkRow } from '../networks/access';
import { organizations } from '../organizations/schema';
import type { DecisionRow, MeetingRow } from './load';
import { type Standing, councilPolicy } from './policy';
import { byRoleAndName, seatName } from './present';
import { councilMembers, decisions, meetingAttendance, votes } from './schema';
import type { Tally } from './tally-votes';

const collator = new Intl.Collator('ru');

/** Decisions in the order the chair put them to the vote; those never voted on follow, alphabetically. */
export const inOrderConsidered = (a: Pick<DecisionRow, 'openedAt' | 'title'>, b: Pick<DecisionRow, 'openedAt' | 'title'>) =>
  (a.openedAt?.getTime() ?? Infinity) - (b.openedAt?.getTime() ?? Infinity) || collator.compare(a.title, b.title);

const open = (meeting: Pick<MeetingRow, 'state'>) => meeting.state === 'planned' || meeting.state === 'held';

/** Whether the caller is marked present at the meeting through one of their current seats. */
export async function attendedBy(db: Database, meetingId: string, standing: Standing): Promise<boolean> {
  if (!standing.seats.length) return false;
  const rows = await db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
  const seatIds = new Set(standing.seats.map((s) => s.id));
  return rows.some((r) => seatIds.has(r.councilMemberId) && r.attended === true);
}

/**
 * Decisions with their votes. While a vote is open the caller sees how many have voted (organisations, or seats
 * under one vote per seat) and the votes of their own seats and organisations; who voted how is shown once voting has closed.
 */
export async function presentDecisions(db: Database, actor: Actor | null, rows: DecisionRow[], standing: Standing) {
  if (!rows.length) return [];
  const cast = await db
    .select({ vote: votes, organizationName: organizations.shortName, castBy: councilMembers.userId, seatName: councilMembers.fullName })
    .from(votes)
    .leftJoin(organizations, eq(organizations.id, votes.organizationId))
    .innerJoin(councilMembers, eq(councilMembers.id, votes.councilMemberId))
    .where(
      inArray(
        votes.decisionId,
        rows.map((d) => d.id),
      ),
    );
  const represented = new Set(standing.seats.map((s) => s.organizationId));
  const seatIds = new Set(standing.seats.map((s) => s.id));
  return rows.map((d) => {
    const mine = cast.filter((c) => c.vote.decisionId === d.id);
    const closed = d.state === 'adopted' || d.state === 'rejected';
    const perSeat = d.rules?.voteUnit === 'seat';
    return {
      id: d.id,
      meetingId: d.meetingId,
      title: d.title,
      text: d.text,
      state: d.state,
      result: (d.result ?? null) as Tally | null,
      rules: d.rules ?? null,
      subject: d.subject ?? null,
      openedAt: d.openedAt,
      closedAt: d.closedAt,
      /** Votes cast so far: by organisations, or by seats when each seat has its own vote. */
      votedOrganizations: mine.length,
      yourVotes: mine
        .filter((c) => seatIds.has(c.vote.councilMemberId) || (!perSeat && c.vote.organizationId !== null && represented.has(c.vote.organizationId)))
        .map((c) => ({ organizationId: c.vote.organizationId, choice: c.vote.choice, castByYou: !!actor && c.castBy === actor.userId })),
      votes: closed
        ? mine.map((c) => ({ organizationId: c.vote.organizationId, councilMemberId: c.vote.councilMemberId, organizationName: c.organizationName ?? '', seatName: perSeat ? c.seatName : null, choice: c.vote.choice, castAt: c.vote.castAt }))
        : null,
    };
  });
}

export type DecisionView = Awaited<ReturnType<typeof presentDecisions>>[number];

export async function presentDecision(db: Database, actor: Actor | null, row: DecisionRow, standing: Standing): Promise<DecisionView> {
  const [view] = await presentDecisions(db, actor, [row], standing);
  return view;
}

/** The meeting page: agenda, invitations and attendance, decisions, minutes (drafts only to the council and coordinators) and what the caller may do. */
export async function presentMeeting(db: Database, actor: Actor | null, meeting: MeetingRow, network: NetworkRow, standing: Standing) {
  const attendance = await db
    .select({ row: meetingAttendance, member: councilMembers, organizationName: organizations.shortName })
    .from(meetingAttendance)
    .innerJoin(councilMembers, eq(councilMembers.id, meetingAttendance.councilMemberId))
    .leftJoin(organizations, eq(organizations.id, councilMembers.organizationId))
    .where(eq(meetingAttendance.meetingId, meeting.id));
  const seesPupils = councilPolicy.seePupilNames(standing);
  const decisionRows = (await db.select().from(decisions).where(eq(decisions.meetingId, meeting.id))).sort(inOrderConsidered);
  const seatIds = new Set(standing.seats.map((s) => s.id));
  const attended = attendance.some((a) => seatIds.has(a.member.id) && a.row.attended === true);
  const minutesVisible = meeting.state === 'approved' || councilPolicy.readMinutesDraft(standing);
  const canEditMinutes =
    meeting.state === 'held' && (meeting.minutesVersion === 0 ? councilPolicy.draftMinutes(standing) : councilPolicy.amendMinutes(standing, attended));
  return {
    id: meeting.id,
    networkId: meeting.networkId,
    networkName: network.name,
    title: meeting.title,
    startsAt: meeting.startsAt,
    place: meeting.place,
    agenda: meeting.agenda,
    state: meeting.state,
    minutes: minutesVisible ? meeting.minutes : null,
    minutesVisible,
    minutesVersion: meeting.minutesVersion,
    minutesApprovedAt: meeting.minutesApprovedAt,
    createdAt: meeting.createdAt,
    attendance: attendance
      .map((a) => ({
        councilMemberId: a.member.id,
        fullName: seatName(a.member, seesPupils),
        position: a.member.kind === 'pupil' ? '' : a.member.position,
        role: a.member.role,
        kind: a.member.kind,
        affiliation: a.member.kind === 'pupil' && !seesPupils ? '' : a.member.affiliation,
        voting: a.member.voting,
        organizationId: a.member.organizationId,
        organizationName: a.organizationName,
        invitedAt: a.row.invitedAt,
        attended: a.row.attended,
        isYou: !!actor && a.member.userId === actor.userId,
      }))
      .sort(byRoleAndName),
    decisions: await presentDecisions(db, actor, decisionRows, standing),
    permissions: {
      canRecordAttendance: open(meeting) && councilPolicy.recordAttendance(standing),
      canHold: meeting.state === 'planned' && councilPolicy.holdMeeting(standing),
      canCancel: meeting.state === 'planned' && councilPolicy.cancelMeeting(standing),
      canEditMinutes,
      canApprove: meeting.state === 'held' && councilPolicy.approveMinutes(standing),
      canAddDecision: open(meeting) && councilPolicy.addDecision(standing),
      canRunVoting: open(meeting) && councilPolicy.runVoting(standing),
      canVote: councilPolicy.vote(standing),
    },
  };
}

export type MeetingView = Awaited<ReturnType<typeof presentMeeting>>;

/** Audit snapshots of a meeting leave the minutes text to the minutes entries. */
export const meetingSnapshot = (m: MeetingRow) => ({
  networkId: m.networkId,
  title: m.title,
  startsAt: m.startsAt,
  place: m.place,
  agenda: m.agenda,
  state: m.state,
  minutesVersion: m.minutesVersion,
  minutesApprovedAt: m.minutesApprovedAt,
});
