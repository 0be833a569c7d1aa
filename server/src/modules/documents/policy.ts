import type { Actor } from '../../platform/context';
import { type NetworkRow, headsOrganization, managesNetwork } from '../networks/access';

/**
 * Who may do what with network documents. Reading follows the network's visibility (canViewNetwork);
 * drafting, editing, sending and accessions are the coordinator's; signing is for the head of a party.
 */
export const documentPolicy = {
  /** Create from a template, edit, send for signature, start an accession. */
  manage: (actor: Actor, network: Pick<NetworkRow, 'managingOrganizationId' | 'municipalityIds'>) => managesNetwork(actor, network),
  /** Sign on behalf of `organizationId`: only its head (org admin), and only when it is a party that has not signed yet. */
  signFor: (actor: Actor, organizationId: string) => headsOrganization(actor, organizationId),
};
