import type { CommandContext } from '../../platform/context';
import { notSignedIn } from '../../platform/problem';
import { loadVisibleChild } from './access';
import { presentChild } from './present-child';

/** One child for its guardian, its home school's staff, or a provider it is enrolled with; 404 for everyone else. */
export async function getChild(context: CommandContext, id: string) {
  if (!context.actor) throw notSignedIn();
  const { child, relation } = await loadVisibleChild(context.db, context.actor, id);
  return presentChild(context.db, child, relation);
}
