import type { Actor } from '../../platform/context';
import { isOperator } from '../../platform/policy';

export const accountPolicy = {
  changeOwnPassword: (_actor: Actor) => true,
  createAccount: isOperator,
};
