import { describe, expect, it } from 'vitest';
import { approvedMinutes, votingResultsSection } from './minutes-results';
import { type TallyRules, type TallySeat, type VoteChoice, tallyVotes } from './tally-votes';

const rules: TallyRules = { quorumPercent: 50, majority: 'simple', quorumBasis: 'seats', voteUnit: 'organization', chairCastingVote: false };
const seats = (n: number, choices: VoteChoice[], present = n): TallySeat[] =>
  Array.from({ length: n }, (_, i) => ({ seatId: `s${i}`, organizationId: `o${i}`, chair: i === 0, present: i < present, choice: choices[i] ?? null }));

describe('votingResultsSection', () => {
  it('lists every decision with its outcome, counts, quorum and rule', () => {
    const adopted = tallyVotes(seats(3, ['for', 'for', 'abstain']), rules);
    const noQuorum = tallyVotes(seats(21, ['for']), { ...rules, majority: 'two_thirds' });
    const text = votingResultsSection([
      { title: 'Об утверждении плана', text: 'Утвердить план работы округа на 2025 год', state: 'adopted', result: adopted },
      { title: 'О расписании', text: '', state: 'rejected', result: noQuorum },
      { title: 'О разном', text: '', state: 'draft', result: null },
    ]);
    expect(text).toBe(
      [
        'Результаты голосования',
        '',
        '1. «Об утверждении плана» — решение принято.',
        '   За — 2, против — 0, воздержались — 1; проголосовали 3 из 3 организаций, представленных в совете (кворум 50 % — есть; требуется простое большинство).',
        '   Текст решения: Утвердить план работы округа на 2025 год',
        '2. «О расписании» — решение не принято: нет кворума.',
        '   За — 1, против — 0, воздержались — 0; проголосовали 1 из 21 организации, представленной в совете (кворум 50 % — нет; требуется две трети голосов).',
        '3. «О разном» — на голосование не выносилось.',
      ].join('\n'),
    );
  });

  it('says so when nothing was put to the vote, and appends after the draft', () => {
    expect(approvedMinutes('Протокол № 1\n\nСлушали: …\n\n', [])).toBe('Протокол № 1\n\nСлушали: …\n\nРезультаты голосования\n\nРешения на голосование не выносились.\n');
  });

  it('words a tally by attendance, per seat, with the chair deciding a tie — and one recorded before these rules', () => {
    const tally = tallyVotes(seats(5, ['for', 'against', 'abstain', 'against', 'for'], 3), { ...rules, quorumBasis: 'attendance', voteUnit: 'seat', chairCastingVote: true });
    expect(votingResultsSection([{ title: 'О приёме', text: '', state: tally.outcome, result: tally }])).toContain(
      'За — 1, против — 1, воздержались — 1; присутствовали 3 из 5 членов совета с правом голоса, проголосовали 3, голоса отсутствовавших не учтены (2) (кворум 50 % — есть; требуется простое большинство; при равенстве голосов решил голос председателя — «за»).',
    );
    const old = { eligible: 24, present: 0, voted: 3, for: 3, against: 0, abstain: 0, notCounted: 0, quorumPercent: 50, majority: 'simple' as const, quorum: false, castingVote: null, outcome: 'rejected' as const, reason: 'no_quorum' as const };
    expect(votingResultsSection([{ title: 'Старое', text: '', state: 'rejected', result: old }])).toContain('проголосовали 3 из 24 организаций-участников');
  });

  it('explains a rejection for lack of votes', () => {
    const tally = tallyVotes(seats(2, ['for', 'against']), rules);
    expect(votingResultsSection([{ title: 'О бюджете', text: '', state: 'rejected', result: tally }])).toContain('решение не принято: недостаточно голосов «за»');
  });
});
