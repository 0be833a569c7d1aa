import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { resourceOffers } from '../inventory/schema';
import { organizationHeads } from '../networks/access';
import { notify } from '../notifications/notify';
import { organizations } from '../organizations/schema';
import type { ExchangeRow } from './exchange-access';

/**
 * Tells the heads of the organisation whose answer the exchange now awaits (a new request, a counter-proposal)
 * that it is their turn; inside the transaction of the step. Nothing when the exchange awaits nobody.
 */
export async function notifyAwaitingSide(tx: Database, exchange: ExchangeRow) {
  if (!exchange.awaiting) return;
  const [waiting, other] =
    exchange.awaiting === 'provider' ? [exchange.providerOrganizationId, exchange.requesterOrganizationId] : [exchange.requesterOrganizationId, exchange.providerOrganizationId];
  const [[offer], names] = await Promise.all([
    tx.select({ title: resourceOffers.title }).from(resourceOffers).where(eq(resourceOffers.id, exchange.offerId)),
    tx.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, other)),
  ]);
  const from = names[0]?.shortName ?? '';
  const title =
    exchange.state === 'requested' ? `Запрос ресурса «${offer.title}» от «${from}»` : `Встречное предложение по обмену «${offer.title}» от «${from}»`;
  const people = [...new Set((await organizationHeads(tx, [waiting])).map((h) => h.userId))];
  await notify(
    tx,
    people.map((userId) => ({
      userId,
      kind: 'exchange_awaiting' as const,
      title,
      body: 'Обмен ждёт вашего ответа: принять, отклонить или предложить другие условия.',
      link: `/exchanges/${exchange.id}`,
      data: { exchangeId: exchange.id, version: exchange.version },
    })),
  );
}
