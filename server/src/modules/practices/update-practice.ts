import { eq, max } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict } from '../../platform/problem';
import { editablePractices } from './access';
import { getPractice } from './get-practice';
import type { PracticeChanges } from './practice-fields';
import { auditedVersion, checkOwners, loadVersion, lockPractice, ownersOf, replaceOwners, savePractice } from './practice-writes';
import { practiceVersions } from './schema';

export const editRefusal = 'Практику меняют её авторы и руководители её организаций.';

/**
 * Changes a practice if it is still at `version` (409 otherwise). A draft version is edited in place. A version
 * already submitted or published is never rewritten — a review may score it by its id — so the edit drafts a new
 * version from it, while the published one stays what everyone reads until the new one is published. An archived
 * practice is not changed.
 */
export async function updatePractice(context: CommandContext, id: string, changes: PracticeChanges) {
  const { version, organizationIds, authors, ...content } = changes;
  await context.db.transaction(async (tx) => {
    const current = await lockPractice(tx, context, id, editablePractices, editRefusal, version);
    if (current.state === 'archived') throw conflict('Практика в архиве и не меняется.');
    if (organizationIds || authors) {
      const owners = await ownersOf(tx, id);
      await checkOwners(tx, organizationIds ?? owners.organizationIds, authors ?? owners.authors.map((a) => (a.userId ? { userId: a.userId } : { name: a.name! })));
      await replaceOwners(tx, id, organizationIds, authors);
    }
    const now = context.now ?? new Date();
    const working = await loadVersion(tx, current.workingVersionId);
    const defined = Object.fromEntries(Object.entries(content).filter(([, value]) => value !== undefined));
    let edited = working;
    let set: Parameters<typeof savePractice>[3] = {};
    if (working?.state === 'draft') {
      if (Object.keys(defined).length) [edited] = await tx.update(practiceVersions).set({ ...defined, updatedAt: now }).where(eq(practiceVersions.id, working.id)).returning();
    } else if (Object.keys(defined).length) {
      // Submitted or published: a new draft from the latest text; a submitted one gives way to it.
      const base = working ?? (await loadVersion(tx, current.publishedVersionId))!;
      const [{ last }] = await tx.select({ last: max(practiceVersions.number) }).from(practiceVersions).where(eq(practiceVersions.practiceId, id));
      const { id: _id, number: _n, state: _s, searchVector: _v, createdAt: _c, updatedAt: _u, submittedAt: _sa, publishedAt: _pa, publishedBy: _pb, createdBy: _cb, ...text } = base;
      [edited] = await tx
        .insert(practiceVersions)
        .values({ ...text, ...defined, practiceId: id, number: (last ?? 0) + 1, createdBy: context.actor!.userId, createdAt: now, updatedAt: now })
        .returning();
      if (working) await tx.update(practiceVersions).set({ state: 'superseded' }).where(eq(practiceVersions.id, working.id));
      set = { workingVersionId: edited.id, state: current.publishedVersionId ? current.state : 'draft' };
    }
    const after = await savePractice(tx, context, current, set);
    await recordAudit(tx, context, { action: 'practice.updated', entityType: 'practice', entityId: id, before: current, after: { ...after, organizationIds, edited: auditedVersion(edited) } });
  });
  return getPractice(context, id);
}
