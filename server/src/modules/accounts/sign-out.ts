import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { closeSession } from './sessions';

export async function signOut(context: CommandContext, token: string) {
  await closeSession(context.db, token);
  if (context.actor) await recordAudit(context.db, context, { action: 'auth.sign_out', entityType: 'user', entityId: context.actor.userId });
}
