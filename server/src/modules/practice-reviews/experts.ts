import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { reviewPolicy } from './policy';
import { notFound } from '../../platform/problem';
import { userRoles } from '../accounts/schema';
import { expertProfiles } from './schema';

/** The operator sets the directions an expert reviews in; automatic assignment prefers experts of a practice's direction. */
export async function setExpertDirections(context: CommandContext, userId: string, directions: string[]) {
  authorize(context.actor, reviewPolicy.setExpertDirections);
  await context.db.transaction(async (tx) => {
    const [expert] = await tx.select().from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'expert')));
    if (!expert) throw notFound('Эксперт');
    const [before] = await tx.select().from(expertProfiles).where(eq(expertProfiles.userId, userId));
    const now = context.now ?? new Date();
    const [after] = await tx
      .insert(expertProfiles)
      .values({ userId, directions, updatedAt: now })
      .onConflictDoUpdate({ target: expertProfiles.userId, set: { directions, updatedAt: now } })
      .returning();
    await recordAudit(tx, context, { action: 'expert_profile.updated', entityType: 'user', entityId: userId, before: before ?? null, after });
  });
  return { id: userId, directions };
}
