import { asc, count, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { conflict, forbidden, notSignedIn } from '../../platform/problem';
import { loadVisibleNetwork } from '../networks/access';
import { editsFor, loadVisibleRubric, visibleRubrics } from './access';
import type { RubricInput } from './review-fields';
import { practiceRubrics, reviewRounds, rubricCriteria } from './schema';

export type RubricRow = typeof practiceRubrics.$inferSelect;
export type CriterionRow = typeof rubricCriteria.$inferSelect;

const editorRefusal = 'Критерии экспертизы ведут оператор (для всего региона) и координаторы сети (для своей сети).';

export async function criteriaOf(db: Database, rubricId: string): Promise<CriterionRow[]> {
  return db.select().from(rubricCriteria).where(eq(rubricCriteria.rubricId, rubricId)).orderBy(asc(rubricCriteria.position));
}

/** A rubric as the API shows it, with how many rounds use it (a used one is no longer changed). */
export async function presentRubric(db: Database, rubric: RubricRow) {
  const criteria = await criteriaOf(db, rubric.id);
  const [{ rounds }] = await db.select({ rounds: count() }).from(reviewRounds).where(eq(reviewRounds.rubricId, rubric.id));
  return {
    id: rubric.id,
    title: rubric.title,
    networkId: rubric.networkId,
    version: rubric.version,
    createdAt: rubric.createdAt,
    usedByRounds: rounds,
    criteria: criteria.map(({ rubricId: _rubric, position: _position, ...criterion }) => criterion),
  };
}

/** The editor may keep rubrics of this network (or region-wide ones), which they must see first. */
async function authorizeEditor(context: CommandContext, networkId: string | null) {
  const { db, actor } = context;
  if (!actor) throw notSignedIn();
  if (networkId) await loadVisibleNetwork(db, actor, networkId);
  if (!(await editsFor(db, actor, networkId))) throw forbidden(editorRefusal);
  return actor;
}

const criterionRows = (rubricId: string, input: RubricInput) => input.criteria.map((c, position) => ({ ...c, rubricId, position }));

export async function createRubric(context: CommandContext, input: RubricInput) {
  const actor = await authorizeEditor(context, input.networkId);
  const rubric = await context.db.transaction(async (tx) => {
    const [row] = await tx.insert(practiceRubrics).values({ title: input.title, networkId: input.networkId, createdBy: actor.userId }).returning();
    await tx.insert(rubricCriteria).values(criterionRows(row.id, input));
    await recordAudit(tx, context, { action: 'practice_rubric.created', entityType: 'practice_rubric', entityId: row.id, after: input });
    return row;
  });
  return presentRubric(context.db, rubric);
}

/** Rewrites a rubric no round uses yet (a round's scores must keep meaning what they meant). */
export async function updateRubric(context: CommandContext, id: string, input: RubricInput & { version: number }) {
  const rubric = await context.db.transaction(async (tx) => {
    const seen = await loadVisibleRubric(tx, context.actor, id);
    await authorizeEditor({ ...context, db: tx }, seen.networkId);
    await authorizeEditor({ ...context, db: tx }, input.networkId);
    const [current] = await tx.select().from(practiceRubrics).where(eq(practiceRubrics.id, id)).for('update');
    if (current.version !== input.version) throw conflict('Критерии уже изменил другой пользователь. Обновите страницу и внесите правки ещё раз.');
    const [used] = await tx.select({ id: reviewRounds.id }).from(reviewRounds).where(eq(reviewRounds.rubricId, id)).limit(1);
    if (used) throw conflict('Критерии уже используются в туре экспертизы и не меняются: оценки должны значить то, что значили. Создайте новые критерии.');
    const before = { ...current, criteria: await criteriaOf(tx, id) };
    await tx.delete(rubricCriteria).where(eq(rubricCriteria.rubricId, id));
    await tx.insert(rubricCriteria).values(criterionRows(id, input));
    const [after] = await tx
      .update(practiceRubrics)
      .set({ title: input.title, networkId: input.networkId, version: current.version + 1, updatedAt: context.now ?? new Date() })
      .where(eq(practiceRubrics.id, id))
      .returning();
    await recordAudit(tx, context, { action: 'practice_rubric.updated', entityType: 'practice_rubric', entityId: id, before, after: { ...after, criteria: input.criteria } });
    return after;
  });
  return presentRubric(context.db, rubric);
}

export async function getRubric(context: CommandContext, id: string) {
  return presentRubric(context.db, await loadVisibleRubric(context.db, context.actor, id));
}

export async function listRubrics(context: CommandContext) {
  const { db, actor } = context;
  if (!actor) throw notSignedIn();
  const rows = await db.select().from(practiceRubrics).where(visibleRubrics(actor)).orderBy(desc(practiceRubrics.createdAt)).limit(200);
  return { items: await Promise.all(rows.map((r) => presentRubric(db, r))) };
}
