import type { Actor } from '../../platform/context';
import { isOperator, isStaffOf } from '../../platform/policy';
import { headsOrganization } from '../networks/access';

type Parties = { requesterOrganizationId: string; consultantOrganizationId: string };

/**
 * Who may do what with consultations (seed 002). A school acts through its heads: the requester's head asks,
 * chooses a time or withdraws; the consultant's head proposes times or declines. The staff of both schools and the
 * operator see the request; once accepted it is an event, seen by the events rule (visibleEvents).
 */
export const consultationPolicy = {
  request: (actor: Actor, requesterOrganizationId: string) => headsOrganization(actor, requesterOrganizationId),
  /** Proposing times, declining: the consultant school's head. */
  answer: (actor: Actor, consultation: Parties) => headsOrganization(actor, consultation.consultantOrganizationId),
  /** Choosing a time, cancelling the request: the requesting school's head. */
  decide: (actor: Actor, consultation: Parties) => headsOrganization(actor, consultation.requesterOrganizationId),
  view: (actor: Actor, consultation: Parties) =>
    isOperator(actor) || isStaffOf(actor, consultation.requesterOrganizationId) || isStaffOf(actor, consultation.consultantOrganizationId),
};
