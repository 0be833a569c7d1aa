import type { Actor } from '../../platform/context';
import { isStaffOf } from '../../platform/policy';
import { type NetworkRow, headsOrganization, managesNetwork } from '../networks/access';
import type { DocumentKind } from './schema';

/**
 * Who may do what with network documents. Reading follows the network's visibility (visibleNetworks),
 * except a resource-exchange agreement: it carries the terms the exchange shows only to its two sides;
 * drafting, editing, sending and accessions are the coordinator's; signing is for the head of a party.
 */
export const documentPolicy = {
  /**
   * Read (and export, list) a document of a network the caller sees. An exchange agreement only for the
   * people of its parties and the network's coordinators (and so the operator); anyone else gets 404.
   */
  read: (actor: Actor | null, document: { kind: DocumentKind; partyOrganizationIds: string[] | null }, network: Pick<NetworkRow, 'managingOrganizationId' | 'municipalityIds'>) =>
    document.kind !== 'resource_exchange' || (!!actor && (managesNetwork(actor, network) || (document.partyOrganizationIds ?? []).some((id) => isStaffOf(actor, id)))),
  /** Create from a template, edit, send for signature, start an accession. */
  manage: (actor: Actor, network: Pick<NetworkRow, 'managingOrganizationId' | 'municipalityIds'>) => managesNetwork(actor, network),
  /** Sign on behalf of `organizationId`: only its head (org admin), and only when it is a party that has not signed yet. */
  signFor: (actor: Actor, organizationId: string) => headsOrganization(actor, organizationId),
};
