import { describe, expect, it } from 'vitest';
import { type Majority, type TallyRules, type TallySeat, type VoteChoice, tallyVotes } from './tally-votes';

const base: TallyRules = { quorumPercent: 50, majority: 'simple', quorumBasis: 'seats', voteUnit: 'organization', chairCastingVote: false };

/** `n` seats of `n` organisations, the first f vote for, then a against, then b abstain; the rest do not vote. All present. */
function council(n: number, f: number, a: number, b: number, options: { chairVotes?: VoteChoice; absent?: number } = {}): TallySeat[] {
  const choices: (VoteChoice | null)[] = [...Array(f).fill('for'), ...Array(a).fill('against'), ...Array(b).fill('abstain')];
  return Array.from({ length: n }, (_, i) => ({ seatId: `s${i}`, organizationId: `o${i}`, chair: false, present: i < n - (options.absent ?? 0), choice: choices[i] ?? null }));
}

describe('tallyVotes — the rules one by one', () => {
  it('adopts by simple majority when for > against and the quorum is met', () => {
    expect(tallyVotes(council(4, 2, 1, 0), base)).toMatchObject({ eligible: 4, voted: 3, for: 2, against: 1, abstain: 0, quorum: true, outcome: 'adopted', reason: null });
  });

  it('rejects a tie under simple majority without a casting vote', () => {
    expect(tallyVotes(council(4, 2, 2, 0), base)).toMatchObject({ outcome: 'rejected', reason: 'no_majority', castingVote: null });
  });

  it('meets the quorum exactly at the percentage and misses it just below, with no floating point in between', () => {
    expect(tallyVotes(council(4, 2, 0, 0), base).quorum).toBe(true);
    expect(tallyVotes(council(5, 2, 0, 0), base)).toMatchObject({ quorum: false, outcome: 'rejected', reason: 'no_quorum' });
    expect(tallyVotes(council(3, 2, 0, 0), { ...base, quorumPercent: 66 }).quorum).toBe(true);
    expect(tallyVotes(council(3, 2, 0, 0), { ...base, quorumPercent: 67 }).quorum).toBe(false);
  });

  it('counts abstentions for the quorum but not for the majority; two thirds of the votes for or against', () => {
    expect(tallyVotes(council(4, 1, 0, 2), { ...base, quorumPercent: 75 })).toMatchObject({ voted: 3, quorum: true, outcome: 'adopted' });
    expect(tallyVotes(council(6, 2, 1, 3), { ...base, majority: 'two_thirds' }).outcome).toBe('adopted');
    expect(tallyVotes(council(6, 3, 2, 0), { ...base, majority: 'two_thirds' })).toMatchObject({ outcome: 'rejected', reason: 'no_majority' });
    expect(tallyVotes(council(3, 0, 0, 3), { ...base, majority: 'two_thirds' })).toMatchObject({ outcome: 'rejected', reason: 'no_majority' });
  });

  it('counts the quorum against the council, not the whole network: 5 organisations of 24, 3 voting, pass', () => {
    expect(tallyVotes(council(5, 3, 0, 0), base)).toMatchObject({ eligible: 5, voted: 3, quorum: true, outcome: 'adopted' });
  });

  it('under the attendance quorum counts those marked present, and only their votes', () => {
    const seats = council(5, 2, 1, 0, { absent: 3 }); // present: s0, s1; s2 (against) absent
    expect(tallyVotes(seats, { ...base, quorumBasis: 'attendance', quorumPercent: 40 })).toMatchObject({ present: 2, voted: 2, for: 2, against: 0, notCounted: 1, quorum: true, outcome: 'adopted' });
    expect(tallyVotes(seats, { ...base, quorumBasis: 'attendance', quorumPercent: 50 })).toMatchObject({ quorum: false, reason: 'no_quorum' });
    // Present but silent members make the quorum: 4 of 5 present, 1 votes for.
    expect(tallyVotes(council(5, 1, 0, 0, { absent: 1 }), { ...base, quorumBasis: 'attendance' })).toMatchObject({ present: 4, voted: 1, quorum: true, outcome: 'adopted' });
  });

  it("breaks a tie with the chair's vote when the regulation gives it", () => {
    const rules = { ...base, chairCastingVote: true };
    const chairFor = council(4, 1, 1, 0).map((s, i) => ({ ...s, chair: i === 0 }));
    expect(tallyVotes(chairFor, rules)).toMatchObject({ castingVote: 'for', outcome: 'adopted' });
    const chairAgainst = council(4, 1, 1, 0).map((s, i) => ({ ...s, chair: i === 1 }));
    expect(tallyVotes(chairAgainst, rules)).toMatchObject({ castingVote: 'against', outcome: 'rejected', reason: 'no_majority' });
    const chairAbstains = council(4, 1, 1, 1).map((s, i) => ({ ...s, chair: i === 2 }));
    expect(tallyVotes(chairAbstains, rules)).toMatchObject({ castingVote: null, outcome: 'rejected' });
    // No casting vote under two thirds: 1 of 2 is not two thirds whoever the chair is.
    expect(tallyVotes(chairFor, { ...rules, majority: 'two_thirds' })).toMatchObject({ castingVote: null, outcome: 'rejected' });
  });

  it('gives an organisation with two seats one vote, or each seat its own under one vote per seat', () => {
    const seats: TallySeat[] = [
      { seatId: 'a1', organizationId: 'A', chair: true, present: true, choice: 'for' },
      { seatId: 'a2', organizationId: 'A', chair: false, present: true, choice: null },
      { seatId: 'b1', organizationId: 'B', chair: false, present: true, choice: 'against' },
      { seatId: 'p1', organizationId: null, chair: false, present: true, choice: null }, // a parent's seat
    ];
    expect(tallyVotes(seats, base)).toMatchObject({ eligible: 3, voted: 2, for: 1, against: 1, outcome: 'rejected' });
    const perSeat = seats.map((s) => (s.seatId === 'a2' ? { ...s, choice: 'for' as const } : s));
    expect(tallyVotes(perSeat, { ...base, voteUnit: 'seat' })).toMatchObject({ eligible: 4, voted: 3, for: 2, against: 1, outcome: 'adopted' });
  });

  it('has no quorum when nobody voted or nobody sits on the council', () => {
    expect(tallyVotes(council(3, 0, 0, 0), { ...base, quorumPercent: 1 })).toMatchObject({ voted: 0, quorum: false, reason: 'no_quorum' });
    expect(tallyVotes([], base)).toMatchObject({ eligible: 0, quorum: false });
  });
});

