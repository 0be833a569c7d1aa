import { describe, expect, it } from 'vitest';
import { type ExchangePosition, afterMove, isAgreed, movesFor, refusal } from './exchange-state';

const requested: ExchangePosition = { state: 'requested', awaiting: 'provider' };
const counteredToRequester: ExchangePosition = { state: 'countered', awaiting: 'requester' };
const counteredToProvider: ExchangePosition = { state: 'countered', awaiting: 'provider' };
const accepted: ExchangePosition = { state: 'accepted', awaiting: null };

describe('exchange states', () => {
  it('lets the awaited side answer and the requester withdraw while terms are discussed', () => {
    expect(movesFor(requested, 'provider')).toEqual(['accept', 'decline', 'counter']);
    expect(movesFor(requested, 'requester')).toEqual(['withdraw']);
    expect(movesFor(counteredToRequester, 'requester')).toEqual(['accept', 'decline', 'counter', 'withdraw']);
    expect(movesFor(counteredToRequester, 'provider')).toEqual([]);
    expect(movesFor(counteredToProvider, 'provider')).toEqual(['accept', 'decline', 'counter']);
    expect(movesFor(counteredToProvider, 'requester')).toEqual(['withdraw']);
  });

  it('lets either side complete or cancel an accepted exchange, and nobody move a finished one', () => {
    expect(movesFor(accepted, 'provider')).toEqual(['complete', 'withdraw']);
    expect(movesFor(accepted, 'requester')).toEqual(['complete', 'withdraw']);
    for (const state of ['declined', 'withdrawn', 'completed'] as const) {
      expect(movesFor({ state, awaiting: null }, 'provider')).toEqual([]);
      expect(movesFor({ state, awaiting: null }, 'requester')).toEqual([]);
    }
  });

  it('hands the turn to the other side on a counter and ends the turn-taking otherwise', () => {
    expect(afterMove('counter', 'provider')).toEqual({ state: 'countered', awaiting: 'requester', action: 'countered' });
    expect(afterMove('counter', 'requester')).toEqual({ state: 'countered', awaiting: 'provider', action: 'countered' });
    expect(afterMove('accept', 'requester')).toEqual({ state: 'accepted', awaiting: null, action: 'accepted' });
    expect(afterMove('decline', 'provider')).toEqual({ state: 'declined', awaiting: null, action: 'declined' });
    expect(afterMove('withdraw', 'provider')).toEqual({ state: 'withdrawn', awaiting: null, action: 'withdrawn' });
    expect(afterMove('complete', 'requester')).toEqual({ state: 'completed', awaiting: null, action: 'completed' });
  });

  it('explains in Russian why a move is not open, and says nothing when it is', () => {
    expect(refusal(requested, 'provider', 'accept')).toBeNull();
    expect(refusal(accepted, 'provider', 'accept')).toBe('Запрос уже принят.');
    expect(refusal(accepted, 'requester', 'counter')).toMatch(/^Запрос уже принят: условия больше не обсуждаются/);
    expect(refusal({ state: 'declined', awaiting: null }, 'requester', 'withdraw')).toBe('Запрос уже отклонён.');
    expect(refusal({ state: 'withdrawn', awaiting: null }, 'provider', 'accept')).toMatch(/^Запрос уже отозван/);
    expect(refusal({ state: 'completed', awaiting: null }, 'provider', 'complete')).toBe('Обмен уже завершён.');
    expect(refusal(requested, 'requester', 'accept')).toBe('Сейчас ответа ждут от организации — владельца ресурса.');
    expect(refusal(counteredToRequester, 'provider', 'counter')).toBe('Сейчас ответа на встречное предложение ждут от запросившей организации.');
    expect(refusal(requested, 'provider', 'withdraw')).toMatch(/^Отозвать запрос может только запросившая организация/);
    expect(refusal(requested, 'provider', 'complete')).toBe('Завершить можно только принятый обмен.');
  });

  it('counts an exchange as agreed once accepted, and still after it is done', () => {
    expect(['requested', 'countered', 'accepted', 'declined', 'withdrawn', 'completed'].filter((s) => isAgreed(s as ExchangePosition['state']))).toEqual(['accepted', 'completed']);
  });
});
