import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem } from '../../platform/problem';
import { insertDocument } from '../documents/create-document';
import { notifySigners } from '../documents/notify-signers';
import { loadTemplateOrganization, templateContext } from '../documents/template-context';
import { renderTemplate } from '../documents/templates';
import { resourceOffers } from '../inventory/schema';
import { loadVisibleExchange, lockExchange, networkForExchange, recordStep, unavailable } from './exchange-access';
import { isAgreed } from './exchange-state';
import { exchangePolicy, sidesOf } from './policy';

const notAgreed = () => unavailable('Соглашение оформляется, когда обмен принят: сначала договоритесь об условиях.');

/**
 * A head of either party turns the accepted exchange into «Соглашение об обмене ресурсами» between the
 * two organisations: a document of a network both are active members of, filled with the agreed terms and
 * sent straight for signature — its parties, and only they, sign it. Once per exchange.
 */
export async function createExchangeAgreement(context: CommandContext, id: string, input: { networkId?: string }) {
  const exchange = await loadVisibleExchange(context, id);
  authorize(context.actor, (actor) => exchangePolicy.takePart(actor, exchange));
  return context.db.transaction(async (tx) => {
    const locked = await lockExchange(tx, id);
    if (!isAgreed(locked.state)) throw notAgreed();
    if (locked.agreementDocumentId) {
      throw new Problem(409, 'Соглашение уже оформлено', 'Соглашение по этому обмену уже оформлено: откройте его, чтобы подписать.', { documentId: locked.agreementDocumentId });
    }
    const network = await networkForExchange(tx, context.actor!, locked, input.networkId ? { networkId: input.networkId, field: 'networkId' } : null);
    const [offer] = await tx.select().from(resourceOffers).where(eq(resourceOffers.id, locked.offerId));
    const rendered = renderTemplate('resource_exchange', {
      ...(await templateContext(tx, network)),
      exchange: {
        provider: await loadTemplateOrganization(tx, locked.providerOrganizationId),
        requester: await loadTemplateOrganization(tx, locked.requesterOrganizationId),
        resource: { title: offer.title, category: offer.category, description: offer.description, mobility: offer.mobility },
        conditions: locked.conditions,
        startsOn: locked.startsOn,
        endsOn: locked.endsOn,
        terms: locked.terms,
      },
    });
    const document = await insertDocument(tx, context, {
      networkId: network.id,
      kind: 'resource_exchange',
      title: rendered.title,
      body: rendered.body,
      partyOrganizationIds: [locked.providerOrganizationId, locked.requesterOrganizationId],
      state: 'signing',
    });
    await notifySigners(tx, document, network);
    await recordStep(tx, context, locked, { agreementDocumentId: document.id, networkId: network.id }, { action: 'agreement_created', side: sidesOf(context.actor, locked)[0] });
    return { documentId: document.id };
  });
}
