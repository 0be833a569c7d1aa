import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize, isStaffOf } from '../../platform/policy';
import { getPractice } from './get-practice';
import type { PracticeInput } from './practice-fields';
import { auditedVersion, checkOwners, replaceOwners } from './practice-writes';
import { practicePolicy } from './policy';
import { practiceVersions, practices } from './schema';

/**
 * Someone who works in the lead organisation starts a practice: a draft with its first version. Without authors
 * named, the person who starts it is its author (when they work in one of its organisations).
 */
export async function createPractice(context: CommandContext, input: PracticeInput) {
  const { organizationIds, authors, ...content } = input;
  authorize(context.actor, (actor) => practicePolicy.create(actor, organizationIds[0]));
  const actor = context.actor;
  const id = await context.db.transaction(async (tx) => {
    const named = authors.length ? authors : organizationIds.some((id) => isStaffOf(actor, id)) ? [{ userId: actor.userId }] : [];
    await checkOwners(tx, organizationIds, named);
    const practiceId = randomUUID();
    const now = context.now ?? new Date();
    const [practice] = await tx.insert(practices).values({ id: practiceId, createdBy: actor.userId, createdAt: now, updatedAt: now }).returning();
    const [version] = await tx.insert(practiceVersions).values({ practiceId, number: 1, ...content, createdBy: actor.userId, createdAt: now, updatedAt: now }).returning();
    await tx.update(practices).set({ workingVersionId: version.id }).where(eq(practices.id, practiceId));
    await replaceOwners(tx, practiceId, organizationIds, named);
    await recordAudit(tx, context, { action: 'practice.created', entityType: 'practice', entityId: practiceId, after: { ...practice, workingVersionId: version.id, organizationIds, version: auditedVersion(version) } });
    return practiceId;
  });
  return getPractice(context, id);
}
