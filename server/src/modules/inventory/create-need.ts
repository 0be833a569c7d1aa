import type { CommandContext } from '../../platform/context';
import type { NeedInput } from './inventory-fields';
import { createItem, needKind } from './inventory-items';

/** An organisation's head records something it lacks and looks for. */
export const createNeed = (context: CommandContext, organizationId: string, input: NeedInput) => createItem(context, needKind, organizationId, input);
