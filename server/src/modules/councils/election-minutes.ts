import { pluralForm } from '../../platform/plural';
import type { ElectionResult, ElectionRow } from './elections';

const organisationsWord = (n: number) => pluralForm(n, { one: 'организации-участника', few: 'организаций-участников', many: 'организаций-участников' });
const votesWord = (n: number) => `${n} ${pluralForm(n, { one: 'голос', few: 'голоса', many: 'голосов' })}`;

/** The minutes of an election: the rule, the turnout, every candidate's votes, every ballot, the elected and the vacant seats. */
export function electionMinutes(input: {
  networkName: string;
  election: Pick<ElectionRow, 'title' | 'seats'>;
  openedAt: string;
  closedAt: string;
  tally: ElectionResult;
  candidates: Map<string, { fullName: string; position: string; organizationName: string }>;
  ballots: { organizationName: string; names: string[] }[];
}): string {
  const { tally } = input;
  const who = (id: string) => {
    const c = input.candidates.get(id)!;
    return `${c.fullName} (${[c.position, c.organizationName].filter(Boolean).join(', ')})`;
  };
  const lines = [
    `Протокол выборов координационного совета сети «${input.networkName}»`,
    '',
    `Выборы: «${input.election.title}». Голосование открыто ${input.openedAt}, подведены итоги ${input.closedAt}.`,
    `Мест в совете: ${input.election.seats}. Голосуют руководители организаций — участников сети: одна организация — один бюллетень, в бюллетене не более ${input.election.seats} ${pluralForm(input.election.seats, { one: 'кандидата', few: 'кандидатов', many: 'кандидатов' })}; избранным считается кандидат, получивший голоса более половины проголосовавших организаций.`,
    `Проголосовали ${tally.voted} из ${tally.eligible} ${organisationsWord(tally.eligible)} (кворум ${tally.quorumPercent} % — ${tally.quorum ? 'есть' : 'нет'}).`,
    '',
    'Кандидаты и голоса:',
    ...tally.counts.map((c, i) => {
      const status = tally.elected.includes(c.candidate) ? 'избран(а)' : tally.tied.includes(c.candidate) ? 'равенство голосов — не избран(а)' : 'не избран(а)';
      return `${i + 1}. ${who(c.candidate)} — ${votesWord(c.votes)}; ${status}.`;
    }),
    '',
    'Бюллетени:',
    ...(input.ballots.length ? input.ballots.map((b) => `— ${b.organizationName}: ${b.names.length ? `за ${b.names.join(', ')}` : 'против всех кандидатов'}.`) : ['— ни одного бюллетеня.']),
    '',
  ];
  if (tally.outcome === 'no_quorum') {
    lines.push('Итог: выборы не состоялись — нет кворума. Совет не изменён.');
  } else {
    lines.push(`Итог: избраны — ${tally.elected.length ? tally.elected.map((id) => input.candidates.get(id)!.fullName).join(', ') : 'никто'}.`);
    if (tally.alreadySeated.length) lines.push(`Уже состояли в совете: ${tally.alreadySeated.map((id) => input.candidates.get(id)!.fullName).join(', ')}.`);
    if (tally.vacant > 0) lines.push(`Вакантных мест: ${tally.vacant}${tally.tied.length ? ' (равенство голосов — требуется повторное голосование)' : ''}.`);
  }
  return `${lines.join('\n')}\n`;
}

