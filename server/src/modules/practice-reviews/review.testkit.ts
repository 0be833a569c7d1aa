import { eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/app';
import { nextSerial } from '../../../test/policy-matrix';
import { userRoles, users } from '../accounts/schema';
import { createPractice } from '../practices/create-practice';
import { practiceInput } from '../practices/practice.testkit';
import { publishPractice } from '../practices/publish-practice';
import type { PracticeInput } from '../practices/practice-fields';
import { practices } from '../practices/schema';
import { submitPractice } from '../practices/submit-practice';
import type { RubricInput } from './review-fields';
import { practiceRubrics, reviewAssignments, reviewComposites, reviewRoundPractices, reviewRounds, reviewScores, rubricCriteria } from './schema';

/** Two criteria: relevance on 0–4 and novelty on 0–2 that may be «не применимо», weights 2 and 1. */
export const rubricInput = (networkId: string | null = null): RubricInput => ({
  title: `Критерии экспертизы ${nextSerial()}`,
  networkId,
  criteria: [
    { title: 'Актуальность', description: 'Решает ли практика важную проблему', scaleMin: 0, scaleMax: 4, descriptors: [{ score: 0, text: 'Проблема не названа' }, { score: 4, text: 'Проблема важна для региона' }], allowsNotApplicable: false, weight: 2 },
    { title: 'Новизна', description: '', scaleMin: 0, scaleMax: 2, descriptors: [], allowsNotApplicable: true, weight: 1 },
  ],
});

export async function insertRubric(t: TestApp, networkId: string | null = null) {
  const input = rubricInput(networkId);
  const [rubric] = await t.handle.db.insert(practiceRubrics).values({ title: input.title, networkId }).returning();
  const criteria = await t.handle.db
    .insert(rubricCriteria)
    .values(input.criteria.map((c, position) => ({ ...c, rubricId: rubric.id, position })))
    .returning();
  return { rubric, criteria };
}

/** A practice of `organizationId` submitted for review (as the operator), with its submitted version id. */
export async function submittedPractice(t: TestApp, organizationId: string, input: Partial<PracticeInput> = {}) {
  const context = { db: t.handle.db, actor: t.fixtures.actors.operator, ip: null };
  const created = await createPractice(context, practiceInput(organizationId, input));
  const submitted = await submitPractice(context, created.id, created.version);
  return { id: submitted.id, versionId: submitted.working!.id, version: submitted.version };
}

/** A round (of `networkId`, or region-wide) with one submitted practice of `organizationId` in it. */
export async function roundWithPractice(t: TestApp, organizationId: string, networkId: string | null = null, threshold = 25) {
  const { rubric, criteria } = await insertRubric(t);
  const [round] = await t.handle.db
    .insert(reviewRounds)
    .values({ title: `Тур ${nextSerial()}`, rubricId: rubric.id, networkId, deadline: '2027-03-01', disagreementThreshold: threshold })
    .returning();
  const practice = await submittedPractice(t, organizationId);
  await t.handle.db.insert(reviewRoundPractices).values({ roundId: round.id, practiceId: practice.id, versionId: practice.versionId });
  await t.handle.db.update(practices).set({ reviewStatus: 'in_review' }).where(eq(practices.id, practice.id));
  return { round, rubric, criteria, practice, organizationId };
}

/** A new account with the expert role. */
export async function newExpert(t: TestApp, fullName = `Эксперт ${nextSerial()}`) {
  const [user] = await t.handle.db.insert(users).values({ email: `expert-${nextSerial()}-${Date.now()}@test.orbita`, fullName }).returning();
  await t.handle.db.insert(userRoles).values({ userId: user.id, role: 'expert' });
  return user;
}

type Setup = Awaited<ReturnType<typeof roundWithPractice>>;

/** An assignment written straight into the table; with `scores` ([relevance, novelty]) it is submitted. */
export async function insertAssignment(t: TestApp, setup: Setup, expertId: string, role: 'first' | 'second' | 'third', scores?: [number, number | null]) {
  const [assignment] = await t.handle.db
    .insert(reviewAssignments)
    .values({ roundId: setup.round.id, practiceId: setup.practice.id, versionId: setup.practice.versionId, expertId, role, ...(scores ? { state: 'submitted' as const, submittedAt: new Date() } : {}) })
    .returning();
  if (scores) {
    await t.handle.db.insert(reviewScores).values(setup.criteria.map((c, i) => ({ assignmentId: assignment.id, criterionId: c.id, score: scores[i], comment: `Комментарий к «${c.title}»` })));
  }
  return assignment;
}

/** A published practice of `organizationId` with a published composite of its reviewed version (as if reviewed). */
export async function reviewedPractice(t: TestApp, organizationId: string) {
  const setup = await roundWithPractice(t, organizationId);
  const context = { db: t.handle.db, actor: t.fixtures.actors.operator, ip: null };
  await publishPractice(context, setup.practice.id, setup.practice.version);
  await t.handle.db.insert(reviewComposites).values({
    roundId: setup.round.id,
    practiceId: setup.practice.id,
    versionId: setup.practice.versionId,
    score: 75,
    criteria: setup.criteria.map((c) => ({ criterionId: c.id, title: c.title, weight: c.weight, score: 75, comments: ['Хорошо описано'] })),
    expertCount: 2,
  });
  await t.handle.db.update(practices).set({ reviewStatus: 'reviewed', reviewScore: 75 }).where(eq(practices.id, setup.practice.id));
  return setup;
}
