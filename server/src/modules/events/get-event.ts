import type { CommandContext } from '../../platform/context';
import { loadVisibleEvent } from './access';
import { presentEvent } from './event-access';

/** An event as the caller sees it (404 for a draft they may not see, as for a missing one). */
export async function getEvent(context: CommandContext, id: string) {
  return presentEvent(context.db, context.actor, await loadVisibleEvent(context.db, context.actor, id));
}
