import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { isStaffOf } from '../../platform/policy';
import { notFound } from '../../platform/problem';
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

/**
 * Whether the guardian's consent to processing is in force: enrolling, waitlisting and ranking
 * choices all need it (Problem 409 `consentRequired` otherwise, see the enrolments area).
 */
export async function hasConsent(db: Database, childId: string): Promise<boolean> {
  const [consent] = await db
    .select({ id: childConsents.id })
    .from(childConsents)
    .where(and(eq(childConsents.childId, childId), isNull(childConsents.withdrawnAt)))
    .limit(1);
  return !!consent;
}
