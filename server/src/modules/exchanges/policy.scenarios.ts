import { russianSortKey } from '../../algorithms/russian-sort-key';
import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, nextSerial, only } from '../../../test/policy-matrix';
import { resourceOffers } from '../inventory/schema';
import { networkMembers, networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { plans } from '../plans/schema';
import { type ExchangeState, resourceExchanges } from './schema';

/**
 * The fixtures' organisations take part in exchanges with a fresh organisation nobody in the fixtures
 * heads: "own" — orgAdmin's organisation is the party, "other" — otherOrgAdmin's. So only the head of
 * the party may act; to everyone else, operator and authorities included, the exchange does not exist (404).
 */
async function stranger(t: TestApp) {
  const shortName = `Гимназия обмена ${nextSerial()}`;
  const [org] = await t.handle.db
    .insert(organizations)
    .values({ kind: 'gymnasium', fullName: `${shortName} полное`, shortName, sortKey: russianSortKey(shortName), municipalityId: t.fixtures.municipalityId })
    .returning();
  return org.id;
}

const partyOf = (t: TestApp, target: Target) => (target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId);

async function offerOf(t: TestApp, organizationId: string) {
  const [offer] = await t.handle.db
    .insert(resourceOffers)
    .values({ organizationId, category: 'facilities', title: `Лаборатория робототехники ${nextSerial()}`, tags: ['робототехника'] })
    .returning();
  return offer;
}

/** An exchange of the target's party with a stranger, on `side` of it, in `state`, optionally in a network both belong to. */
async function exchangeFor(t: TestApp, target: Target, side: 'requester' | 'provider', state: ExchangeState, options: { inNetwork?: boolean } = {}) {
  const party = partyOf(t, target);
  const other = await stranger(t);
  const [requesterId, providerId] = side === 'requester' ? [party, other] : [other, party];
  const offer = await offerOf(t, providerId);
  let networkId: string | null = null;
  if (options.inNetwork) {
    const [network] = await t.handle.db
      .insert(networks)
      .values({ name: `Сеть обменов ${nextSerial()}`, kind: 'alliance', municipalityIds: [t.fixtures.municipalityId], managingOrganizationId: other })
      .returning();
    await t.handle.db.insert(networkMembers).values([
      { networkId: network.id, organizationId: other, role: 'member', state: 'active' },
      { networkId: network.id, organizationId: party, role: 'member', state: 'active' },
    ]);
    networkId = network.id;
  }
  const [exchange] = await t.handle.db
    .insert(resourceExchanges)
    .values({
      offerId: offer.id,
      requesterOrganizationId: requesterId,
      providerOrganizationId: providerId,
      networkId,
      state,
      awaiting: state === 'requested' ? 'provider' : null,
      conditions: 'free',
      startsOn: '2035-10-01',
      endsOn: '2035-12-20',
    })
    .returning();
  return exchange;
}

const partyHead = only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] });
const hiddenFromOthers = () => 404;

export const exchangeScenarios: Record<string, Scenario> = {
  'POST /api/exchanges': {
    request: async (t, target) => {
      const offer = await offerOf(t, await stranger(t));
      return { url: '/api/exchanges', body: { offerId: offer.id, requesterOrganizationId: partyOf(t, target), message: 'Просим провести занятия для 7-х классов' } };
    },
    allowed: partyHead,
  },
  'POST /api/exchanges/:id/answer': {
    request: async (t, target) => {
      const exchange = await exchangeFor(t, target, 'provider', 'requested');
      return { url: `/api/exchanges/${exchange.id}/answer`, body: { version: exchange.version, action: 'accept' } };
    },
    allowed: partyHead,
    refusedStatus: hiddenFromOthers,
  },
  'POST /api/exchanges/:id/withdraw': {
    request: async (t, target) => {
      const exchange = await exchangeFor(t, target, 'requester', 'requested');
      return { url: `/api/exchanges/${exchange.id}/withdraw`, body: { version: exchange.version } };
    },
    allowed: partyHead,
    refusedStatus: hiddenFromOthers,
  },
  'POST /api/exchanges/:id/complete': {
    request: async (t, target) => {
      const exchange = await exchangeFor(t, target, 'requester', 'accepted');
      return { url: `/api/exchanges/${exchange.id}/complete`, body: { version: exchange.version } };
    },
    allowed: partyHead,
    refusedStatus: hiddenFromOthers,
  },
  'POST /api/exchanges/:id/agreement': {
    request: async (t, target) => {
      const exchange = await exchangeFor(t, target, 'provider', 'accepted', { inNetwork: true });
      return { url: `/api/exchanges/${exchange.id}/agreement`, body: {} };
    },
    allowed: partyHead,
    refusedStatus: hiddenFromOthers,
  },
  'POST /api/exchanges/:id/plan': {
    // Plan items are otherwise the coordinator's: here the party's head adds its own exchange, while the coordinators (operator, authority) do not see it.
    request: async (t, target) => {
      const exchange = await exchangeFor(t, target, 'requester', 'accepted', { inNetwork: true });
      const [plan] = await t.handle.db.insert(plans).values({ networkId: exchange.networkId!, title: `План сети ${nextSerial()}` }).returning();
      return { url: `/api/exchanges/${exchange.id}/plan`, body: { planId: plan.id } };
    },
    allowed: partyHead,
    refusedStatus: hiddenFromOthers,
  },
};
