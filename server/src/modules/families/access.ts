import { type Placeholder, type SQL, and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { isStaffOf } from '../../platform/policy';
import { Problem, notFound } from '../../platform/problem';
import { enrolments } from '../enrolments/schema';
import { programmes } from '../programmes/schema';
import { childConsents, children } from './schema';

export type ChildRow = typeof children.$inferSelect;

/**
 * Who sees a child, shared by every area that shows one (children, enrolments, learning paths,
 * campaigns): the guardian; the home school's staff; a provider's staff while the child is (or was)
 * enrolled with it. Nobody else, the operator included — a child's data is the family's.
 */
export type ChildRelation = 'guardian' | 'home_school' | 'provider';

/** The guardian's own child. */
export const guardsChild = (actor: Actor, child: Pick<ChildRow, 'guardianUserId'>) => actor.userId === child.guardianUserId;

/** Staff (admin or teacher) of the child's home school. */
export const teachesAtHomeSchool = (actor: Actor, child: Pick<ChildRow, 'homeSchoolId'>) =>
  !!child.homeSchoolId && isStaffOf(actor, child.homeSchoolId);

/** Organisations whose programmes the child is or was enrolled in (waitlists excluded: a queue is not a student). */
export async function providersOfChild(db: Database, childId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ organizationId: programmes.organizationId })
    .from(enrolments)
    .innerJoin(programmes, eq(programmes.id, enrolments.programmeId))
    .where(and(eq(enrolments.childId, childId), inArray(enrolments.state, ['enrolled', 'completed', 'withdrawn', 'removed'])));
  return rows.map((r) => r.organizationId);
}

/**
 * How the actor is related to the child, or null when they must not see it. A home school that has not
 * confirmed the child sees its card (to confirm it) but not its records, unless it is also a provider.
 */
export async function relationToChild(db: Database, actor: Actor | null, child: ChildRow, seeing: 'card' | 'records' = 'card'): Promise<ChildRelation | null> {
  if (!actor) return null;
  if (guardsChild(actor, child)) return 'guardian';
  if (teachesAtHomeSchool(actor, child) && (seeing === 'card' || child.homeSchoolConfirmedAt)) return 'home_school';
  const providers = await providersOfChild(db, child.id);
  if (providers.some((organizationId) => isStaffOf(actor, organizationId))) return 'provider';
  return null;
}

async function loadChild(db: Database, actor: Actor | null, id: string, seeing: 'card' | 'records'): Promise<{ child: ChildRow; relation: ChildRelation }> {
  const [child] = await db.select().from(children).where(eq(children.id, id)).limit(1);
  const relation = child ? await relationToChild(db, actor, child, seeing) : null;
  if (!child || !relation) throw notFound('Ребёнок');
  return { child, relation };
}

/** A child the caller may see; anyone else gets 404, so a child's existence is not disclosed. */
export const loadVisibleChild = (db: Database, actor: Actor | null, id: string) => loadChild(db, actor, id, 'card');

/**
 * A child's records — enrolments, learning path, campaign choices and results — for those who see them:
 * as loadVisibleChild, except that the home school sees them only once it has confirmed the child is its
 * student (before that it sees the card it needs to confirm, nothing more).
 */
export const loadChildRecords = (db: Database, actor: Actor | null, id: string) => loadChild(db, actor, id, 'records');

/** The rows of `child_consents` that are the child's consent in force (a child id, or the column of a joined child). */
const consentInForce = (childId: string | typeof children.id) => and(eq(childConsents.childId, childId), isNull(childConsents.withdrawnAt));

/**
 * Whether the guardian's consent to processing is in force: enrolling, waitlisting and ranking
 * choices all need it (see lockChildForEnrolment).
 */
export async function hasConsent(db: Database, childId: string): Promise<boolean> {
  const [consent] = await db.select({ id: childConsents.id }).from(childConsents).where(consentInForce(childId)).limit(1);
  return !!consent;
}

/** hasConsent as a column of a select that joins `children`. */
export const consentColumn = sql<boolean>`exists (select 1 from ${childConsents} where ${consentInForce(children.id)})`;

/**
 * The child's row, locked until the transaction ends and read again under the lock; 404 once it is gone.
 * Everything that changes a child's consent or places takes turns on this row. Giving or withdrawing
 * consent, correcting and deleting the child lock it exclusively ('update'); enrolling, joining a
 * waitlist, ranking campaign choices and allocating share it ('share'): they run side by side for one
 * child (two enrolments never wait for each other) but never across a withdrawal or a deletion.
 * Lock order, everywhere, so that no two steps wait for each other in a circle: the campaign row (where
 * a campaign is involved), then children (in id order when several), then programmes (in id order, see
 * enrolments/seats.ts). Nothing locks a child after a programme.
 */
export async function lockChild(tx: Database, id: string, mode: 'update' | 'share'): Promise<ChildRow> {
  const [child] = await tx.select().from(children).where(eq(children.id, id)).for(mode);
  if (!child) throw notFound('Ребёнок');
  return child;
}

/** Shares the lock of several children (see lockChild), in id order; those already deleted are skipped. */
export async function lockChildren(tx: Database, ids: readonly string[]): Promise<void> {
  if (ids.length) await tx.select({ id: children.id }).from(children).where(inArray(children.id, [...ids])).orderBy(children.id).for('share');
}

/**
 * For every step that gives a child a place, a waitlist place or a campaign choice, inside its
 * transaction: shares the child's lock (see lockChild), then requires consent in force — read after the
 * lock, so a withdrawal that committed while this step waited is seen, and none can commit until this
 * step has. 404 when the child is gone, 409 `consent_required` without consent.
 */
export async function lockChildForEnrolment(tx: Database, id: string, purpose: string): Promise<ChildRow> {
  const child = await lockChild(tx, id, 'share');
  if (!(await hasConsent(tx, id))) throw consentRequired(id, purpose);
  return child;
}

/**
 * lockChildForEnrolment as the first CTE of a single statement that goes on to take the place: one row when it
 * shared the child's lock and locked the consent in force, none when the child is gone, its consent is not in force,
 * or `unchanged` (what the caller judged the child by) no longer holds. Locking the consent row is what reads it after
 * the lock: a withdrawal that committed while this waited has changed that row, which PostgreSQL then reads again and
 * re-checks, where a plain subquery would still see the statement's older snapshot. Takes the locks in the usual order,
 * the child before anything the statement updates after it.
 */
export const childLockedForEnrolment = (db: Database, childId: Placeholder, unchanged: SQL) =>
  db
    .$with('locked_child')
    .as(db.select({ id: children.id }).from(children).innerJoin(childConsents, consentInForce(children.id)).where(and(eq(children.id, childId), unchanged)).limit(1).for('share'));

/** 409 `consent_required`; `purpose` begins the sentence saying what the consent is needed for. */
export const consentRequired = (childId: string, purpose: string) =>
  new Problem(409, 'Нужно согласие на обработку данных', `${purpose}, дайте согласие на обработку персональных данных ребёнка на его странице.`, {
    code: 'consent_required',
    childId,
  });
