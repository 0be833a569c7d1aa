import { and, asc, eq, sql } from 'drizzle-orm';
import { assignExperts } from '../../algorithms/review-assignment';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { conflict, invalid, notFound } from '../../platform/problem';
import { userRoles, users } from '../accounts/schema';
import { notify } from '../notifications/notify';
import { practiceVersions } from '../practices/schema';
import { type ConflictKind, type RoundRow, conflictOf, conflictReasons, findConflict, loadEditedRound, loadOpenableAssignment } from './access';
import { assessReviews, loadReviews } from './review-state';
import { criteriaOf } from './rubrics';
import { type AssignmentRole, expertProfiles, reviewAssignments, reviewComposites, reviewRoundPractices } from './schema';

/** Every expert with their directions and open load (reviews assigned and not submitted, in all rounds). */
async function expertsWithLoad(db: Database, practiceId: string | null) {
  return db
    .select({
      id: users.id,
      fullName: users.fullName,
      directions: sql<string[]>`coalesce(${expertProfiles.directions}, '{}'::text[])`,
      load: sql<number>`(select count(*)::int from ${reviewAssignments} where ${reviewAssignments.expertId} = ${users.id} and ${reviewAssignments.state} = 'assigned')`,
      conflict: practiceId ? conflictOf(sql`${users.id}`, practiceId) : sql<ConflictKind | null>`null`,
    })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'expert')))
    .leftJoin(expertProfiles, eq(expertProfiles.userId, users.id))
    .where(sql`${users.disabledAt} is null`)
    .orderBy(asc(users.fullName));
}

/** The round's practice, locked so assignments to it happen one at a time. */
async function lockRoundPractice(tx: Database, roundId: string, practiceId: string) {
  const [entry] = await tx
    .select()
    .from(reviewRoundPractices)
    .where(and(eq(reviewRoundPractices.roundId, roundId), eq(reviewRoundPractices.practiceId, practiceId)))
    .for('update');
  if (!entry) throw notFound('Практика в туре');
  return entry;
}

/** The experts the editor may pick for a practice of the round: directions, load, and why one is not eligible. */
export async function listRoundExperts(context: CommandContext, roundId: string, practiceId: string | undefined) {
  const { db, actor } = context;
  await loadEditedRound(db, actor, roundId);
  const experts = await expertsWithLoad(db, practiceId ?? null);
  const taken = practiceId ? new Set((await loadReviews(db, roundId, [practiceId])).map((r) => r.expert.id)) : new Set<string>();
  return {
    items: experts.map((e) => ({
      id: e.id,
      fullName: e.fullName,
      directions: e.directions,
      load: e.load,
      eligible: !e.conflict && !taken.has(e.id),
      conflict: e.conflict ? conflictReasons[e.conflict] : taken.has(e.id) ? 'Эксперт уже назначен на эту практику.' : null,
    })),
  };
}

async function presentAssignment(db: Database, id: string) {
  const [row] = await db
    .select({ assignment: reviewAssignments, fullName: users.fullName })
    .from(reviewAssignments)
    .innerJoin(users, eq(users.id, reviewAssignments.expertId))
    .where(eq(reviewAssignments.id, id));
  const { assignment: a, fullName } = row;
  return { id: a.id, roundId: a.roundId, practiceId: a.practiceId, versionId: a.versionId, expert: { id: a.expertId, fullName }, role: a.role, state: a.state, assignedAt: a.assignedAt, submittedAt: a.submittedAt };
}

/**
 * The role the next expert takes: first and second until there are two; a third only to settle a disagreement of the
 * first two (refused otherwise, and once three are assigned).
 */
async function nextRole(tx: Database, round: RoundRow, practiceId: string): Promise<AssignmentRole> {
  const reviews = await loadReviews(tx, round.id, [practiceId]);
  const [published] = await tx.select({ id: reviewComposites.id }).from(reviewComposites).where(and(eq(reviewComposites.roundId, round.id), eq(reviewComposites.practiceId, practiceId)));
  if (published) throw conflict('Итог экспертизы этой практики уже опубликован: экспертов больше не назначают.');
  const held = new Set(reviews.map((r) => r.role));
  if (!held.has('first')) return 'first';
  if (!held.has('second')) return 'second';
  if (held.has('third')) throw conflict('У практики уже три эксперта.');
  const { state } = assessReviews(await criteriaOf(tx, round.rubricId), round.disagreementThreshold, reviews, false);
  if (state !== 'disagreement') throw conflict('Третьего эксперта назначают, только когда оценки двух первых расходятся больше порога тура.');
  return 'third';
}

