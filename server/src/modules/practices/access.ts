import { type SQL, and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { isOperator } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { headedOrganizations } from '../networks/access';
import { practiceAuthors, practiceOrganizations, practices } from './schema';

export type PracticeRow = typeof practices.$inferSelect;

/** The practices held by one of these organisations, as a condition on `practices`. */
export const ownedBy = (organizationIds: string[]): SQL =>
  organizationIds.length
    ? sql`exists (select 1 from ${practiceOrganizations} where ${practiceOrganizations.practiceId} = ${practices.id} and ${inArray(practiceOrganizations.organizationId, organizationIds)})`
    : sql`false`;

/** The practices the person is an author of (with their account). */
const authoredBy = (userId: string): SQL =>
  sql`exists (select 1 from ${practiceAuthors} where ${practiceAuthors.practiceId} = ${practices.id} and ${practiceAuthors.userId} = ${userId})`;

/**
 * THE visibility rule of practices, as a condition on `practices` for the WHERE of every query that shows one: a
 * published practice is seen by everyone, signed in or not; a draft, a submitted or an archived one only by the
 * staff of its organisations, its authors and the operator. `undefined` means no restriction (the operator).
 */
export function visiblePractices(actor: Actor | null): SQL | undefined {
  const published = eq(practices.state, 'published');
  if (!actor) return published;
  if (isOperator(actor)) return undefined;
  return or(published, ownedBy(actor.memberships.map((m) => m.organizationId)), authoredBy(actor.userId));
}

/** Whether the actor sees the practice's drafts, versions and pending edits: the same rule without «published». */
export function seesWorkOn(actor: Actor | null): SQL {
  if (!actor) return sql`false`;
  if (isOperator(actor)) return sql`true`;
  return or(ownedBy(actor.memberships.map((m) => m.organizationId)), authoredBy(actor.userId)) as SQL;
}

/**
 * Who edits a practice and submits it: its authors, the heads of its organisations and the operator. Publishing and
 * archiving are the heads' and the operator's (`publishedBy`).
 */
export function editablePractices(actor: Actor): SQL | undefined {
  if (isOperator(actor)) return undefined;
  return or(ownedBy(headedOrganizations(actor)), authoredBy(actor.userId));
}

/** Who publishes and archives a practice without review: the heads of its organisations and the operator. */
export function publishablePractices(actor: Actor): SQL | undefined {
  if (isOperator(actor)) return undefined;
  return ownedBy(headedOrganizations(actor));
}

/** A practice the caller may see, or 404 exactly as a missing one, so a hidden draft's existence is not disclosed. */
export async function loadVisiblePractice(db: Database, actor: Actor | null, practiceId: string, lock = false): Promise<PracticeRow> {
  const query = db.select().from(practices).where(and(eq(practices.id, practiceId), visiblePractices(actor))).limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Практика');
  return row;
}

/** Whether the practice passes `rule` (edit or publish), asked of one row. */
export async function practicePasses(db: Database, practiceId: string, rule: SQL | undefined): Promise<boolean> {
  const [row] = await db.select({ id: practices.id }).from(practices).where(and(eq(practices.id, practiceId), rule)).limit(1);
  return !!row;
}
