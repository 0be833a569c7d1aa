import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict, forbidden, notFound, notSignedIn } from '../../platform/problem';
import { headedOrganizations, organizationHeads } from '../networks/access';
import { notify } from '../notifications/notify';
import { loadVisiblePractice } from '../practices/access';
import { presentVersion } from '../practices/get-practice';
import { loadVersion, publishWorkingVersion } from '../practices/practice-writes';
import { practiceAuthors, practiceOrganizations, practiceVersions, practices } from '../practices/schema';
import { loadEditedRound } from './access';
import { assessReviews, loadReviews, presentComposite } from './review-state';
import { criteriaOf, presentRubric } from './rubrics';
import { type CompositeCriterion, practiceRubrics, reviewAnswers, reviewComposites, reviewRoundPractices } from './schema';

async function loadRoundPractice(context: CommandContext, roundId: string, practiceId: string, lock = false) {
  const round = await loadEditedRound(context.db, context.actor, roundId);
  const query = context.db.select().from(reviewRoundPractices).where(and(eq(reviewRoundPractices.roundId, roundId), eq(reviewRoundPractices.practiceId, practiceId)));
  const [entry] = lock ? await query.for('update') : await query;
  if (!entry) throw notFound('Практика в туре');
  return { round, entry };
}

/** The reviews of a practice in a round side by side, for the editor: the reviewed text, scores, totals, the composite so far. */
export async function roundPracticeReviews(context: CommandContext, roundId: string, practiceId: string) {
  const { db } = context;
  const { round, entry } = await loadRoundPractice(context, roundId, practiceId);
  const criteria = await criteriaOf(db, round.rubricId);
  const reviews = await loadReviews(db, roundId, [practiceId]);
  const [published] = await db.select().from(reviewComposites).where(and(eq(reviewComposites.roundId, roundId), eq(reviewComposites.practiceId, practiceId)));
  const assessed = assessReviews(criteria, round.disagreementThreshold, reviews, !!published);
  const version = (await loadVersion(db, entry.versionId))!;
  const [rubric] = await db.select().from(practiceRubrics).where(eq(practiceRubrics.id, round.rubricId));
  return {
    version: presentVersion(version),
    rubric: await presentRubric(db, rubric),
    state: assessed.state,
    reviews: reviews.map((r) => ({ assignmentId: r.id, expert: r.expert, role: r.role, state: r.state, submittedAt: r.submittedAt, scores: r.scores, total: assessed.totals.get(r.id) ?? null })),
    composite: published ? presentComposite(published, version.number) : draftComposite(criteria, assessed, roundId, version),
    disagreement: assessed.disagreement,
  };
}

/** The composite the submitted reviews give now: per criterion with the experts' comments, and overall. */
function draftComposite(
  criteria: Awaited<ReturnType<typeof criteriaOf>>,
  assessed: ReturnType<typeof assessReviews>,
  roundId: string,
  version: { id: string; number: number },
) {
  const perCriterion: CompositeCriterion[] = criteria.map((c, i) => ({
    criterionId: c.id,
    title: c.title,
    weight: c.weight,
    score: assessed.composite.criteria[i].score,
    comments: assessed.submitted.flatMap((r) => r.scores.filter((s) => s.criterionId === c.id && s.comment.trim()).map((s) => s.comment.trim())),
  }));
  return { roundId, versionId: version.id, versionNumber: version.number, score: assessed.composite.score, criteria: perCriterion, publishedAt: null, expertCount: assessed.submitted.length };
}

/**
 * The editor publishes the composite of a practice's reviews: refused while fewer than two are submitted, or while
 * the first two disagree by more than the round's threshold and no third review is in (then all three are averaged).
 * The practice becomes «reviewed» with its score, and the reviewed version is published when it still waits as the
 * working one; its authors and the heads of its organisations are told.
 */