/** Writes one assignment after checking the expert and the conflict of interest, inside the caller's transaction. */
async function insertAssignment(tx: Database, context: CommandContext, round: RoundRow, practiceId: string, versionId: string, expertId: string) {
  const [expert] = await tx.select({ id: userRoles.userId }).from(userRoles).where(and(eq(userRoles.userId, expertId), eq(userRoles.role, 'expert')));
  if (!expert) throw invalid('Этот пользователь не эксперт: назначают только людей с ролью эксперта.', [{ field: 'expertId', message: 'Не эксперт' }]);
  const kind = await findConflict(tx, expertId, practiceId);
  if (kind) throw conflict(`Конфликт интересов: ${conflictReasons[kind]} Назначьте другого эксперта.`);
  const role = await nextRole(tx, round, practiceId);
  const [row] = await tx.insert(reviewAssignments).values({ roundId: round.id, practiceId, versionId, expertId, role, assignedBy: context.actor!.userId }).onConflictDoNothing().returning();
  if (!row) throw conflict('Этот эксперт уже назначен на эту практику.');
  const [version] = await tx.select({ title: practiceVersions.title }).from(practiceVersions).where(eq(practiceVersions.id, versionId));
  await notify(tx, [
    {
      userId: expertId,
      kind: 'review_assigned',
      title: 'Вам назначена экспертиза практики',
      body: `«${version.title}» — ${round.title}, срок ${round.deadline}.`,
      link: `/reviews/assignments/${row.id}`,
      data: { assignmentId: row.id, roundId: round.id },
    },
  ]);
  await recordAudit(tx, context, { action: 'review_assignment.created', entityType: 'review_assignment', entityId: row.id, after: row });
  return row;
}

export async function assignExpert(context: CommandContext, roundId: string, practiceId: string, expertId: string) {
  const id = await context.db.transaction(async (tx) => {
    const round = await loadEditedRound(tx, context.actor, roundId);
    const entry = await lockRoundPractice(tx, roundId, practiceId);
    return (await insertAssignment(tx, context, round, practiceId, entry.versionId, expertId)).id;
  });
  return presentAssignment(context.db, id);
}

/**
 * Gives every practice of the round (or the one named) two experts: by direction, then least load (algorithms/
 * review-assignment.ts), never one with a conflict of interest; says why a practice could not get two.
 */
export async function autoAssign(context: CommandContext, roundId: string, practiceId: string | undefined) {
  const ids = await context.db.transaction(async (tx) => {
    const round = await loadEditedRound(tx, context.actor, roundId, true);
    const entries = await tx
      .select({ practiceId: reviewRoundPractices.practiceId, versionId: reviewRoundPractices.versionId, direction: practiceVersions.direction })
      .from(reviewRoundPractices)
      .innerJoin(practiceVersions, eq(practiceVersions.id, reviewRoundPractices.versionId))
      .where(and(eq(reviewRoundPractices.roundId, roundId), practiceId ? eq(reviewRoundPractices.practiceId, practiceId) : undefined))
      .orderBy(asc(practiceVersions.title), asc(reviewRoundPractices.practiceId))
      .for('update', { of: reviewRoundPractices });
    if (practiceId && !entries.length) throw notFound('Практика в туре');
    const published = new Set((await tx.select({ practiceId: reviewComposites.practiceId }).from(reviewComposites).where(eq(reviewComposites.roundId, roundId))).map((c) => c.practiceId));
    const open = entries.filter((e) => !published.has(e.practiceId));
    const reviews = await loadReviews(tx, roundId, open.map((e) => e.practiceId));
    const experts = await expertsWithLoad(tx, null);
    const conflicts = new Set<string>();
    for (const entry of open) {
      for (const e of await expertsWithLoad(tx, entry.practiceId)) if (e.conflict) conflicts.add(`${e.id}:${entry.practiceId}`);
    }
    const plan = assignExperts(
      open.map((e) => {
        const mine = reviews.filter((r) => r.practiceId === e.practiceId);
        return { practiceId: e.practiceId, direction: e.direction, assignedExpertIds: mine.map((r) => r.expert.id), needed: 2 - mine.filter((r) => r.role !== 'third').length };
      }),
      experts,
      (expertId, id) => conflicts.has(`${expertId}:${id}`),
    );
    const assigned = [];
    for (const pick of plan.assigned) {
      const entry = open.find((e) => e.practiceId === pick.practiceId)!;
      assigned.push((await insertAssignment(tx, context, round, pick.practiceId, entry.versionId, pick.expertId)).id);
    }
    return { assigned, unassigned: plan.unassigned };
  });
  return { assigned: await Promise.all(ids.assigned.map((id) => presentAssignment(context.db, id))), unassigned: ids.unassigned };
}

/** The editor takes an expert off a practice before they submit (a submitted review stays). */
export async function removeAssignment(context: CommandContext, id: string) {
  await context.db.transaction(async (tx) => {
    const { assignment, asEditor } = await loadOpenableAssignment(tx, context.actor, id, true);
    if (!asEditor) throw notFound('Назначение эксперта');
    if (assignment.state === 'submitted') throw conflict('Эксперт уже отправил оценку: отправленную экспертизу не отменяют.');
    await tx.delete(reviewAssignments).where(eq(reviewAssignments.id, id));
    await recordAudit(tx, context, { action: 'review_assignment.removed', entityType: 'review_assignment', entityId: id, before: assignment });
  });
}
