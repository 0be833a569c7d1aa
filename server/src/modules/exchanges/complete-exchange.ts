import type { CommandContext } from '../../platform/context';
import { moveExchange } from './move-exchange';

/** Either side marks an accepted exchange as done: the resource was provided as agreed. */
export async function completeExchange(context: CommandContext, id: string, input: { version: number; message?: string }) {
  return moveExchange(context, id, input.version, 'complete', { message: input.message });
}
