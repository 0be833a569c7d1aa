import type { Actor } from '../../platform/context';
import { headsOrganization } from '../networks/access';
import type { ExchangeSide, resourceExchanges } from './schema';

type Parties = Pick<typeof resourceExchanges.$inferSelect, 'requesterOrganizationId' | 'providerOrganizationId'>;

/** The sides of an exchange the actor acts for: usually one, both when they head both organisations. */
export function sidesOf(actor: Actor | null, exchange: Parties): ExchangeSide[] {
  if (!actor) return [];
  return [
    ...(headsOrganization(actor, exchange.requesterOrganizationId) ? (['requester'] as const) : []),
    ...(headsOrganization(actor, exchange.providerOrganizationId) ? (['provider'] as const) : []),
  ];
}

/**
 * Who may do what with resource exchanges. An organisation acts through its heads (org admins); an
 * exchange is the business of its two organisations — only they act in it. Who SEES one is the one rule
 * visibleExchanges (exchange-access.ts): the parties' heads, and the network's management (coordinators,
 * council) when the network's regulation allows it; everyone else sees the network's totals (inventory module).
 */
export const exchangePolicy = {
  /** Requesting a resource for an organisation: its head. */
  request: (actor: Actor, requesterOrganizationId: string) => headsOrganization(actor, requesterOrganizationId),
  /** Seeing an exchange and acting in it (answers, withdrawal, completion, the agreement): a head of either party. */
  takePart: (actor: Actor, exchange: Parties) => sidesOf(actor, exchange).length > 0,
  /**
   * Putting the exchange into a plan of the network. Plan items are otherwise the coordinator's
   * (planPolicy.manage); a party's head may add the one item that records its own exchange.
   */
  plan: (actor: Actor, exchange: Parties) => sidesOf(actor, exchange).length > 0,
  /** An organisation's list of exchanges and its badges: its heads. */
  viewOrganization: (actor: Actor, organizationId: string) => headsOrganization(actor, organizationId),
};