/**
 * The reference: the regulation's words, read as plainly as possible, by counting — organisations and seats grouped
 * by hand, the quorum as «the smallest number of members that is at least q % of the council», the majorities by
 * their definitions — and compared with tallyVotes for every council of up to four seats, every placement of
 * seats in organisations, every presence and vote of every seat, every chair and every rule.
 */
function reference(seats: readonly TallySeat[], rules: TallyRules) {
  // Voting units: organisations (seats without one stand alone), or seats.
  const groups: TallySeat[][] = [];
  for (const seat of seats) {
    const group = rules.voteUnit === 'organization' && seat.organizationId ? groups.find((g) => g[0].organizationId === seat.organizationId) : undefined;
    if (group) group.push(seat);
    else groups.push([seat]);
  }
  const members = groups.length;
  const present = groups.filter((g) => g.some((s) => s.present)).length;
  const voteOf = (g: TallySeat[]) => g.find((s) => s.choice !== null)?.choice ?? null;
  const counts = groups.filter((g) => voteOf(g) !== null && (rules.quorumBasis === 'seats' || g.some((s) => s.present)));
  const tally = { for: 0, against: 0, abstain: 0 };
  for (const g of counts) tally[voteOf(g)!] += 1;
  // «не менее q % членов совета»: the smallest whole number of members that is at least q % of them.
  let needed = 0;
  while (needed / members < rules.quorumPercent / 100 - 1e-12) needed += 1;
  const attending = rules.quorumBasis === 'seats' ? counts.length : present;
  const quorum = members > 0 && attending > 0 && attending >= needed;
  let adopted: boolean;
  if (rules.majority === 'two_thirds') adopted = tally.for > 0 && tally.for / (tally.for + tally.against) >= 2 / 3 - 1e-12;
  else if (tally.for !== tally.against) adopted = tally.for > tally.against;
  else {
    const chair = counts.find((g) => g.some((s) => s.chair));
    adopted = rules.chairCastingVote && tally.for > 0 && chair !== undefined && voteOf(chair) === 'for';
  }
  return { quorum, outcome: quorum && adopted ? 'adopted' : 'rejected', ...tally };
}

