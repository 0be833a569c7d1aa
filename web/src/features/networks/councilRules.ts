import type { TFunction } from 'i18next';
import type { Tally, VotingRules } from './types';
import './strings';

/** The regulation's voting rules in one sentence, for the council and meeting pages. */
export function rulesLine(t: TFunction, rules: VotingRules): string {
  return t('council.rulesLine', {
    quorumText: t(`council.rulesQuorum.${rules.quorumBasis}`, { quorum: rules.quorumPercent, units: t(`council.rulesUnits.${rules.voteUnit}`) }),
    majority: t(`council.majorityNeed.${rules.majority}`),
    unitText: t(`council.rulesVote.${rules.voteUnit}`),
    casting: rules.chairCastingVote && rules.majority === 'simple' ? ` ${t('council.rulesCasting')}` : '',
  });
}

/** What a closed vote counted: the votes, who was counted (and present), the chair's casting vote. */
export function tallyLine(t: TFunction, r: Tally): string {
  const counts = t('council.tallyCounts', { for: r.for, against: r.against, abstain: r.abstain });
  const units = r.voteUnit ? t(`council.tallyUnits.${r.voteUnit}`) : t('council.tallyUnits.legacy');
  const turnout =
    r.quorumBasis === 'attendance'
      ? t('council.tallyAttendance', { present: r.present ?? 0, eligible: r.eligible, units, voted: r.voted }) + (r.notCounted ? ` ${t('council.tallyNotCounted', { count: r.notCounted })}` : '')
      : t('council.tallySeats', { voted: r.voted, eligible: r.eligible, units });
  const casting = r.castingVote ? ` ${t('council.tallyCasting', { choice: t(`council.choice.${r.castingVote}`) })}` : '';
  return `${counts} ${turnout}${casting}`;
}
