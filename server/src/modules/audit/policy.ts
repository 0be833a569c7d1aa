import type { Actor } from '../../platform/context';
import { isOperator } from '../../platform/policy';

export const auditPolicy = {
  browse: (actor: Actor) => isOperator(actor),
};
