import type { CommandContext } from '../../platform/context';
import { moveExchange } from './move-exchange';

/** The requester withdraws its request before it is accepted; once accepted, either side may cancel the exchange this way. */
export async function withdrawExchange(context: CommandContext, id: string, input: { version: number; message?: string }) {
  return moveExchange(context, id, input.version, 'withdraw', { message: input.message });
}
