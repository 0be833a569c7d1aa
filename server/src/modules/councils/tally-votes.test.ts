import { describe, expect, it } from 'vitest';
import { type VoteChoice, tallyVotes } from './tally-votes';

const votes = (f: number, a: number, abst: number): VoteChoice[] => [...Array(f).fill('for'), ...Array(a).fill('against'), ...Array(abst).fill('abstain')];

describe('tallyVotes', () => {
  it('adopts by simple majority when for > against and the quorum is met', () => {
    const tally = tallyVotes({ eligible: 4, choices: votes(2, 1, 0), quorumPercent: 50, majority: 'simple' });
    expect(tally).toMatchObject({ voted: 3, for: 2, against: 1, abstain: 0, quorum: true, outcome: 'adopted', reason: null });
  });

  it('rejects a tie under simple majority', () => {
    expect(tallyVotes({ eligible: 4, choices: votes(2, 2, 0), quorumPercent: 50, majority: 'simple' })).toMatchObject({ outcome: 'rejected', reason: 'no_majority' });
  });

  it('meets the quorum exactly at the percentage and misses it just below', () => {
    expect(tallyVotes({ eligible: 4, choices: votes(2, 0, 0), quorumPercent: 50, majority: 'simple' }).quorum).toBe(true);
    expect(tallyVotes({ eligible: 5, choices: votes(2, 0, 0), quorumPercent: 50, majority: 'simple' })).toMatchObject({ quorum: false, outcome: 'rejected', reason: 'no_quorum' });
    // 2 of 3 is 66.7 %: enough for 66, not for 67 — no floating point in between.
    expect(tallyVotes({ eligible: 3, choices: votes(2, 0, 0), quorumPercent: 66, majority: 'simple' }).quorum).toBe(true);
    expect(tallyVotes({ eligible: 3, choices: votes(2, 0, 0), quorumPercent: 67, majority: 'simple' }).quorum).toBe(false);
  });

  it('counts abstentions for the quorum but not for the majority', () => {
    const tally = tallyVotes({ eligible: 4, choices: votes(1, 0, 2), quorumPercent: 75, majority: 'simple' });
    expect(tally).toMatchObject({ voted: 3, quorum: true, outcome: 'adopted' });
    expect(tallyVotes({ eligible: 4, choices: votes(0, 0, 4), quorumPercent: 50, majority: 'simple' })).toMatchObject({ quorum: true, outcome: 'rejected', reason: 'no_majority' });
  });

  it('needs two thirds of the votes cast for or against under two_thirds', () => {
    expect(tallyVotes({ eligible: 6, choices: votes(2, 1, 3), quorumPercent: 50, majority: 'two_thirds' }).outcome).toBe('adopted');
    expect(tallyVotes({ eligible: 6, choices: votes(3, 2, 0), quorumPercent: 50, majority: 'two_thirds' })).toMatchObject({ outcome: 'rejected', reason: 'no_majority' });
    expect(tallyVotes({ eligible: 9, choices: votes(6, 3, 0), quorumPercent: 50, majority: 'two_thirds' }).outcome).toBe('adopted');
    expect(tallyVotes({ eligible: 9, choices: votes(5, 3, 0), quorumPercent: 50, majority: 'two_thirds' }).outcome).toBe('rejected');
  });

  it('never adopts when nobody voted for, even if everybody abstained under two_thirds', () => {
    expect(tallyVotes({ eligible: 3, choices: votes(0, 0, 3), quorumPercent: 50, majority: 'two_thirds' })).toMatchObject({ outcome: 'rejected', reason: 'no_majority' });
  });

  it('has no quorum when nobody voted or the network has no active members', () => {
    expect(tallyVotes({ eligible: 3, choices: [], quorumPercent: 0, majority: 'simple' })).toMatchObject({ voted: 0, quorum: false, outcome: 'rejected', reason: 'no_quorum' });
    expect(tallyVotes({ eligible: 0, choices: [], quorumPercent: 50, majority: 'simple' }).quorum).toBe(false);
  });

  it('records the rule it applied', () => {
    expect(tallyVotes({ eligible: 2, choices: votes(2, 0, 0), quorumPercent: 60, majority: 'two_thirds' })).toMatchObject({ eligible: 2, quorumPercent: 60, majority: 'two_thirds' });
  });
});
