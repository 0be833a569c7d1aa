import { eq } from 'drizzle-orm';
import type { CommandContext } from '../platform/context';
import { currentVersionOf, loadDocument } from '../modules/documents/document-access';
import { signDocument } from '../modules/documents/sign-document';
import { answerExchange } from '../modules/exchanges/answer-exchange';
import { completeExchange } from '../modules/exchanges/complete-exchange';
import { createExchangeAgreement } from '../modules/exchanges/create-exchange-agreement';
import { planExchange } from '../modules/exchanges/plan-exchange';
import { requestExchange } from '../modules/exchanges/request-exchange';
import { resourceExchanges } from '../modules/exchanges/schema';
import { createNeed } from '../modules/inventory/create-need';
import { createOffer } from '../modules/inventory/create-offer';
import { needFields, offerFields } from '../modules/inventory/inventory-fields';
import { plans } from '../modules/plans/schema';
import type { DemoHeads } from './demo-heads';
import { demoExchanges, demoInventories } from './demo-inventory';

/** Offers and needs of the demo organisations by `<organisation key>/<title>`, for the exchanges that name them. */
export interface SeededInventory {
  offerIds: Map<string, string>;
  needIds: Map<string, string>;
}

export const inventoryItemKey = (organization: string, title: string) => `${organization}/${title}`;

/**
 * Records the demo organisations' resources and needs through the inventory commands, each as the
 * organisation's head, parsed by the same schema the API uses (so the demo data is normalised and
 * checked like anyone's input).
 */
export async function seedDemoInventory(db: CommandContext['db'], heads: DemoHeads): Promise<SeededInventory> {
  const seeded: SeededInventory = { offerIds: new Map(), needIds: new Map() };
  for (const [key, inventory] of Object.entries(demoInventories)) {
    const head: CommandContext = { db, actor: await heads.headOf(key), ip: 'seed' };
    const organizationId = heads.id(key);
    for (const offer of inventory.offers) {
      const created = await createOffer(head, organizationId, offerFields.parse(offer));
      seeded.offerIds.set(inventoryItemKey(key, offer.title), created.id);
    }
    for (const need of inventory.needs) {
      const created = await createNeed(head, organizationId, needFields.parse(need));
      seeded.needIds.set(inventoryItemKey(key, need.title), created.id);
    }
  }
  return seeded;
}

/**
 * Exchanges at each step of their path — awaiting the owner, countered, accepted with an agreement
 * and a plan item, completed — made by the two heads through the exchange commands, as people would.
 */
export async function seedDemoExchanges(db: CommandContext['db'], heads: DemoHeads, inventory: SeededInventory, networkIds: Map<string, string>, password: string) {
  const lookUp = (ids: Map<string, string>, organization: string, title: string) => {
    const found = ids.get(inventoryItemKey(organization, title));
    if (!found) throw new Error(`demo exchange names an unknown item of ${organization}: ${title}`);
    return found;
  };
  for (const demo of demoExchanges) {
    // The demo's exchanges are history as of the day each period began: a request for a period now past was not made in the past.
    const now = demo.request.startsOn ? new Date(`${demo.request.startsOn}T12:00:00Z`) : undefined;
    const side = {
      requester: { db, actor: await heads.headOf(demo.requester), ip: 'seed', now } satisfies CommandContext,
      provider: { db, actor: await heads.headOf(demo.provider), ip: 'seed', now } satisfies CommandContext,
    };
    const { message, ...terms } = demo.request;
    let exchange = await requestExchange(side.requester, {
      offerId: lookUp(inventory.offerIds, demo.provider, demo.offer),
      needId: demo.need ? lookUp(inventory.needIds, demo.requester, demo.need) : undefined,
      requesterOrganizationId: heads.id(demo.requester),
      networkId: networkIds.get(demo.network),
      ...terms,
      message,
    });
    if (demo.counter) exchange = await answerExchange(side.provider, exchange.id, { version: exchange.version, action: 'counter', ...demo.counter });
    if (!demo.accept) continue;
    // A counter-proposal hands the turn to the requester.
    exchange = await answerExchange(demo.counter ? side.requester : side.provider, exchange.id, { version: exchange.version, action: 'accept', message: demo.accept.message });
    if (demo.accept.agreement) {
      const { documentId } = await createExchangeAgreement(side.provider, exchange.id, {});
      const version = await currentVersionOf(db, await loadDocument(db, documentId));
      for (const signer of demo.accept.agreement.signedBy) {
        const organization = signer === 'provider' ? demo.provider : demo.requester;
        await signDocument(side[signer], { documentId, versionId: version.id, sha256: version.sha256, password, organizationId: heads.id(organization) });
      }
    }
    if (demo.accept.plan) {
      const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.networkId, networkIds.get(demo.network)!)).limit(1);
      await planExchange(side.requester, exchange.id, { planId: plan.id });
    }
    if (demo.complete) {
      // The agreement and the plan item are steps of their own: complete the exchange at its current version.
      const [current] = await db.select({ version: resourceExchanges.version }).from(resourceExchanges).where(eq(resourceExchanges.id, exchange.id));
      await completeExchange(side.requester, exchange.id, { version: current.version, message: demo.complete.message });
    }
  }
  return { exchanges: demoExchanges.length };
}
