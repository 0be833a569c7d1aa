export type VoteChoice = 'for' | 'against' | 'abstain';
export type Majority = 'simple' | 'two_thirds';

export interface TallyInput {
  /** Organisations that are active members of the network when voting closes. */
  eligible: number;
  /** One choice per organisation that voted (abstentions included). */
  choices: readonly VoteChoice[];
  /** Rules set by the regulation (networks.quorumPercent, networks.majority). */
  quorumPercent: number;
  majority: Majority;
}

export interface Tally {
  eligible: number;
  voted: number;
  for: number;
  against: number;
  abstain: number;
  quorumPercent: number;
  majority: Majority;
  /** Share of eligible organisations that voted ≥ quorumPercent. */
  quorum: boolean;
  outcome: 'adopted' | 'rejected';
  /** Why a decision was rejected: no quorum, or not enough votes for. */
  reason: 'no_quorum' | 'no_majority' | null;
}

/**
 * The voting rule of the council, in integers so that no rounding decides a vote:
 * quorum — voted × 100 ≥ quorumPercent × eligible (and somebody voted);
 * simple majority — for > against; two thirds — for ≥ ⅔ of the votes cast for or against (3·for ≥ 2·(for + against)),
 * abstentions count for the quorum but not for the majority; a decision nobody voted for is never adopted.
 */
export function tallyVotes(input: TallyInput): Tally {
  const count = (choice: VoteChoice) => input.choices.filter((c) => c === choice).length;
  const votesFor = count('for');
  const against = count('against');
  const abstain = count('abstain');
  const voted = input.choices.length;
  const quorum = voted > 0 && input.eligible > 0 && voted * 100 >= input.quorumPercent * input.eligible;
  const majority = input.majority === 'two_thirds' ? votesFor > 0 && 3 * votesFor >= 2 * (votesFor + against) : votesFor > against;
  const adopted = quorum && majority;
  return {
    eligible: input.eligible,
    voted,
    for: votesFor,
    against,
    abstain,
    quorumPercent: input.quorumPercent,
    majority: input.majority,
    quorum,
    outcome: adopted ? 'adopted' : 'rejected',
    reason: adopted ? null : quorum ? 'no_majority' : 'no_quorum',
  };
}
