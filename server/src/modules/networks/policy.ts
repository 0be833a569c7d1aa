import type { Actor } from '../../platform/context';
import { isAuthorityOf, isOperator } from '../../platform/policy';
import { type NetworkRow, headsOrganization, managesNetwork } from './access';

export const networkPolicy = {
  /** The operator, the authority of the managing organisation's municipality, or that organisation's head founds a network. */
  create: (actor: Actor, managing: { id: string; municipalityId: string }) =>
    isOperator(actor) || isAuthorityOf(actor, managing.municipalityId) || headsOrganization(actor, managing.id),
  manage: (actor: Actor, network: NetworkRow) => managesNetwork(actor, network),
  /** An organisation's head asks to join, accepts an invitation, or leaves for it. */
  actForOrganization: (actor: Actor, organizationId: string) => headsOrganization(actor, organizationId),
};
