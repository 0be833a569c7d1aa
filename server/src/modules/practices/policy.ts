import type { Actor } from '../../platform/context';
import { isOperator, isStaffOf } from '../../platform/policy';

/**
 * Who may do what with practices. Seeing one is THE rule of practices/access.ts (`visiblePractices`); editing and
 * submitting (`editablePractices`: authors, heads of its organisations, the operator) and publishing or archiving
 * (`publishablePractices`: heads of its organisations, the operator — publication without review) are asked in SQL
 * there too. This is the rest: who starts a practice.
 */
export const practicePolicy = {
  /** Starting a practice: anyone who works in its lead (first) organisation, and the operator. */
  create: (actor: Actor, leadOrganizationId: string) => isOperator(actor) || isStaffOf(actor, leadOrganizationId),
};
