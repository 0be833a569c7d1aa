import type { CommandContext } from '../../platform/context';
import { changeItemState, needKind } from './inventory-items';

/** The need is met or dropped: it leaves the matching and the exchange picture, and can come back. */
export const archiveNeed = (context: CommandContext, needId: string, version: number) => changeItemState(context, needKind, needId, version, 'archived');
export const restoreNeed = (context: CommandContext, needId: string, version: number) => changeItemState(context, needKind, needId, version, 'active');
