import type { CouncilRole, SeatKind } from './schema';

/** A seat outside the member organisations: a parent, a pupil, an enterprise or the public. */
export const isOutsideSeat = (seat: { kind: SeatKind }) => seat.kind !== 'representative';

/** What a seat stands for, in the words of the minutes and the council page. */
export const seatKindLabels: Record<SeatKind, string> = {
  representative: 'представитель организации-участника',
  parent: 'представитель родителей',
  pupil: 'представитель обучающихся',
  enterprise: 'представитель предприятия-партнёра',
  public: 'представитель общественности',
};

/** A seat's vote as the regulation words it: `voting` — a deciding vote (решающий голос), otherwise an advisory one. */
export const seatVoteLabel = (voting: boolean) => (voting ? 'с правом решающего голоса' : 'с правом совещательного голоса');

/**
 * A pupil is a child: the council keeps only the name and what the pupil stands for (e.g. «обучающийся 10 класса»),
 * and shows the name only to the council and the network's coordinators; everyone else sees the seat, not the child.
 */
export const HIDDEN_PUPIL_NAME = 'Представитель обучающихся';

const roleWords: Record<CouncilRole, string> = { chair: 'председатель', secretary: 'секретарь', member: 'член' };

/** «член координационного совета сети «…» — представитель родителей», for the invitation letter. */
export const seatDescription = (network: { name: string }, seat: { kind: SeatKind; role: CouncilRole }) =>
  `${roleWords[seat.role]} координационного совета сети «${network.name}» — ${seatKindLabels[seat.kind]}`;