export async function publishComposite(context: CommandContext, roundId: string, practiceId: string) {
  const result = await context.db.transaction(async (tx) => {
    const scoped = { ...context, db: tx };
    const { round, entry } = await loadRoundPractice(scoped, roundId, practiceId, true);
    const criteria = await criteriaOf(tx, round.rubricId);
    const reviews = await loadReviews(tx, roundId, [practiceId]);
    const [existing] = await tx.select({ id: reviewComposites.id }).from(reviewComposites).where(and(eq(reviewComposites.roundId, roundId), eq(reviewComposites.practiceId, practiceId)));
    if (existing) throw conflict('Итог экспертизы этой практики уже опубликован.');
    const assessed = assessReviews(criteria, round.disagreementThreshold, reviews, false);
    if (assessed.submitted.length < 2) throw conflict(`Итог публикуют, когда отправлены две экспертизы. Пока отправлено: ${assessed.submitted.length}.`);
    if (assessed.state === 'disagreement') {
      throw conflict(`Оценки двух экспертов расходятся больше чем на ${round.disagreementThreshold} баллов: назначьте третьего эксперта и дождитесь его оценки.`);
    }
    if (assessed.composite.score === null) throw conflict('Итог не опубликован: ни один критерий не оценён — все ответы «не применимо».');
    const version = (await loadVersion(tx, entry.versionId))!;
    const draft = draftComposite(criteria, assessed, roundId, version);
    const [row] = await tx
      .insert(reviewComposites)
      .values({ roundId, practiceId, versionId: version.id, score: assessed.composite.score, criteria: draft.criteria, expertCount: assessed.submitted.length, publishedBy: context.actor!.userId, publishedAt: context.now ?? new Date() })
      .returning();
    await tx.update(practices).set({ reviewStatus: 'reviewed', reviewScore: row.score }).where(eq(practices.id, practiceId));
    // A version submitted for review enters the library with its composite: publication with review.
    const [practice] = await tx.select().from(practices).where(eq(practices.id, practiceId)).for('update');
    if (practice.workingVersionId === version.id && version.state === 'submitted') await publishWorkingVersion(tx, context, practice, version);
    const authors = await tx.select({ userId: practiceAuthors.userId }).from(practiceAuthors).where(eq(practiceAuthors.practiceId, practiceId));
    const orgIds = (await tx.select({ id: practiceOrganizations.organizationId }).from(practiceOrganizations).where(eq(practiceOrganizations.practiceId, practiceId))).map((o) => o.id);
    const recipients = new Set([...authors.flatMap((a) => (a.userId ? [a.userId] : [])), ...(await organizationHeads(tx, orgIds)).map((h) => h.userId)]);
    await notify(
      tx,
      [...recipients].map((userId) => ({
        userId,
        kind: 'review_published' as const,
        title: 'Опубликован итог экспертизы практики',
        body: `«${version.title}»: ${row.score} из 100 по оценкам ${row.expertCount} экспертов. Авторы могут один раз ответить на итог.`,
        link: `/practices/${practiceId}`,
        data: { practiceId, roundId },
      })),
    );
    await recordAudit(tx, context, { action: 'review_composite.published', entityType: 'practice', entityId: practiceId, after: row });
    return presentComposite(row, version.number);
  });
  return result;
}

/** The latest published composite of a practice, if any. */
async function latestComposite(db: CommandContext['db'], practiceId: string) {
  const [row] = await db
    .select({ composite: reviewComposites, versionNumber: practiceVersions.number })
    .from(reviewComposites)
    .innerJoin(practiceVersions, eq(practiceVersions.id, reviewComposites.versionId))
    .where(eq(reviewComposites.practiceId, practiceId))
    .orderBy(desc(reviewComposites.publishedAt))
    .limit(1);
  return row ?? null;
}

/**
 * A practice's review as its card shows it, to whoever sees the practice: never reviewed («Не оценивалась» — never
 * a low score), under review, or reviewed with the latest composite per criterion, and the authors' answer.
 */
export async function getPracticeReview(context: CommandContext, practiceId: string) {
  const { db, actor } = context;
  const practice = await loadVisiblePractice(db, actor, practiceId);
  const latest = await latestComposite(db, practiceId);
  const [answer] = latest ? await db.select().from(reviewAnswers).where(eq(reviewAnswers.compositeId, latest.composite.id)) : [];
  return {
    status: practice.reviewStatus,
    composite: latest ? presentComposite(latest.composite, latest.versionNumber) : null,
    authorAnswer: answer ? { text: answer.text, answeredAt: answer.answeredAt } : null,
  };
}

/** An author or a head of one of its organisations answers the published composite — once. */
export async function answerReview(context: CommandContext, practiceId: string, text: string) {
  const { actor } = context;
  if (!actor) throw notSignedIn();
  await context.db.transaction(async (tx) => {
    await loadVisiblePractice(tx, actor, practiceId);
    const heads = headedOrganizations(actor);
    const [answerer] = await tx
      .select({ id: practices.id })
      .from(practices)
      .where(
        and(
          eq(practices.id, practiceId),
          or(
            inArray(practices.id, tx.select({ id: practiceAuthors.practiceId }).from(practiceAuthors).where(eq(practiceAuthors.userId, actor.userId))),
            heads.length ? inArray(practices.id, tx.select({ id: practiceOrganizations.practiceId }).from(practiceOrganizations).where(inArray(practiceOrganizations.organizationId, heads))) : undefined,
          ),
        ),
      );
    if (!answerer) throw forbidden('На итог экспертизы отвечают авторы практики и руководители её организаций.');
    const latest = await latestComposite(tx, practiceId);
    if (!latest) throw conflict('Отвечать не на что: итог экспертизы практики ещё не опубликован.');
    const [row] = await tx.insert(reviewAnswers).values({ compositeId: latest.composite.id, text, answeredBy: actor.userId, answeredAt: context.now ?? new Date() }).onConflictDoNothing().returning();
    if (!row) throw conflict('Ответ на этот итог экспертизы уже дан: отвечают один раз.');
    await recordAudit(tx, context, { action: 'review_answer.created', entityType: 'practice', entityId: practiceId, after: row });
  });
  return getPracticeReview(context, practiceId);
}
