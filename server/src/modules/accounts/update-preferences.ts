import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { accountPolicy } from './policy';
import { type MailPreference, users } from './schema';

/** How the caller wants notifications by e-mail: each at once, one daily digest, or none (the bell stays either way). */
export async function updatePreferences(context: CommandContext, input: { mailPreference: MailPreference }) {
  const { actor } = context;
  authorize(actor, accountPolicy.manageOwnAccount);
  return context.db.transaction(async (tx) => {
    const [before] = await tx.select({ mailPreference: users.mailPreference }).from(users).where(eq(users.id, actor.userId)).for('update');
    await tx.update(users).set({ mailPreference: input.mailPreference }).where(eq(users.id, actor.userId));
    await recordAudit(tx, context, { action: 'auth.preferences_changed', entityType: 'user', entityId: actor.userId, before, after: input });
    return { mailPreference: input.mailPreference };
  });
}
