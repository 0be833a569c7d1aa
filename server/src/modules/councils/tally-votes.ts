import type { QuorumBasis, VoteUnit } from '../networks/schema';

export type VoteChoice = 'for' | 'against' | 'abstain';
export type Majority = 'simple' | 'two_thirds';

/** The regulation's voting rules (networks.quorumPercent, majority, quorumBasis, voteUnit, chairCastingVote). */
export interface TallyRules {
  quorumPercent: number;
  majority: Majority;
  quorumBasis: QuorumBasis;
  voteUnit: VoteUnit;
  chairCastingVote: boolean;
}

/** A voting seat on the council when the vote closes, with what it did. */
export interface TallySeat {
  seatId: string;
  /** The seat's organisation; null for a seat held by a person outside the member organisations. */
  organizationId: string | null;
  chair: boolean;
  /** Marked present at the meeting by the secretary. */
  present: boolean;
  /** The vote this seat cast, if any. */
  choice: VoteChoice | null;
}

export interface Tally {
  /** Voting units on the council: organisations (or seats) that have a vote. */
  eligible: number;
  /** Units present at the meeting (counted under the attendance quorum; reported under both). */
  present: number;
  /** Units whose vote counts: all that voted under the seats quorum, only those present under the attendance quorum. */
  voted: number;
  for: number;
  against: number;
  abstain: number;
  /** Votes of units not present at the meeting, left out under the attendance quorum. */
  notCounted: number;
  quorumPercent: number;
  majority: Majority;
  /** Absent from tallies recorded before the regulation's settings existed (they counted every member organisation). */
  quorumBasis?: QuorumBasis;
  voteUnit?: VoteUnit;
  chairCastingVote?: boolean;
  quorum: boolean;
  /** A tie decided by the chair's vote (simple majority, casting vote set, for = against > 0). */
  castingVote: 'for' | 'against' | null;
  outcome: 'adopted' | 'rejected';
  /** Why a decision was rejected: no quorum, or not enough votes for. */
  reason: 'no_quorum' | 'no_majority' | null;
}

/** The unit a seat's vote belongs to: its organisation (or itself, without one) under one vote per organisation; itself under one vote per seat. */
export const unitOf = (seat: Pick<TallySeat, 'seatId' | 'organizationId'>, unit: VoteUnit) => (unit === 'organization' && seat.organizationId ? `o:${seat.organizationId}` : `s:${seat.seatId}`);

/**
 * The voting rule of the council, in integers so that no rounding decides a vote.
 * - Units: one per member organisation on the council (or per voting seat, when the regulation says so).
 *   An organisation is present if any of its voting seats is; its vote is the one cast through any of its seats.
 * - Quorum 'seats': units that voted × 100 ≥ quorumPercent × units on the council (and somebody voted).
 *   Quorum 'attendance': units present × 100 ≥ quorumPercent × units on the council; only present units' votes count.
 * - Simple majority: for > against; two thirds: for > 0 and 3·for ≥ 2·(for + against). Abstentions count for the
 *   quorum, not for the majority.
 * - Chair's casting vote (simple majority only): on a tie for = against > 0 the counted vote of the chair's unit decides;
 *   if the chair abstained or did not vote, the tie stands and the decision is not adopted.
 */
export function tallyVotes(seats: readonly TallySeat[], rules: TallyRules): Tally {
  const units = new Map<string, { present: boolean; chair: boolean; choice: VoteChoice | null }>();
  for (const seat of seats) {
    const key = unitOf(seat, rules.voteUnit);
    const unit = units.get(key) ?? { present: false, chair: false, choice: null };
    unit.present ||= seat.present;
    unit.chair ||= seat.chair;
    unit.choice ??= seat.choice;
    units.set(key, unit);
  }
  const all = [...units.values()];
  const byAttendance = rules.quorumBasis === 'attendance';
  const counted = all.filter((u) => u.choice !== null && (!byAttendance || u.present));
  const count = (choice: VoteChoice) => counted.filter((u) => u.choice === choice).length;
  const votesFor = count('for');
  const against = count('against');
  const abstain = count('abstain');
  const present = all.filter((u) => u.present).length;
  const eligible = all.length;
  const voted = counted.length;
  const quorumCount = byAttendance ? present : voted;
  const quorum = eligible > 0 && quorumCount > 0 && quorumCount * 100 >= rules.quorumPercent * eligible;
  let majority = rules.majority === 'two_thirds' ? votesFor > 0 && 3 * votesFor >= 2 * (votesFor + against) : votesFor > against;
  let castingVote: Tally['castingVote'] = null;
  if (rules.majority === 'simple' && rules.chairCastingVote && votesFor === against && votesFor > 0) {
    const chairVote = counted.find((u) => u.chair)?.choice;
    if (chairVote === 'for' || chairVote === 'against') {
      castingVote = chairVote;
      majority = chairVote === 'for';
    }
  }
  const adopted = quorum && majority;
  return {
    eligible,
    present,
    voted,
    for: votesFor,
    against,
    abstain,
    notCounted: all.filter((u) => u.choice !== null).length - voted,
    quorumPercent: rules.quorumPercent,
    majority: rules.majority,
    quorumBasis: rules.quorumBasis,
    voteUnit: rules.voteUnit,
    chairCastingVote: rules.chairCastingVote,
    quorum,
    castingVote,
    outcome: adopted ? 'adopted' : 'rejected',
    reason: adopted ? null : quorum ? 'no_majority' : 'no_quorum',
  };
}
