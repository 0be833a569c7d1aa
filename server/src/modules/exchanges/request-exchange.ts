import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { uniqueViolation } from '../../platform/db/errors';
import { authorize } from '../../platform/policy';
import { type FieldError, Problem, notFound } from '../../platform/problem';
import { resourceNeeds, resourceOffers } from '../inventory/schema';
import { organizations } from '../organizations/schema';
import { pastDateErrors, periodErrors, throwIfErrors } from '../plans/plan-fields';
import { regionToday } from '../territory/region-clock';
import { appendEvent, sharedNetworkIds } from './exchange-access';
import type { ExchangeRequest } from './exchange-fields';
import { notifyAwaitingSide } from './notify-awaiting';
import { exchangePolicy } from './policy';
import { presentExchange } from './present-exchange';
import { liveExchangeStates, resourceExchanges } from './schema';

/**
 * An organisation's head asks another organisation for one of its resources, on the resource's own
 * conditions unless they propose others. The owner answers next. One live request per resource and
 * organisation: a second one (a double click, two heads at once) is a 409 naming the first.
 */
export async function requestExchange(context: CommandContext, input: ExchangeRequest) {
  authorize(context.actor, (actor) => exchangePolicy.request(actor, input.requesterOrganizationId));
  const db = context.db;
  const [offer] = await db.select().from(resourceOffers).where(eq(resourceOffers.id, input.offerId)).limit(1);
  if (!offer) throw notFound('Ресурс');
  const parties = await db
    .select({ id: organizations.id, shortName: organizations.shortName, state: organizations.state })
    .from(organizations)
    .where(inArray(organizations.id, [offer.organizationId, input.requesterOrganizationId]));
  const provider = parties.find((o) => o.id === offer.organizationId)!;
  const requester = parties.find((o) => o.id === input.requesterOrganizationId);
  if (!requester) throw notFound('Организация');
  const [need] = input.needId ? await db.select().from(resourceNeeds).where(eq(resourceNeeds.id, input.needId)).limit(1) : [];

  const errors: FieldError[] = [];
  if (offer.organizationId === requester.id) errors.push({ field: 'offerId', message: 'Это ресурс вашей же организации — запрашивать его не нужно' });
  else if (offer.state !== 'active') errors.push({ field: 'offerId', message: 'Ресурс снят с публикации (в архиве)' });
  else if (provider.state === 'archived') errors.push({ field: 'offerId', message: `Организация «${provider.shortName}» в архиве` });
  if (requester.state === 'archived') errors.push({ field: 'requesterOrganizationId', message: `Организация «${requester.shortName}» в архиве` });
  if (input.needId && (!need || need.organizationId !== requester.id)) errors.push({ field: 'needId', message: 'Это не потребность вашей организации' });
  else if (need && need.state !== 'active') errors.push({ field: 'needId', message: 'Потребность в архиве' });
  const shared = await sharedNetworkIds(db, [offer.organizationId, requester.id]);
  if (input.networkId && !shared.includes(input.networkId)) errors.push({ field: 'networkId', message: 'Обе организации должны быть действующими участниками этой сети' });
  const terms = {
    conditions: input.conditions ?? offer.conditions,
    // The need's period is what the requester is looking for, unless they name another.
    startsOn: input.startsOn !== undefined ? input.startsOn : (need?.neededFrom ?? null),
    endsOn: input.endsOn !== undefined ? input.endsOn : (need?.neededTo ?? null),
    terms: input.terms ?? '',
  };
  errors.push(...periodErrors(terms.startsOn, terms.endsOn, 'endsOn'));
  // The need's own start may have passed (the need is ongoing); a period that has ended, or another start in the past, may not.
  errors.push(...pastDateErrors(await regionToday(db, context.now), { startsOn: terms.startsOn !== need?.neededFrom ? terms.startsOn : null, endsOn: terms.endsOn }));
  throwIfErrors(errors, 'Запрос не отправлен.');

  const row = await db
    .transaction(async (tx) => {
      const [created] = await tx
        .insert(resourceExchanges)
        .values({
          offerId: offer.id,
          needId: need?.id ?? null,
          requesterOrganizationId: requester.id,
          providerOrganizationId: offer.organizationId,
          // Without a named network, the one network they share, if there is exactly one.
          networkId: input.networkId ?? (shared.length === 1 ? shared[0] : null),
          state: 'requested',
          awaiting: 'provider',
          ...terms,
          createdBy: context.actor!.userId,
        })
        .returning();
      await appendEvent(tx, context, created, { action: 'requested', side: 'requester', message: input.message });
      await recordAudit(tx, context, { action: 'exchange.requested', entityType: 'resource_exchange', entityId: created.id, after: created });
      await notifyAwaitingSide(tx, created);
      return created;
    })
    .catch(async (error: unknown) => {
      if (uniqueViolation(error) !== 'resource_exchanges_live_key') throw error;
      const [live] = await db
        .select({ id: resourceExchanges.id })
        .from(resourceExchanges)
        .where(and(eq(resourceExchanges.offerId, offer.id), eq(resourceExchanges.requesterOrganizationId, requester.id), inArray(resourceExchanges.state, [...liveExchangeStates])))
        .limit(1);
      throw new Problem(409, 'Запрос уже отправлен', `«${requester.shortName}» уже запросила этот ресурс: запрос рассматривается или обмен идёт. Откройте его, чтобы продолжить.`, {
        exchangeId: live?.id ?? null,
      });
    });
  return presentExchange(db, context.actor, row);
}
