import type { Actor } from '../../platform/context';
import { isAuthorityOf, isOperator, isStaffOf } from '../../platform/policy';
import { type NetworkRow, headsOrganization, managesNetwork } from '../networks/access';
import type { PartyOrganization } from './document-access';
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
  /**
   * Draft, edit and send one document: the network's coordinators, except an authority act, which is the issuing
   * authority's own (its head, the authority of its municipality) and the operator's — a school does not write its
   * authority's order.
   */
  manageDocument: (actor: Actor, network: Pick<NetworkRow, 'managingOrganizationId' | 'municipalityIds'>, authority: PartyOrganization | null) =>
    authority ? isOperator(actor) || isAuthorityOf(actor, authority.municipalityId) || headsOrganization(actor, authority.id) : managesNetwork(actor, network),
  /**
   * Sign on behalf of `organizationId`: its head (org admin); for an education authority also the authority of its
   * municipality (the platform role). Only when it is a party that has not signed yet.
   */
  signFor: (actor: Actor, organizationId: string, party?: Pick<PartyOrganization, 'kind' | 'municipalityId'>) =>
    headsOrganization(actor, organizationId) || (party?.kind === 'authority' && isAuthorityOf(actor, party.municipalityId)),
};
