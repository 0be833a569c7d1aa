import { describe, expect, it } from 'vitest';
import { approvedMinutes, votingResultsSection } from './minutes-results';
import { tallyVotes } from './tally-votes';

describe('votingResultsSection', () => {
  it('lists every decision with its outcome, counts, quorum and rule', () => {
    const adopted = tallyVotes({ eligible: 3, choices: ['for', 'for', 'abstain'], quorumPercent: 50, majority: 'simple' });
    const noQuorum = tallyVotes({ eligible: 21, choices: ['for'], quorumPercent: 50, majority: 'two_thirds' });
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
        '   За — 2, против — 0, воздержались — 1; проголосовали 3 из 3 организаций-участников (кворум 50 % — есть; требуется простое большинство).',
        '   Текст решения: Утвердить план работы округа на 2025 год',
        '2. «О расписании» — решение не принято: нет кворума.',
        '   За — 1, против — 0, воздержались — 0; проголосовали 1 из 21 организации-участника (кворум 50 % — нет; требуется две трети голосов).',
        '3. «О разном» — на голосование не выносилось.',
      ].join('\n'),
    );
  });

  it('says so when nothing was put to the vote, and appends after the draft', () => {
    expect(approvedMinutes('Протокол № 1\n\nСлушали: …\n\n', [])).toBe('Протокол № 1\n\nСлушали: …\n\nРезультаты голосования\n\nРешения на голосование не выносились.\n');
  });

  it('explains a rejection for lack of votes', () => {
    const tally = tallyVotes({ eligible: 2, choices: ['for', 'against'], quorumPercent: 50, majority: 'simple' });
    expect(votingResultsSection([{ title: 'О бюджете', text: '', state: 'rejected', result: tally }])).toContain('решение не принято: недостаточно голосов «за»');
  });
});
