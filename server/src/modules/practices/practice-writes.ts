import { type SQL, and, asc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { conflict, forbidden, invalid, notSignedIn } from '../../platform/problem';
import { memberships } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { type PracticeRow, loadVisiblePractice } from './access';
import type { PracticeInput } from './practice-fields';
import { practiceAuthors, practiceOrganizations, practiceVersions, practices } from './schema';

export type VersionRow = typeof practiceVersions.$inferSelect;

export const stalePractice = () => conflict('Практику уже изменил другой пользователь. Обновите страницу и внесите правки ещё раз.');

/**
 * The practice a command changes, locked until its transaction ends: 404 when the caller may not see it, 403 when
 * `rule` (editablePractices, publishablePractices) does not let them act on it, 409 when it moved past `version`.
 */
export async function lockPractice(
  tx: Database,
  context: CommandContext,
  id: string,
  rule: (actor: Actor) => SQL | undefined,
  refusal: string,
  version?: number,
): Promise<PracticeRow> {
  if (!context.actor) throw notSignedIn();
  await loadVisiblePractice(tx, context.actor, id);
  const [row] = await tx.select().from(practices).where(and(eq(practices.id, id), rule(context.actor))).for('update');
  if (!row) throw forbidden(refusal);
  if (version !== undefined && row.version !== version) throw stalePractice();
  return row;
}

/** The organisations named exist; an author with an account works in one of them (no stranger is named an author). */
export async function checkOwners(tx: Database, organizationIds: string[], authors: PracticeInput['authors']) {
  const found = await tx.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, organizationIds));
  if (found.length !== organizationIds.length) {
    throw invalid('Практика не сохранена: одна из организаций не найдена.', [{ field: 'organizationIds', message: 'Организация не найдена' }]);
  }
  const userIds = authors.flatMap((a) => (a.userId ? [a.userId] : []));
  if (!userIds.length) return;
  const staff = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(and(inArray(memberships.userId, userIds), inArray(memberships.organizationId, organizationIds)));
  if (staff.length !== new Set(userIds).size) {
    throw invalid('Практика не сохранена: автор с учётной записью должен работать в одной из организаций практики. Другого автора укажите по имени.', [
      { field: 'authors', message: 'Автор не работает в организациях практики' },
    ]);
  }
}

/** Sets the practice's organisations and authors, in the order given. */
export async function replaceOwners(tx: Database, practiceId: string, organizationIds: string[] | undefined, authors: PracticeInput['authors'] | undefined) {
  if (organizationIds) {
    await tx.delete(practiceOrganizations).where(eq(practiceOrganizations.practiceId, practiceId));
    await tx.insert(practiceOrganizations).values(organizationIds.map((organizationId, position) => ({ practiceId, organizationId, position })));
  }
  if (authors) {
    await tx.delete(practiceAuthors).where(eq(practiceAuthors.practiceId, practiceId));
    if (authors.length) {
      await tx.insert(practiceAuthors).values(authors.map((a, position) => ({ practiceId, userId: a.userId ?? null, name: a.userId ? null : (a.name ?? null), position })));
    }
  }
}

export async function ownersOf(tx: Database, practiceId: string) {
  const orgs = await tx.select({ id: practiceOrganizations.organizationId }).from(practiceOrganizations).where(eq(practiceOrganizations.practiceId, practiceId)).orderBy(asc(practiceOrganizations.position));
  const authors = await tx.select({ userId: practiceAuthors.userId, name: practiceAuthors.name }).from(practiceAuthors).where(eq(practiceAuthors.practiceId, practiceId)).orderBy(asc(practiceAuthors.position));
  return { organizationIds: orgs.map((o) => o.id), authors };
}

export async function loadVersion(tx: Database, versionId: string | null): Promise<VersionRow | null> {
  if (!versionId) return null;
  const [row] = await tx.select().from(practiceVersions).where(eq(practiceVersions.id, versionId));
  return row ?? null;
}

/** A version as the audit keeps it: what it says, without its search vector. */
export const auditedVersion = (version: VersionRow | null) => {
  if (!version) return null;
  const { searchVector: _vector, ...rest } = version;
  return rest;
};

/** Bumps the practice's version with `set`, in the caller's transaction (which records the audit entry). */
export async function savePractice(tx: Database, context: CommandContext, before: PracticeRow, set: Partial<PracticeRow>) {
  const [after] = await tx
    .update(practices)
    .set({ ...set, version: before.version + 1, updatedAt: context.now ?? new Date() })
    .where(eq(practices.id, before.id))
    .returning();
  return after;
}

/**
 * Makes the practice's working version the one everyone reads, in the caller's transaction and under its lock on
 * `current`: the version published before is kept as superseded. Publication without review and the publication of
 * a review's composite both end here.
 */
export async function publishWorkingVersion(tx: Database, context: CommandContext, current: PracticeRow, working: VersionRow) {
  const now = context.now ?? new Date();
  if (current.publishedVersionId) await tx.update(practiceVersions).set({ state: 'superseded' }).where(eq(practiceVersions.id, current.publishedVersionId));
  await tx
    .update(practiceVersions)
    .set({ state: 'published', submittedAt: working.submittedAt ?? now, publishedAt: now, publishedBy: context.actor!.userId })
    .where(eq(practiceVersions.id, working.id));
  const after = await savePractice(tx, context, current, { state: 'published', publishedVersionId: working.id, workingVersionId: null, publishedAt: now });
  await recordAudit(tx, context, { action: 'practice.published', entityType: 'practice', entityId: current.id, before: current, after: { ...after, publishedVersionNumber: working.number } });
  return after;
}
