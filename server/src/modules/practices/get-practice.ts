import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { notFound } from '../../platform/problem';
import type { CommandContext } from '../../platform/context';
import { users } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { editablePractices, loadVisiblePractice, practicePasses, publishablePractices, seesWorkOn } from './access';
import { listPracticeAttachments } from './list-practice-attachments';
import { type VersionRow, loadVersion } from './practice-writes';
import { practiceAuthors, practiceOrganizations, practiceVersions, practices } from './schema';

/** What a version says, as the card shows it. */
export function presentVersion(version: VersionRow) {
  const { searchVector: _vector, createdBy: _by, publishedBy: _publishedBy, practiceId: _practiceId, ...shown } = version;
  return shown;
}

/**
 * A practice's card: its organisations and authors, the published version everyone reads, and — for those who see
 * the work on it (its organisations' staff, its authors, the operator) — the version being drafted and every version.
 */
export async function getPractice(context: CommandContext, id: string) {
  const { db, actor } = context;
  const practice = await loadVisiblePractice(db, actor, id);
  const [{ seesWork }] = await db.select({ seesWork: sql<boolean>`${seesWorkOn(actor)}` }).from(practices).where(eq(practices.id, id));
  const orgs = await db
    .select({ id: organizations.id, shortName: organizations.shortName, municipalityId: organizations.municipalityId })
    .from(practiceOrganizations)
    .innerJoin(organizations, eq(organizations.id, practiceOrganizations.organizationId))
    .where(eq(practiceOrganizations.practiceId, id))
    .orderBy(asc(practiceOrganizations.position));
  const authors = await db
    .select({ userId: practiceAuthors.userId, name: sql<string>`coalesce(${users.fullName}, ${practiceAuthors.name}, '')` })
    .from(practiceAuthors)
    .leftJoin(users, eq(users.id, practiceAuthors.userId))
    .where(eq(practiceAuthors.practiceId, id))
    .orderBy(asc(practiceAuthors.position));
  const published = await loadVersion(db, practice.publishedVersionId);
  const working = seesWork ? await loadVersion(db, practice.workingVersionId) : null;
  const versions = seesWork
    ? await db
        .select({ id: practiceVersions.id, number: practiceVersions.number, state: practiceVersions.state, title: practiceVersions.title, createdAt: practiceVersions.createdAt, submittedAt: practiceVersions.submittedAt, publishedAt: practiceVersions.publishedAt })
        .from(practiceVersions)
        .where(eq(practiceVersions.practiceId, id))
        .orderBy(desc(practiceVersions.number))
    : [];
  const canEdit = !!actor && (await practicePasses(db, id, and(editablePractices(actor))));
  const canPublish = !!actor && (await practicePasses(db, id, publishablePractices(actor)));
  return {
    id: practice.id,
    state: practice.state,
    version: practice.version,
    publishedAt: practice.publishedAt,
    updatedAt: practice.updatedAt,
    organizations: orgs,
    // Authors with an account are named as their account is; nothing else about them is shown.
    authors: authors.map((a) => ({ userId: seesWork ? a.userId : null, name: a.name })),
    // «none» is shown as «Не оценивалась», never as a low score; the composite itself is at /practices/:id/review.
    reviewStatus: practice.reviewStatus,
    reviewScore: practice.reviewScore,
    published: published ? presentVersion(published) : null,
    working: working ? presentVersion(working) : null,
    versions,
    attachments: await listPracticeAttachments(db, id),
    canEdit,
    canPublish,
  };
}

/**
 * One version of a practice by its id (stable: a review scores a version by it). The published one to whoever sees
 * the practice; any other — drafts, submitted, superseded — only to those who work on it (404 to the rest).
 */
export async function getPracticeVersion(context: CommandContext, id: string, versionId: string) {
  const { db, actor } = context;
  const practice = await loadVisiblePractice(db, actor, id);
  const [{ seesWork }] = await db.select({ seesWork: sql<boolean>`${seesWorkOn(actor)}` }).from(practices).where(eq(practices.id, id));
  const [version] = await db.select().from(practiceVersions).where(and(eq(practiceVersions.id, versionId), eq(practiceVersions.practiceId, id)));
  if (!version || (!seesWork && version.id !== practice.publishedVersionId)) throw notFound('Версия практики');
  return presentVersion(version);
}
