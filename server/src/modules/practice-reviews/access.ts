import { type SQL, and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { hasPlatformRole, isOperator } from '../../platform/policy';
import { forbidden, notFound, notSignedIn } from '../../platform/problem';
import { managedNetworks } from '../networks/access';
import { networks } from '../networks/schema';
import { practiceRubrics, reviewAssignments, reviewRounds } from './schema';

/** Why an expert may not review a practice, as practice_review_conflict (migration 0027) names it. */
export type ConflictKind = 'author' | 'staff' | 'network';

export const conflictReasons: Record<ConflictKind, string> = {
  author: 'Эксперт — автор этой практики.',
  staff: 'Эксперт работает в организации, которой принадлежит практика.',
  network: 'Эксперт работает в организации, которая состоит в одной сети с организацией практики.',
};

/**
 * THE conflict-of-interest rule, as SQL: the reason the expert may not review the practice, or null. Every
 * assignment (manual and automatic), the expert list, the expert's view and the scoring transaction ask it.
 */
export const conflictOf = (expertId: string | SQL, practiceId: string | SQL) => sql<ConflictKind | null>`practice_review_conflict(${expertId}, ${practiceId})`;

/** The conflict between one expert and one practice, asked of the database now (inside the caller's transaction). */
export async function findConflict(db: Database, expertId: string, practiceId: string): Promise<ConflictKind | null> {
  const [row] = await db.select({ kind: conflictOf(expertId, practiceId) }).from(sql`(select 1) as one`);
  return row?.kind ?? null;
}

export const isExpert = (actor: Actor) => hasPlatformRole(actor, 'expert');

/** The networks the actor coordinates, as a subquery of ids. */
const managedNetworkIds = (actor: Actor) => sql`(select ${networks.id} from ${networks} where ${managedNetworks(actor) ?? sql`true`})`;

/**
 * Who keeps a rubric or a round (its editor): the operator keeps region-wide ones (network null) and all others; a
 * network's coordinators keep their network's. As a condition on a table's `network_id`; `undefined` is no restriction.
 */
export function editedBy(actor: Actor, networkIdColumn: typeof practiceRubrics.networkId | typeof reviewRounds.networkId): SQL | undefined {
  if (isOperator(actor)) return undefined;
  return sql`${networkIdColumn} in ${managedNetworkIds(actor)}`;
}

/** Whether the actor may edit rubrics and rounds of this network (null: region-wide). */
export async function editsFor(db: Database, actor: Actor, networkId: string | null): Promise<boolean> {
  if (isOperator(actor)) return true;
  if (!networkId) return false;
  const [row] = await db.select({ id: networks.id }).from(networks).where(and(eq(networks.id, networkId), managedNetworks(actor))).limit(1);
  return !!row;
}

/**
 * Who sees a rubric: its editors; experts and network coordinators see region-wide ones (a network round may use
 * them); an expert sees the rubric of a round they review in.
 */
export function visibleRubrics(actor: Actor): SQL | undefined {
  if (isOperator(actor)) return undefined;
  const reviewsWith = sql`exists (select 1 from ${reviewAssignments} join ${reviewRounds} on ${reviewRounds.id} = ${reviewAssignments.roundId}
    where ${reviewRounds.rubricId} = ${practiceRubrics.id} and ${reviewAssignments.expertId} = ${actor.userId})`;
  return or(editedBy(actor, practiceRubrics.networkId), isNull(practiceRubrics.networkId), reviewsWith) as SQL;
}

/** A rubric the actor sees, or 404 as a missing one. */
export async function loadVisibleRubric(db: Database, actor: Actor | null, id: string) {
  if (!actor) throw notSignedIn();
  const [rubric] = await db.select().from(practiceRubrics).where(and(eq(practiceRubrics.id, id), visibleRubrics(actor))).limit(1);
  if (!rubric) throw notFound('Критерии экспертизы');
  return rubric;
}

export type RoundRow = typeof reviewRounds.$inferSelect;

/** A round its editor works on (others get 404 as for a missing one: a network's rounds are its coordinators' business). */
export async function loadEditedRound(db: Database, actor: Actor | null, id: string, lock = false): Promise<RoundRow> {
  if (!actor) throw notSignedIn();
  const query = db.select().from(reviewRounds).where(and(eq(reviewRounds.id, id), editedBy(actor, reviewRounds.networkId))).limit(1);
  const [round] = lock ? await query.for('update') : await query;
  if (!round) throw notFound('Тур экспертизы');
  return round;
}

export type AssignmentRow = typeof reviewAssignments.$inferSelect;

/**
 * An assignment the actor may open: the expert's own (refused with the reason when a conflict of interest has arisen
 * since it was made) or one of a round they edit. Others get 404.
 */
export async function loadOpenableAssignment(db: Database, actor: Actor | null, id: string, lock = false): Promise<{ assignment: AssignmentRow; asEditor: boolean }> {
  if (!actor) throw notSignedIn();
  const query = db
    .select({ assignment: reviewAssignments, asEditor: sql<boolean>`${reviewAssignments.expertId} <> ${actor.userId}` })
    .from(reviewAssignments)
    .innerJoin(reviewRounds, eq(reviewRounds.id, reviewAssignments.roundId))
    .where(and(eq(reviewAssignments.id, id), or(eq(reviewAssignments.expertId, actor.userId), editedBy(actor, reviewRounds.networkId) ?? sql`true`)))
    .limit(1);
  const [row] = lock ? await query.for('update', { of: reviewAssignments }) : await query;
  if (!row) throw notFound('Назначение эксперта');
  if (!row.asEditor) await refuseConflict(db, actor.userId, row.assignment.practiceId);
  return row;
}

/** 403 with the reason when the expert has a conflict of interest with the practice. */
export async function refuseConflict(db: Database, expertId: string, practiceId: string) {
  const kind = await findConflict(db, expertId, practiceId);
  if (kind) throw forbidden(`Конфликт интересов: ${conflictReasons[kind]} Эксперт не может видеть и оценивать эту практику.`);
}
