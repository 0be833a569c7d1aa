import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem } from '../../platform/problem';
import { resourceOffers } from '../inventory/schema';
import { organizationNames } from '../plans/item-checks';
import { checkNewPlanItem, insertPlanItem } from '../plans/add-plan-item';
import { loadVisiblePlan } from '../plans/plan-access';
import type { NewPlanItem } from '../plans/plan-fields';
import { type ExchangeRow, loadVisibleExchange, lockExchange, networkForExchange, recordStep, unavailable } from './exchange-access';
import { isAgreed } from './exchange-state';
import { exchangePolicy, sidesOf } from './policy';

const notAgreed = () => unavailable('В план вносится принятый обмен: сначала договоритесь об условиях.');

function alreadyPlanned(exchange: ExchangeRow) {
  if (exchange.planItemId) {
    throw new Problem(409, 'Обмен уже в плане', 'Этот обмен уже внесён в план сети.', { planItemId: exchange.planItemId });
  }
}

/**
 * A head of either party puts the accepted exchange into a plan of a network both are members of:
 * one item «Обмен ресурсами: …» for the agreed period, both organisations responsible. Once per
 * exchange (again only if the coordinator deletes the item).
 */
export async function planExchange(context: CommandContext, id: string, input: { planId: string }) {
  const exchange = await loadVisibleExchange(context, id);
  authorize(context.actor, (actor) => exchangePolicy.plan(actor, exchange));
  const { plan } = await loadVisiblePlan(context, input.planId);
  const [offer] = await context.db.select({ title: resourceOffers.title }).from(resourceOffers).where(eq(resourceOffers.id, exchange.offerId));
  const names = await organizationNames(context.db, [exchange.providerOrganizationId, exchange.requesterOrganizationId]);

  return context.db.transaction(async (tx) => {
    // Under the exchange's lock: of two heads planning it at once, one makes the item, the other gets 409.
    const locked = await lockExchange(tx, id);
    if (!isAgreed(locked.state)) throw notAgreed();
    alreadyPlanned(locked);
    const network = await networkForExchange(tx, context.actor!, locked, { networkId: plan.networkId, field: 'planId' });
    const item: NewPlanItem = {
      activity: `Обмен ресурсами: ${offer.title}`,
      startsOn: locked.startsOn,
      endsOn: locked.endsOn,
      responsibleOrganizationIds: [locked.providerOrganizationId, locked.requesterOrganizationId],
      responsiblePeople: '',
      expectedResult: `${names.get(locked.providerOrganizationId)} предоставляет ресурс организации ${names.get(locked.requesterOrganizationId)}`,
    };
    await checkNewPlanItem(tx, network.id, item);
    const inserted = await insertPlanItem(tx, context, plan.id, item);
    await recordStep(tx, context, locked, { planItemId: inserted.id, networkId: network.id }, { action: 'planned', side: sidesOf(context.actor, locked)[0] });
    return { planItemId: inserted.id };
  });
}
