import type { Actor } from '../../platform/context';
import { isOperator } from '../../platform/policy';

export const accountPolicy = {
  changeOwnPassword: (_actor: Actor) => true,
  /** Sessions, address, preferences and data export: every signed-in person manages their own. */
  manageOwnAccount: (_actor: Actor) => true,
  createAccount: isOperator,
};
