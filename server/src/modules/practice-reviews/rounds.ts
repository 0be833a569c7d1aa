import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { conflict, forbidden, invalid, notFound, notSignedIn } from '../../platform/problem';
import { loadVisibleNetwork } from '../networks/access';
import { networkMembers, networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { practiceOrganizations, practiceVersions, practices } from '../practices/schema';
import { editedBy, editsFor, loadEditedRound, loadVisibleRubric } from './access';
import type { RoundInput } from './review-fields';
import { assessReviews, compositesOf, loadReviews, presentComposite } from './review-state';
import { criteriaOf, presentRubric } from './rubrics';
import { practiceRubrics, reviewComposites, reviewRoundPractices, reviewRounds } from './schema';

const roundEditorRefusal = 'Туры экспертизы проводят оператор (по всему региону) и координаторы сети (в своей сети).';

export async function createRound(context: CommandContext, input: RoundInput) {
  const { db, actor } = context;
  if (!actor) throw notSignedIn();
  if (input.networkId) await loadVisibleNetwork(db, actor, input.networkId);
  if (!(await editsFor(db, actor, input.networkId))) throw forbidden(roundEditorRefusal);
  const rubric = await loadVisibleRubric(db, actor, input.rubricId);
  if (rubric.networkId && rubric.networkId !== input.networkId) {
    throw invalid('Тур не создан: критерии другой сети. Выберите критерии региона или своей сети.', [{ field: 'rubricId', message: 'Критерии другой сети' }]);
  }
  const round = await db.transaction(async (tx) => {
    const [row] = await tx.insert(reviewRounds).values({ ...input, createdBy: actor.userId }).returning();
    await recordAudit(tx, context, { action: 'review_round.created', entityType: 'review_round', entityId: row.id, after: row });
    return row;
  });
  return { ...round, rubricTitle: rubric.title };
}

/** Rounds the caller runs, with how many practices are in each and how many have a published composite. */
export async function listRounds(context: CommandContext) {
  const { db, actor } = context;
  if (!actor) throw notSignedIn();
  const rows = await db
    .select({
      id: reviewRounds.id,
      title: reviewRounds.title,
      rubricId: reviewRounds.rubricId,
      rubricTitle: practiceRubrics.title,
      networkId: reviewRounds.networkId,
      deadline: reviewRounds.deadline,
      disagreementThreshold: reviewRounds.disagreementThreshold,
      practiceCount: sql<number>`(select count(*)::int from ${reviewRoundPractices} where ${reviewRoundPractices.roundId} = ${reviewRounds.id})`,
      reviewedCount: sql<number>`(select count(*)::int from ${reviewComposites} where ${reviewComposites.roundId} = ${reviewRounds.id})`,
    })
    .from(reviewRounds)
    .innerJoin(practiceRubrics, eq(practiceRubrics.id, reviewRounds.rubricId))
    .where(editedBy(actor, reviewRounds.networkId))
    .orderBy(desc(reviewRounds.deadline), desc(reviewRounds.createdAt))
    .limit(200);
  return { items: rows.map((r) => ({ ...r, state: roundState(r.practiceCount, r.reviewedCount) })) };
}

/** A round is closed once every practice in it has its composite published. */
const roundState = (practiceCount: number, reviewedCount: number) => (practiceCount > 0 && reviewedCount === practiceCount ? 'closed' : 'open');

/** The round's page for its editor: the rubric, every practice with its assignments, state and composite. */
export async function getRound(context: CommandContext, id: string) {
  const { db, actor } = context;
  const round = await loadEditedRound(db, actor, id);
  const [rubric] = await db.select().from(practiceRubrics).where(eq(practiceRubrics.id, round.rubricId));
  const criteria = await criteriaOf(db, round.rubricId);
  const entries = await db
    .select({ practiceId: reviewRoundPractices.practiceId, versionId: reviewRoundPractices.versionId, title: practiceVersions.title, versionNumber: practiceVersions.number, direction: practiceVersions.direction })
    .from(reviewRoundPractices)
    .innerJoin(practiceVersions, eq(practiceVersions.id, reviewRoundPractices.versionId))
    .where(eq(reviewRoundPractices.roundId, id))
    .orderBy(asc(practiceVersions.title));
  const practiceIds = entries.map((e) => e.practiceId);
  const orgs = practiceIds.length
    ? await db
        .select({ practiceId: practiceOrganizations.practiceId, id: organizations.id, name: organizations.shortName })
        .from(practiceOrganizations)
        .innerJoin(organizations, eq(organizations.id, practiceOrganizations.organizationId))
        .where(inArray(practiceOrganizations.practiceId, practiceIds))
        .orderBy(asc(practiceOrganizations.position))
    : [];
  const reviews = await loadReviews(db, id, practiceIds);
  const composites = new Map((await compositesOf(db, id, practiceIds)).map((c) => [c.practiceId, c]));
  const roundRubric = await presentRubric(db, rubric);
  const items = entries.map((entry) => {
    const mine = reviews.filter((r) => r.practiceId === entry.practiceId);
    const composite = composites.get(entry.practiceId);
    const { state } = assessReviews(criteria, round.disagreementThreshold, mine, !!composite);
    return {
      ...entry,
      organizations: orgs.filter((o) => o.practiceId === entry.practiceId).map(({ id: orgId, name }) => ({ id: orgId, name })),
      state,
      assignments: mine.map(({ id: assignmentId, expert, role, state: assignmentState, submittedAt }) => ({ id: assignmentId, expert, role, state: assignmentState, submittedAt })),
      composite: composite ? presentComposite(composite, entry.versionNumber) : null,
    };
  });
  return { round: { ...round, rubricTitle: rubric.title, state: roundState(items.length, composites.size) }, rubric: roundRubric, practices: items };
}

/**
 * Puts a submitted practice into the round: its submitted version is what the experts review. A network's round takes
 * practices of its member organisations only. The practice shows «на экспертизе» from now on.
 */
export async function addRoundPractice(context: CommandContext, roundId: string, practiceId: string) {
  await context.db.transaction(async (tx) => {
    const round = await loadEditedRound(tx, context.actor, roundId, true);
    const [practice] = await tx.select().from(practices).where(eq(practices.id, practiceId)).for('update');
    if (!practice) throw notFound('Практика');
    const [version] = practice.workingVersionId ? await tx.select().from(practiceVersions).where(eq(practiceVersions.id, practice.workingVersionId)) : [];
    if (version?.state !== 'submitted') throw conflict('Практика не отправлена на экспертизу: в тур включают только отправленную авторами версию.');
    if (round.networkId) {
      const [member] = await tx
        .select({ id: practiceOrganizations.organizationId })
        .from(practiceOrganizations)
        .where(
          and(
            eq(practiceOrganizations.practiceId, practiceId),
            sql`(${practiceOrganizations.organizationId} in (select ${networkMembers.organizationId} from ${networkMembers} where ${networkMembers.networkId} = ${round.networkId} and ${networkMembers.state} = 'active')
              or ${practiceOrganizations.organizationId} = (select ${networks.managingOrganizationId} from ${networks} where ${networks.id} = ${round.networkId}))`,
          ),
        )
        .limit(1);
      if (!member) throw conflict('Практика не из этой сети: в тур сети включают практики её участников.');
    }
    const [added] = await tx.insert(reviewRoundPractices).values({ roundId, practiceId, versionId: version.id, addedBy: context.actor!.userId }).onConflictDoNothing().returning();
    if (!added) throw conflict('Практика уже в этом туре.');
    await tx.update(practices).set({ reviewStatus: 'in_review', reviewScore: null }).where(eq(practices.id, practiceId));
    await recordAudit(tx, context, { action: 'review_round.practice_added', entityType: 'review_round', entityId: roundId, after: { practiceId, versionId: version.id, reviewStatusBefore: practice.reviewStatus } });
  });
  return { roundId, practiceId };
}
