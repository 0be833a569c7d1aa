import type { Actor } from '../../platform/context';
import { hasMembership, isAuthorityOf, isOperator } from '../../platform/policy';

/**
 * Who may do what with resources and needs. Offers are public; needs, suggestions and a network's
 * exchange picture are for signed-in people (the network's own visibility still applies).
 */
export const inventoryPolicy = {
  /**
   * An organisation's resources and needs are its own statement: only its org admins record them —
   * not its teachers, not the authority, not the operator.
   */
  edit: (actor: Actor, organizationId: string) => hasMembership(actor, organizationId, ['org_admin']),
  /** A network's workbook: whoever may edit the inventory of at least one of its active members (each row is checked again). */
  import: (actor: Actor, memberIds: readonly string[]) => memberIds.some((id) => inventoryPolicy.edit(actor, id)),
  /** Needs, suggestions, network pictures and exports: anyone signed in (the network's visibility applies on top). */
  read: (_actor: Actor) => true,
  /** A municipality's exchange picture: its authority and the operator. */
  viewMunicipality: (actor: Actor, municipalityId: string) => isOperator(actor) || isAuthorityOf(actor, municipalityId),
};
