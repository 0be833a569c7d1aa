import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation } from '../../platform/db/errors';
import { Problem } from '../../platform/problem';
import type { FeedbackAnswer } from './feedback-fields';
import { type FeedbackSubject, feedbackResponses } from './schema';

export interface SurveySubject {
  kind: FeedbackSubject;
  id: string;
}

export const alreadyAnswered = () => new Problem(409, 'Ответ уже получен', 'Вы уже ответили на этот опрос. Спасибо! Один ответ принимается один раз.');

/**
 * Records one answer to a subject's survey, on behalf of `respondentId` (what one answer is per: a registration,
 * later a school in a monitoring period). The caller has decided that the actor may answer for the respondent; a
 * second answer — a double click, two devices — is a 409 by the unique key, and nothing changes.
 */
export async function recordFeedback(context: CommandContext, subject: SurveySubject, respondentId: string, answer: FeedbackAnswer) {
  return context.db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(feedbackResponses)
        .values({ subjectKind: subject.kind, subjectId: subject.id, respondentId, answeredBy: context.actor?.userId ?? null, rating: answer.rating, comment: answer.comment ?? '' })
        .returning();
      await recordAudit(tx, context, { action: 'feedback.submitted', entityType: subject.kind, entityId: subject.id, after: { id: row.id, rating: row.rating } });
      return row;
    })
    .catch((error: unknown) => {
      if (uniqueViolation(error) === 'feedback_responses_one_per_respondent') throw alreadyAnswered();
      throw error;
    });
}

export interface FeedbackResults {
  count: number;
  /** Mean rating to one decimal; null without answers. */
  average: number | null;
  /** How many answers gave each rating, 1 to 5. */
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
  /** The comments, without names: the survey is anonymous to whoever reads its results. */
  comments: { rating: number; comment: string; createdAt: Date }[];
}

/** A subject's results for whoever may read them (the caller decides who); the monitoring area reads the same. */
export async function feedbackResults(db: Database, subject: SurveySubject): Promise<FeedbackResults> {
  const where = and(eq(feedbackResponses.subjectKind, subject.kind), eq(feedbackResponses.subjectId, subject.id));
  const counts = await db
    .select({ rating: feedbackResponses.rating, n: sql<number>`count(*)::int` })
    .from(feedbackResponses)
    .where(where)
    .groupBy(feedbackResponses.rating);
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as FeedbackResults['distribution'];
  for (const { rating, n } of counts) distribution[rating as 1] = n;
  const count = counts.reduce((sum, c) => sum + c.n, 0);
  const total = counts.reduce((sum, c) => sum + c.rating * c.n, 0);
  const comments = await db
    .select({ rating: feedbackResponses.rating, comment: feedbackResponses.comment, createdAt: feedbackResponses.createdAt })
    .from(feedbackResponses)
    .where(and(where, sql`${feedbackResponses.comment} <> ''`))
    .orderBy(asc(feedbackResponses.createdAt))
    .limit(500);
  return { count, average: count ? Math.round((total / count) * 10) / 10 : null, distribution, comments };
}

/** The answers a person gave for respondents of a subject (their own registration, their child's). */
export async function answersFor(db: Database, subject: SurveySubject, respondentIds: string[]) {
  if (!respondentIds.length) return [];
  return db
    .select({ respondentId: feedbackResponses.respondentId, rating: feedbackResponses.rating, comment: feedbackResponses.comment, createdAt: feedbackResponses.createdAt })
    .from(feedbackResponses)
    .where(and(eq(feedbackResponses.subjectKind, subject.kind), eq(feedbackResponses.subjectId, subject.id), inArray(feedbackResponses.respondentId, respondentIds)));
}
