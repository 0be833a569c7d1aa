import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { type ExchangeTerms, loadVisibleExchange, lockExchange, recordStep, staleExchange, termsOf, unavailable } from './exchange-access';
import { type ExchangeMove, afterMove, refusal } from './exchange-state';
import { notifyAwaitingSide } from './notify-awaiting';
import { exchangePolicy, sidesOf } from './policy';
import { presentExchange } from './present-exchange';

/**
 * Makes one move of the exchange for the side the caller acts for, under the exchange's lock: the move
 * must be open to that side in the state the exchange is in now (else 409 saying why), and the caller
 * must have seen the current version (else 409). Of two answers pressed at once, the second finds the
 * exchange already moved on. `nextTerms` gives the terms a counter-proposal puts on the table.
 */
export async function moveExchange(
  context: CommandContext,
  id: string,
  version: number,
  move: ExchangeMove,
  input: { message?: string; nextTerms?: (current: ExchangeTerms) => ExchangeTerms },
) {
  const exchange = await loadVisibleExchange(context, id);
  authorize(context.actor, (actor) => exchangePolicy.takePart(actor, exchange));
  const row = await context.db.transaction(async (tx) => {
    const locked = await lockExchange(tx, id);
    const sides = sidesOf(context.actor, locked);
    const side = sides.find((s) => refusal(locked, s, move) === null) ?? sides[0];
    const why = refusal(locked, side, move);
    if (why) throw unavailable(why, { state: locked.state });
    if (locked.version !== version) throw staleExchange();
    const next = afterMove(move, side);
    const terms = input.nextTerms ? input.nextTerms(termsOf(locked)) : {};
    const moved = await recordStep(tx, context, locked, { state: next.state, awaiting: next.awaiting, ...terms }, { action: next.action, side, message: input.message });
    await notifyAwaitingSide(tx, moved);
    return moved;
  });
  return presentExchange(context.db, context.actor, row);
}
