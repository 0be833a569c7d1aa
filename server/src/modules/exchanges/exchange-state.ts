import type { ExchangeAction, ExchangeSide, ExchangeState } from './schema';

/**
 * The rules of an exchange, without I/O. While it is requested or countered, the side it awaits
 * accepts, declines or counters (a counter hands the turn to the other side); the requester may
 * withdraw. Once accepted, either side completes it or withdraws (cancels) it. Declined, withdrawn and
 * completed exchanges are over.
 */
export type ExchangeMove = 'accept' | 'decline' | 'counter' | 'withdraw' | 'complete';

export interface ExchangePosition {
  state: ExchangeState;
  awaiting: ExchangeSide | null;
}

const answers: ExchangeMove[] = ['accept', 'decline', 'counter'];

const otherSide = (side: ExchangeSide): ExchangeSide => (side === 'requester' ? 'provider' : 'requester');

/** The moves `side` may make now. */
export function movesFor(position: ExchangePosition, side: ExchangeSide): ExchangeMove[] {
  switch (position.state) {
    case 'requested':
    case 'countered':
      return [...(position.awaiting === side ? answers : []), ...(side === 'requester' ? (['withdraw'] as const) : [])];
    case 'accepted':
      return ['complete', 'withdraw'];
    default:
      return [];
  }
}

/** Where a move leads: the new state, whose answer it then waits for, and the history entry it makes. */
export function afterMove(move: ExchangeMove, side: ExchangeSide): ExchangePosition & { action: ExchangeAction } {
  switch (move) {
    case 'accept':
      return { state: 'accepted', awaiting: null, action: 'accepted' };
    case 'decline':
      return { state: 'declined', awaiting: null, action: 'declined' };
    case 'counter':
      return { state: 'countered', awaiting: otherSide(side), action: 'countered' };
    case 'withdraw':
      return { state: 'withdrawn', awaiting: null, action: 'withdrawn' };
    case 'complete':
      return { state: 'completed', awaiting: null, action: 'completed' };
  }
}

const finished: Partial<Record<ExchangeState, string>> = {
  declined: 'Запрос уже отклонён.',
  withdrawn: 'Запрос уже отозван, обмен не состоится.',
  completed: 'Обмен уже завершён.',
};

/** Why `side` cannot make `move` now, in Russian; null when it can. */
export function refusal(position: ExchangePosition, side: ExchangeSide, move: ExchangeMove): string | null {
  if (movesFor(position, side).includes(move)) return null;
  const over = finished[position.state];
  if (over) return over;
  if (position.state === 'accepted') {
    return move === 'accept' ? 'Запрос уже принят.' : 'Запрос уже принят: условия больше не обсуждаются. Если обмен не состоится, отмените его.';
  }
  if (move === 'complete') return 'Завершить можно только принятый обмен.';
  if (move === 'withdraw') {
    return 'Отозвать запрос может только запросившая организация; владелец ресурса отвечает на запрос — принимает, отклоняет или предлагает другие условия.';
  }
  return position.awaiting === 'provider'
    ? 'Сейчас ответа ждут от организации — владельца ресурса.'
    : 'Сейчас ответа на встречное предложение ждут от запросившей организации.';
}

/** An agreement and a plan item are made for an exchange the parties have agreed on, before or after it is done. */
export const isAgreed = (state: ExchangeState) => state === 'accepted' || state === 'completed';
