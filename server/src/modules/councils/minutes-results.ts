import { pluralForm } from '../../platform/plural';
import type { Tally } from './tally-votes';

export const RESULTS_HEADING = 'Результаты голосования';

export interface DecisionForMinutes {
  title: string;
  text: string;
  state: 'draft' | 'voting' | 'adopted' | 'rejected';
  result: Tally | null;
}

/** «из 1 организации-участника», «из 3 организаций-участников», «из 21 организации-участника» (tallies from before the council's own count). */
const organisationsWord = (n: number) => pluralForm(n, { one: 'организации-участника', few: 'организаций-участников', many: 'организаций-участников' });
/** «из 1 организации, представленной в совете», «из 5 организаций, представленных в совете». */
const councilOrganisationsWord = (n: number) => pluralForm(n, { one: 'организации, представленной в совете', few: 'организаций, представленных в совете', many: 'организаций, представленных в совете' });
/** «из 1 члена совета с правом голоса», «из 7 членов совета с правом голоса». */
const seatsWord = (n: number) => pluralForm(n, { one: 'члена совета с правом голоса', few: 'членов совета с правом голоса', many: 'членов совета с правом голоса' });

/** Who the tally counted, in the words of the minutes. */
function turnout(tally: Tally): string {
  if (!tally.quorumBasis) return `проголосовали ${tally.voted} из ${tally.eligible} ${organisationsWord(tally.eligible)}`;
  const of = `${tally.eligible} ${tally.voteUnit === 'seat' ? seatsWord(tally.eligible) : councilOrganisationsWord(tally.eligible)}`;
  if (tally.quorumBasis === 'seats') return `проголосовали ${tally.voted} из ${of}`;
  const left = tally.notCounted ? `, голоса отсутствовавших не учтены (${tally.notCounted})` : '';
  return `присутствовали ${tally.present} из ${of}, проголосовали ${tally.voted}${left}`;
}
const majorityWord = { simple: 'простое большинство', two_thirds: 'две трети голосов' } as const;

function describe(decision: DecisionForMinutes): string[] {
  const lines: string[] = [];
  const tally = decision.result;
  if (!tally || (decision.state !== 'adopted' && decision.state !== 'rejected')) {
    lines.push(`«${decision.title}» — на голосование не выносилось.`);
  } else {
    const outcome =
      decision.state === 'adopted' ? 'решение принято' : tally.reason === 'no_quorum' ? 'решение не принято: нет кворума' : 'решение не принято: недостаточно голосов «за»';
    lines.push(`«${decision.title}» — ${outcome}.`);
    lines.push(
      `   За — ${tally.for}, против — ${tally.against}, воздержались — ${tally.abstain}; ` +
        `${turnout(tally)} ` +
        `(кворум ${tally.quorumPercent} % — ${tally.quorum ? 'есть' : 'нет'}; требуется ${majorityWord[tally.majority]}` +
        `${tally.castingVote ? `; при равенстве голосов решил голос председателя — «${tally.castingVote === 'for' ? 'за' : 'против'}»` : ''}).`,
    );
  }
  if (decision.text.trim()) lines.push(`   Текст решения: ${decision.text.trim()}`);
  return lines;
}

/** The section appended to the minutes when the chair approves them: every decision of the meeting with its tally. */
export function votingResultsSection(decisions: DecisionForMinutes[]): string {
  if (!decisions.length) return `${RESULTS_HEADING}\n\nРешения на голосование не выносились.`;
  const items = decisions.map((d, i) => {
    const [first, ...rest] = describe(d);
    return [`${i + 1}. ${first}`, ...rest].join('\n');
  });
  return `${RESULTS_HEADING}\n\n${items.join('\n')}`;
}

/** The approved text: the draft as the attendees left it, then the generated results. */
export const approvedMinutes = (draft: string, decisions: DecisionForMinutes[]) => `${draft.trimEnd()}\n\n${votingResultsSection(decisions)}\n`;
