import type { Actor } from '../../platform/context';
import { type NetworkRow, headsOrganization, managesNetwork } from '../networks/access';

/** The fields of an item that the head of a responsible organisation may change: reporting, not planning. */
export const reportFields = ['state', 'progress', 'evidence'] as const;

/**
 * Who may do what with network plans. Seeing a plan follows the network (`canViewNetwork`); these
 * are the writes.
 */
export const planPolicy = {
  /** Creating, editing, deleting plans and items, reordering, importing: the network's coordinator. */
  manage: (actor: Actor, network: Pick<NetworkRow, 'managingOrganizationId' | 'municipalityIds'>) => managesNetwork(actor, network),
  /**
   * Reporting on an item (state, progress, evidence): the head of an organisation responsible for it
   * that is still an active member of the network.
   */
  report: (actor: Actor, item: { responsibleOrganizationIds: string[] }, activeMembers: ReadonlySet<string>) =>
    item.responsibleOrganizationIds.some((id) => activeMembers.has(id) && headsOrganization(actor, id)),
};