/** Every way of placing n seats in organisations (set partitions, canonical labels). */
function placements(n: number): number[][] {
  if (n === 0) return [[]];
  return placements(n - 1).flatMap((p) => Array.from({ length: Math.max(-1, ...p) + 2 }, (_, label) => [...p, label]));
}

const states: { present: boolean; choice: VoteChoice | null }[] = [true, false].flatMap((present) => ([null, 'for', 'against', 'abstain'] as const).map((choice) => ({ present, choice })));
const ruleSets = (quorums: number[]): TallyRules[] =>
  quorums.flatMap((quorumPercent) =>
    (['simple', 'two_thirds'] as Majority[]).flatMap((majority) =>
      (['seats', 'attendance'] as const).flatMap((quorumBasis) =>
        (['organization', 'seat'] as const).flatMap((voteUnit) => [false, true].map((chairCastingVote) => ({ quorumPercent, majority, quorumBasis, voteUnit, chairCastingVote }))),
      ),
    ),
  );

function exhaust(n: number, quorums: number[], chairs: (number | null)[]) {
  let compared = 0;
  const rules = ruleSets(quorums);
  for (const placement of placements(n)) {
    for (let code = 0; code < states.length ** n; code++) {
      const picked = Array.from({ length: n }, (_, i) => states[Math.floor(code / states.length ** i) % states.length]);
      for (const chair of chairs) {
        if (chair !== null && chair >= n) continue;
        const seats: TallySeat[] = picked.map((s, i) => ({ seatId: `s${i}`, organizationId: placement[i] === 3 ? null : `o${placement[i]}`, chair: chair === i, ...s }));
        for (const rule of rules) {
          // Under one vote per organisation the database keeps one vote per organisation (council_votes_one_per_organization).
          if (rule.voteUnit === 'organization') {
            const voters = seats.filter((s) => s.choice !== null && s.organizationId).map((s) => s.organizationId);
            if (new Set(voters).size !== voters.length) continue;
          }
          const got = tallyVotes(seats, rule);
          const want = reference(seats, rule);
          if (got.quorum !== want.quorum || got.outcome !== want.outcome || got.for !== want.for || got.against !== want.against || got.abstain !== want.abstain) {
            throw new Error(`tally differs from the reference for ${JSON.stringify({ seats, rule, got, want })}`);
          }
          compared++;
        }
      }
    }
  }
  return compared;
}

describe('tallyVotes against a brute-force reference', () => {
  it('agrees on every council of one to three seats, every quorum that matters', () => {
    const quorums = [1, 25, 33, 34, 50, 51, 66, 67, 75, 100];
    let compared = 0;
    for (const n of [1, 2, 3]) compared += exhaust(n, quorums, [null, 0, 1, 2]);
    expect(compared).toBeGreaterThan(500_000);
  }, 180_000);

  it('agrees on every council of four seats (the fourth organisation label is an outside seat without one)', () => {
    expect(exhaust(4, [50, 75], [null, 0, 3])).toBeGreaterThan(1_000_000);
  }, 180_000);
});
