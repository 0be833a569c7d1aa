import type { CommandContext } from '../../platform/context';
import { notFound } from '../../platform/problem';
import { canSeeProgramme } from './policy';
import { presentProgramme, readProgrammeViews } from './present-programme';

/** One programme with everything its page shows: published ones to everyone, drafts and archived ones to the provider's staff (404 otherwise). */
export async function getProgramme(context: CommandContext, id: string) {
  const [view] = await readProgrammeViews(context.db, [id]);
  if (!view || !canSeeProgramme(context.actor, view.row)) throw notFound('Программа');
  return presentProgramme(context.db, context.actor, view.row, view.summary);
}
