import type { CommandContext } from '../../platform/context';
import { loadVisibleProgramme } from './programme-access';
import { presentProgramme } from './present-programme';

/** One programme with everything its page shows: published ones to everyone, drafts and archived ones to the provider's staff (404 otherwise). */
export async function getProgramme(context: CommandContext, id: string) {
  return presentProgramme(context.db, context.actor, await loadVisibleProgramme(context.db, context, id));
}
