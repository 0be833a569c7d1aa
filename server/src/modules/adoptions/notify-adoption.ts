import { and, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { type NotificationDraft, notify } from '../notifications/notify';
import { organizationHeads } from '../networks/access';
import { organizations } from '../organizations/schema';
import { practiceAuthors, practiceOrganizations, practiceVersions, practices } from '../practices/schema';

/**
 * Tells the practice's authors (with an account) and the heads of its organisations that a school adopts it or has
 * recorded what came of it — inside the adoption's transaction, and never the person who recorded it.
 */
export async function notifyPracticeOwners(
  tx: Database,
  event: { kind: 'practice_adopted' | 'practice_adoption_results'; practiceId: string; organizationId: string; actorUserId: string },
) {
  const owners = await tx.select({ id: practiceOrganizations.organizationId }).from(practiceOrganizations).where(eq(practiceOrganizations.practiceId, event.practiceId));
  const heads = await organizationHeads(
    tx,
    owners.map((o) => o.id),
  );
  const authors = await tx
    .select({ userId: practiceAuthors.userId })
    .from(practiceAuthors)
    .where(and(eq(practiceAuthors.practiceId, event.practiceId), isNotNull(practiceAuthors.userId)));
  const recipients = new Set([...heads.map((h) => h.userId), ...authors.map((a) => a.userId!)]);
  recipients.delete(event.actorUserId);
  if (!recipients.size) return;
  const [{ title }] = await tx
    .select({ title: practiceVersions.title })
    .from(practices)
    .innerJoin(practiceVersions, eq(practiceVersions.id, practices.publishedVersionId))
    .where(eq(practices.id, event.practiceId));
  const [{ shortName }] = await tx.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, event.organizationId));
  const message =
    event.kind === 'practice_adopted'
      ? { title: `${shortName} внедряет вашу практику`, body: `«${title}»: школа записала, что внедряет практику и что меняет у себя.` }
      : { title: `${shortName}: результаты внедрения вашей практики`, body: `«${title}»: школа записала, что дало внедрение.` };
  const drafts: NotificationDraft[] = [...recipients].map((userId) => ({
    userId,
    kind: event.kind,
    ...message,
    link: `/practices/${event.practiceId}`,
    data: { practiceId: event.practiceId, organizationId: event.organizationId },
  }));
  await notify(tx, drafts);
}
