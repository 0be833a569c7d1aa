import type { CommandContext } from '../../platform/context';
import { loadVisibleExchange } from './exchange-access';
import { presentExchange } from './present-exchange';

/** One exchange with its history, for a head of either party; 404 for everyone else. */
export async function getExchange(context: CommandContext, id: string) {
  return presentExchange(context.db, context.actor, await loadVisibleExchange(context, id));
}
