import type { CommandContext } from '../../platform/context';
import { invalid } from '../../platform/problem';
import { pastDateErrors, periodErrors, throwIfErrors } from '../plans/plan-fields';
import { regionToday } from '../territory/region-clock';
import type { ExchangeTerms } from './exchange-access';
import type { ExchangeAnswer, ExchangeTermsChanges } from './exchange-fields';
import { moveExchange } from './move-exchange';

/** A date the counter-proposal sets anew; one already on the table stays even if it has passed (the exchange is under way). */
const moved = (current: string | null, next: string | null) => (next !== current ? next : null);

/** The terms a counter-proposal puts on the table: the current ones with the named changes; they must differ and make a valid period. */
function counterTerms(current: ExchangeTerms, changes: ExchangeTermsChanges, today: string): ExchangeTerms {
  const next: ExchangeTerms = {
    conditions: changes.conditions ?? current.conditions,
    startsOn: changes.startsOn !== undefined ? changes.startsOn : current.startsOn,
    endsOn: changes.endsOn !== undefined ? changes.endsOn : current.endsOn,
    terms: changes.terms ?? current.terms,
  };
  throwIfErrors([...periodErrors(next.startsOn, next.endsOn, 'endsOn'), ...pastDateErrors(today, { startsOn: moved(current.startsOn, next.startsOn), endsOn: moved(current.endsOn, next.endsOn) })], 'Предложение не отправлено.');
  if ((Object.keys(next) as (keyof ExchangeTerms)[]).every((key) => next[key] === current[key])) {
    throw invalid('Встречное предложение должно менять условия: вид условий, сроки или текст условий. Чтобы согласиться с нынешними, примите запрос.', [
      { field: 'terms', message: 'Условия не изменены' },
    ]);
  }
  return next;
}

/**
 * The side the exchange awaits answers: accepts the terms on the table, declines, or counters with
 * other terms, which hands the turn to the other side.
 */
export async function answerExchange(context: CommandContext, id: string, answer: ExchangeAnswer) {
  const { version, action, message, ...changes } = answer;
  const today = action === 'counter' ? await regionToday(context.db, context.now) : '';
  return moveExchange(context, id, version, action, {
    message,
    nextTerms: action === 'counter' ? (current) => counterTerms(current, changes, today) : undefined,
  });
}
