import type { Actor } from '../../platform/context';
import { forbidden, notSignedIn } from '../../platform/problem';
import type { CouncilRole, SeatKind } from './schema';

/**
 * A seat the caller holds on a council: a current council member with the caller's account — a representative
 * of an active member organisation the account still belongs to, or a seat outside the member organisations
 * (organizationId null) linked to the account by an accepted invitation.
 */
export interface Seat {
  id: string;
  organizationId: string | null;
  role: CouncilRole;
  /** Whether the seat carries a vote (councilMembers.voting). */
  voting: boolean;
  kind: SeatKind;
}

/** Who the caller is to one network's council; computed by `loadStanding`, judged by `councilPolicy`. */
export interface Standing {
  /** Manages the network (managesNetwork): the coordinator, the covering authority, the operator. */
  coordinator: boolean;
  seats: Seat[];
}

const holds = (s: Standing, role: CouncilRole) => s.seats.some((seat) => seat.role === role);
export const isChair = (s: Standing) => holds(s, 'chair');
export const isSecretary = (s: Standing) => holds(s, 'secretary');
export const isCouncilMember = (s: Standing) => s.seats.length > 0;
export const hasVote = (s: Standing) => s.seats.some((seat) => seat.voting);

/**
 * Who may do what on a council. Composition is the coordinator's; meetings are scheduled by the
 * coordinator or the chair; the secretary keeps attendance and drafts the minutes, attendees amend
 * them, the chair approves them and runs the votes; each member organisation's representative votes.
 */
export const councilPolicy = {
  manageComposition: (s: Standing) => s.coordinator,
  /** Elections of the council are run (opened, closed, cancelled) by the coordinator. */
  runElection: (s: Standing) => s.coordinator,
  /** A pupil's name on the council: the council itself and the coordinators; nobody else who sees the network. */
  seePupilNames: (s: Standing) => s.coordinator || isCouncilMember(s),
  scheduleMeeting: (s: Standing) => s.coordinator || isChair(s),
  cancelMeeting: (s: Standing) => s.coordinator || isChair(s),
  holdMeeting: (s: Standing) => s.coordinator || isChair(s) || isSecretary(s),
  recordAttendance: (s: Standing) => isSecretary(s),
  draftMinutes: (s: Standing) => isSecretary(s),
  /** `attended`: the caller is marked present at this meeting. */
  amendMinutes: (s: Standing, attended: boolean) => isSecretary(s) || attended,
  approveMinutes: (s: Standing) => isChair(s),
  addDecision: (s: Standing) => s.coordinator || isChair(s) || isSecretary(s),
  runVoting: (s: Standing) => isChair(s),
  /** A seat with a vote (an advisory seat takes part but does not vote). */
  vote: (s: Standing) => hasVote(s),
  /** Minutes before approval: council members and coordinators only. */
  readMinutesDraft: (s: Standing) => s.coordinator || isCouncilMember(s),
};

/** 401 for anonymous callers, 403 with a Russian explanation when the rule says no. */
export function permit(actor: Actor | null, allowed: boolean, detail: string): asserts actor is Actor {
  if (!actor) throw notSignedIn();
  if (!allowed) throw forbidden(detail);
}
