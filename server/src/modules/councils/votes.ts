import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { uniqueViolation } from '../../platform/db/errors';
import { Problem, forbidden, invalid, notFound } from '../../platform/problem';
import { type DecisionRow, decisionContext, lockDecision } from './load';
import { councilPolicy, permit } from './policy';
import { presentDecision } from './present-meeting';
import { type voteChoices, votes } from './schema';

type VoteChoice = (typeof voteChoices)[number];

function refuseUnlessVoting(decision: Pick<DecisionRow, 'state'>) {
  if (decision.state === 'draft') throw new Problem(409, 'Голосование не открыто', 'Председатель ещё не открыл голосование по этому вопросу.');
  if (decision.state !== 'voting') throw new Problem(409, 'Голосование завершено', 'Голосование по этому вопросу завершено — голос больше не принимается и не меняется.');
}

const alreadyVoted = () =>
  new Problem(409, 'Организация уже проголосовала', 'От вашей организации уже подан голос по этому вопросу: одна организация — один голос. Изменить его может тот, кто голосовал.');

/**
 * Casts the vote of the caller's organisation. The unique index (decision, organisation) is the
 * arbiter: of two people of one organisation voting at the same moment, one vote counts and the other gets 409.
 */
export async function castVote(context: CommandContext, decisionId: string, input: { choice: VoteChoice; organizationId?: string }) {
  const { decision, standing } = await decisionContext(context.db, context.actor, decisionId);
  permit(context.actor, councilPolicy.vote(standing), 'Голосуют члены совета от организаций — участников сети, у которых есть учётная запись.');
  const represented = [...new Set(standing.seats.map((s) => s.organizationId))];
  let organizationId: string;
  if (input.organizationId) {
    if (!represented.includes(input.organizationId)) throw forbidden('Вы не представляете эту организацию в совете.');
    organizationId = input.organizationId;
  } else if (represented.length > 1) {
    throw invalid('Вы представляете в совете несколько организаций — укажите, от какой голосуете.', [{ field: 'organizationId', message: 'Выберите организацию' }]);
  } else {
    organizationId = represented[0];
  }
  const seat = standing.seats.find((s) => s.organizationId === organizationId)!;
  refuseUnlessVoting(decision);

  const current = await context.db
    .transaction(async (tx) => {
      // A shared lock: votes go in side by side, closing the vote (an update lock) waits for them.
      const locked = await lockDecision(tx, decisionId, 'share');
      refuseUnlessVoting(locked);
      const [vote] = await tx.insert(votes).values({ decisionId, organizationId, councilMemberId: seat.id, choice: input.choice }).returning();
      await recordAudit(tx, context, { action: 'council.vote_cast', entityType: 'council_decision', entityId: decisionId, after: vote });
      return locked;
    })
    .catch((error: unknown) => {
      if (uniqueViolation(error) === 'council_votes_one_per_organization') throw alreadyVoted();
      throw error;
    });
  return presentDecision(context.db, context.actor, current, standing);
}

/** Changes an organisation's vote while voting is open; only the person who cast it may. */
export async function changeVote(context: CommandContext, decisionId: string, organizationId: string, input: { choice: VoteChoice }) {
  const { decision, standing } = await decisionContext(context.db, context.actor, decisionId);
  const [existing] = await context.db
    .select()
    .from(votes)
    .where(and(eq(votes.decisionId, decisionId), eq(votes.organizationId, organizationId)))
    .limit(1);
  if (!existing) throw notFound('Голос');
  permit(context.actor, standing.seats.some((s) => s.id === existing.councilMemberId), 'Изменить голос может только тот, кто его подал.');
  refuseUnlessVoting(decision);

  const current = await context.db.transaction(async (tx) => {
    const locked = await lockDecision(tx, decisionId, 'share');
    refuseUnlessVoting(locked);
    const [changed] = await tx
      .update(votes)
      .set({ choice: input.choice, castAt: new Date() })
      .where(and(eq(votes.decisionId, decisionId), eq(votes.organizationId, organizationId), eq(votes.councilMemberId, existing.councilMemberId)))
      .returning();
    if (!changed) throw notFound('Голос');
    await recordAudit(tx, context, { action: 'council.vote_changed', entityType: 'council_decision', entityId: decisionId, before: existing, after: changed });
    return locked;
  });
  return presentDecision(context.db, context.actor, current, standing);
}
