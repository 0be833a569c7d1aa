import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict, forbidden, invalid, notSignedIn } from '../../platform/problem';
import { presentVersion } from '../practices/get-practice';
import { loadVersion } from '../practices/practice-writes';
import { practiceVersions } from '../practices/schema';
import { loadOpenableAssignment, refuseConflict } from './access';
import { reviewPolicy } from './policy';
import type { ScoresInput } from './review-fields';
import { loadReviews } from './review-state';
import { criteriaOf, presentRubric } from './rubrics';
import { practiceRubrics, reviewAssignments, reviewComposites, reviewRoundPractices, reviewRounds, reviewScores } from './schema';

/** The expert's assignments, the open ones first. */
export async function myAssignments(context: CommandContext) {
  const { db, actor } = context;
  if (!actor) throw notSignedIn();
  const rows = await db
    .select({
      id: reviewAssignments.id,
      roundId: reviewRounds.id,
      roundTitle: reviewRounds.title,
      deadline: reviewRounds.deadline,
      practiceId: reviewAssignments.practiceId,
      practiceTitle: practiceVersions.title,
      state: reviewAssignments.state,
      role: reviewAssignments.role,
      submittedAt: reviewAssignments.submittedAt,
    })
    .from(reviewAssignments)
    .innerJoin(reviewRounds, eq(reviewRounds.id, reviewAssignments.roundId))
    .innerJoin(practiceVersions, eq(practiceVersions.id, reviewAssignments.versionId))
    .where(eq(reviewAssignments.expertId, actor.userId))
    .orderBy(reviewAssignments.state, reviewRounds.deadline, desc(reviewAssignments.assignedAt))
    .limit(500);
  return { items: rows };
}

/**
 * What the expert works on: the reviewed version's text (the one submitted, whatever the authors have drafted since),
 * the rubric and their scores so far. An expert with a conflict of interest is refused even this view.
 */
export async function getAssignment(context: CommandContext, id: string) {
  const { db, actor } = context;
  const { assignment } = await loadOpenableAssignment(db, actor, id);
  const [round] = await db.select().from(reviewRounds).where(eq(reviewRounds.id, assignment.roundId));
  const version = (await loadVersion(db, assignment.versionId))!;
  const [review] = await loadReviews(db, assignment.roundId, [assignment.practiceId]).then((all) => all.filter((r) => r.id === id));
  return {
    assignment: { id, roundId: round.id, roundTitle: round.title, deadline: round.deadline, practiceId: assignment.practiceId, role: assignment.role, state: assignment.state, submittedAt: assignment.submittedAt, expert: review.expert },
    version: presentVersion(version),
    // The assignment itself lets its expert read the round's rubric.
    rubric: await presentRubric(db, (await db.select().from(practiceRubrics).where(eq(practiceRubrics.id, round.rubricId)))[0]),
    scores: review.scores,
  };
}

/**
 * The expert saves their scores and comments, and may submit them (then they are locked). Every criterion must be
 * scored within its scale (null — «не применимо» — only where the criterion allows it) before submitting. The
 * conflict of interest is asked again inside the transaction, under the lock of the practice's place in the round.
 */
export async function saveScores(context: CommandContext, id: string, input: ScoresInput) {
  const { actor } = context;
  if (!actor) throw notSignedIn();
  await context.db.transaction(async (tx) => {
    const { assignment } = await loadOpenableAssignment(tx, actor, id);
    if (!reviewPolicy.score(actor, assignment)) throw forbidden('Оценки ставит назначенный эксперт.');
    await tx
      .select({ id: reviewRoundPractices.practiceId })
      .from(reviewRoundPractices)
      .where(and(eq(reviewRoundPractices.roundId, assignment.roundId), eq(reviewRoundPractices.practiceId, assignment.practiceId)))
      .for('update');
    const [locked] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, id)).for('update');
    await refuseConflict(tx, actor.userId, assignment.practiceId);
    if (locked.state === 'submitted') throw conflict('Оценка уже отправлена и не меняется.');
    const [published] = await tx.select({ id: reviewComposites.id }).from(reviewComposites).where(and(eq(reviewComposites.roundId, assignment.roundId), eq(reviewComposites.practiceId, assignment.practiceId)));
    if (published) throw conflict('Итог экспертизы уже опубликован: оценки больше не принимаются.');
    const [round] = await tx.select().from(reviewRounds).where(eq(reviewRounds.id, assignment.roundId));
    const criteria = await criteriaOf(tx, round.rubricId);
    const byId = new Map(criteria.map((c) => [c.id, c]));
    const errors = input.scores.flatMap((s, i) => {
      const criterion = byId.get(s.criterionId);
      if (!criterion) return [{ field: `scores.${i}.criterionId`, message: 'Такого критерия нет в критериях тура' }];
      if (s.score === null && !criterion.allowsNotApplicable) return [{ field: `scores.${i}.score`, message: `«${criterion.title}»: «не применимо» для этого критерия не допускается` }];
      if (s.score !== null && (s.score < criterion.scaleMin || s.score > criterion.scaleMax)) {
        return [{ field: `scores.${i}.score`, message: `«${criterion.title}»: балл от ${criterion.scaleMin} до ${criterion.scaleMax}` }];
      }
      return [];
    });
    if (new Set(input.scores.map((s) => s.criterionId)).size !== input.scores.length) errors.push({ field: 'scores', message: 'Каждый критерий оценивается один раз' });
    if (errors.length) throw invalid(`Оценки не сохранены: ${errors[0].message}.`, errors);
    if (input.submit) {
      const earlier = await tx.select({ criterionId: reviewScores.criterionId }).from(reviewScores).where(eq(reviewScores.assignmentId, id));
      const scored = new Set([...input.scores, ...earlier].map((s) => s.criterionId));
      const unscored = criteria.filter((c) => !scored.has(c.id));
      if (unscored.length) throw invalid(`Оценка не отправлена: оцените все критерии — не оценены: ${unscored.map((c) => `«${c.title}»`).join(', ')}.`, [{ field: 'scores', message: 'Оценены не все критерии' }]);
    }
    const now = context.now ?? new Date();
    for (const s of input.scores) {
      await tx
        .insert(reviewScores)
        .values({ assignmentId: id, criterionId: s.criterionId, score: s.score, comment: s.comment })
        .onConflictDoUpdate({ target: [reviewScores.assignmentId, reviewScores.criterionId], set: { score: s.score, comment: s.comment } });
    }
    const [after] = await tx
      .update(reviewAssignments)
      .set({ updatedAt: now, ...(input.submit ? { state: 'submitted' as const, submittedAt: now } : {}) })
      .where(eq(reviewAssignments.id, id))
      .returning();
    await recordAudit(tx, context, { action: input.submit ? 'review_assignment.submitted' : 'review_assignment.scored', entityType: 'review_assignment', entityId: id, before: locked, after: { ...after, scores: input.scores } });
  });
  return (await getAssignment(context, id)).assignment;
}
