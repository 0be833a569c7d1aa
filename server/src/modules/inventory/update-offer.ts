import type { CommandContext } from '../../platform/context';
import type { OfferChanges } from './inventory-fields';
import { offerKind, updateItem } from './inventory-items';

/** Changes the named fields of a resource if it is still at `version` (409 otherwise). */
export const updateOffer = (context: CommandContext, offerId: string, version: number, changes: OfferChanges) => updateItem(context, offerKind, offerId, version, changes);
