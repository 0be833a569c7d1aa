import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { grantScopes } from './policy';

/**
 * What the caller may grant, and where: the branches of the grant tree, so that a form offers only the roles the
 * server would accept. Anyone signed in may ask; most people get no branches.
 */
export function listGrantable(context: CommandContext) {
  authorize(context.actor, () => true);
  return { scopes: grantScopes(context.actor) };
}
