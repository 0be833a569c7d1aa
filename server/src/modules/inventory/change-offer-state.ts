import type { CommandContext } from '../../platform/context';
import { changeItemState, offerKind } from './inventory-items';

/** The organisation no longer offers the resource: it leaves the catalogue and the matching, and can come back. */
export const archiveOffer = (context: CommandContext, offerId: string, version: number) => changeItemState(context, offerKind, offerId, version, 'archived');
export const restoreOffer = (context: CommandContext, offerId: string, version: number) => changeItemState(context, offerKind, offerId, version, 'active');
