/** The count of a council election (pure): who is elected, and why the others are not. */
export interface ElectionTallyInput {
  /** Active member organisations when voting closes: each may cast one ballot. */
  eligible: number;
  /** The ballots of eligible organisations: the candidates each voted for (at most `seats`, none = against all). */
  ballots: readonly (readonly string[])[];
  /** Candidates standing (not withdrawn). */
  candidates: readonly string[];
  seats: number;
  /** The regulation's quorum (networks.quorumPercent): share of member organisations that must vote. */
  quorumPercent: number;
}

export interface ElectionTally {
  eligible: number;
  voted: number;
  seats: number;
  quorumPercent: number;
  quorum: boolean;
  /** Votes of every candidate, most first (ties in the order given). */
  counts: { candidate: string; votes: number }[];
  /** Elected: more than half of the ballots cast, and within the seats. */
  elected: string[];
  /** Candidates with a majority who tie for the last seats: none of them is seated, the seats stay vacant for a new round. */
  tied: string[];
  vacant: number;
  outcome: 'elected' | 'no_quorum';
}

/**
 * Integers only, so no rounding decides: quorum — voted × 100 ≥ quorumPercent × eligible (and somebody voted);
 * a candidate needs the votes of more than half of the organisations that voted (2 × votes > voted); of those,
 * the most voted take the seats; when candidates tie for the last seats, none of the tied is elected and the
 * seats they tie for stay vacant (the regulation's new round), so no lot and no order of nomination decides.
 */
export function tallyElection(input: ElectionTallyInput): ElectionTally {
  const votes = new Map(input.candidates.map((c) => [c, 0]));
  for (const ballot of input.ballots) {
    for (const candidate of new Set(ballot)) if (votes.has(candidate)) votes.set(candidate, votes.get(candidate)! + 1);
  }
  const counts = input.candidates.map((candidate) => ({ candidate, votes: votes.get(candidate)! })).sort((a, b) => b.votes - a.votes);
  const voted = input.ballots.length;
  const quorum = voted > 0 && input.eligible > 0 && voted * 100 >= input.quorumPercent * input.eligible;
  const base = { eligible: input.eligible, voted, seats: input.seats, quorumPercent: input.quorumPercent, quorum, counts };
  if (!quorum) return { ...base, elected: [], tied: [], vacant: input.seats, outcome: 'no_quorum' };
  const passing = counts.filter((c) => 2 * c.votes > voted);
  let elected = passing;
  let tied: typeof passing = [];
  if (passing.length > input.seats) {
    const boundary = passing[input.seats - 1].votes;
    if (passing[input.seats].votes === boundary) {
      elected = passing.filter((c) => c.votes > boundary);
      tied = passing.filter((c) => c.votes === boundary);
    } else {
      elected = passing.slice(0, input.seats);
    }
  }
  return { ...base, elected: elected.map((c) => c.candidate), tied: tied.map((c) => c.candidate), vacant: input.seats - elected.length, outcome: 'elected' };
}
