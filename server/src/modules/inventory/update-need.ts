import type { CommandContext } from '../../platform/context';
import type { NeedChanges } from './inventory-fields';
import { needKind, updateItem } from './inventory-items';

/** Changes the named fields of a need if it is still at `version` (409 otherwise). */
export const updateNeed = (context: CommandContext, needId: string, version: number, changes: NeedChanges) => updateItem(context, needKind, needId, version, changes);
