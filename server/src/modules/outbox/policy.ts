import type { Actor } from '../../platform/context';
import { isOperator } from '../../platform/policy';

/** The outbox holds everyone's letters (links in them included): only the operator reads it and sends a letter again. */
export const outboxPolicy = {
  read: (actor: Actor) => isOperator(actor),
  retry: (actor: Actor) => isOperator(actor),
};
