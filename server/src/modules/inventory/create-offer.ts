import type { CommandContext } from '../../platform/context';
import type { OfferInput } from './inventory-fields';
import { createItem, offerKind } from './inventory-items';

/** An organisation's head adds a resource it can share with partners. */
export const createOffer = (context: CommandContext, organizationId: string, input: OfferInput) => createItem(context, offerKind, organizationId, input);
