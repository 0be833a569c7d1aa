import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { uniqueViolation } from '../../platform/db/errors';
import { Problem, forbidden, invalid, notFound } from '../../platform/problem';
import { type DecisionRow, decisionContext, lockDecision, votingRulesOf } from './load';
import { councilPolicy, permit } from './policy';
import { presentDecision } from './present-meeting';
import { type voteChoices, votes } from './schema';

type VoteChoice = (typeof voteChoices)[number];

function refuseUnlessVoting(decision: Pick<DecisionRow, 'state'>) {
  if (decision.state === 'draft') throw new Problem(409, 'Голосование не открыто', 'Председатель ещё не открыл голосование по этому вопросу.');
  if (decision.state !== 'voting') throw new Problem(409, 'Голосование завершено', 'Голосование по этому вопросу завершено — голос больше не принимается и не меняется.');
}

const alreadyVoted = (unit: 'organization' | 'seat') =>
  unit === 'organization'
    ? new Problem(409, 'Организация уже проголосовала', 'От вашей организации уже подан голос по этому вопросу: одна организация — один голос. Изменить его может тот, кто голосовал.')
    : new Problem(409, 'Вы уже проголосовали', 'Вы уже подали голос по этому вопросу: один член совета — один голос. Его можно изменить до закрытия голосования.');

/**
 * Casts a vote through one of the caller's voting seats, by the rules fixed when the vote opened: under «one vote
 * per organisation» for the seat's organisation, under «one vote per seat» for the seat. The unique indexes are the
 * arbiter: of two people of one organisation voting at the same moment, one vote counts and the other gets 409.
 */
export async function castVote(context: CommandContext, decisionId: string, input: { choice: VoteChoice; organizationId?: string }) {
  const { decision, network, standing } = await decisionContext(context.db, context.actor, decisionId);
  permit(context.actor, councilPolicy.vote(standing), 'Голосуют члены совета с правом голоса от организаций — участников сети, у которых есть учётная запись.');
  const voting = standing.seats.filter((s) => s.voting);
  const represented = [...new Set(voting.map((s) => s.organizationId))];
  let seat: (typeof voting)[number];
  if (input.organizationId) {
    if (!represented.includes(input.organizationId)) throw forbidden('Вы не представляете эту организацию в совете.');
    seat = voting.find((s) => s.organizationId === input.organizationId)!;
  } else if (represented.length > 1) {
    throw invalid('Вы представляете в совете несколько организаций — укажите, от какой голосуете.', [{ field: 'organizationId', message: 'Выберите организацию' }]);
  } else {
    seat = voting[0];
  }
  refuseUnlessVoting(decision);
  const unit = (decision.rules ?? votingRulesOf(network)).voteUnit;

  const current = await context.db
    .transaction(async (tx) => {
      // A shared lock: votes go in side by side, closing the vote (an update lock) waits for them.
      const locked = await lockDecision(tx, decisionId, 'share');
      refuseUnlessVoting(locked);
      const lockedUnit = (locked.rules ?? votingRulesOf(network)).voteUnit;
      const [vote] = await tx.insert(votes).values({ decisionId, organizationId: seat.organizationId, councilMemberId: seat.id, unit: lockedUnit, choice: input.choice }).returning();
      await recordAudit(tx, context, { action: 'council.vote_cast', entityType: 'council_decision', entityId: decisionId, after: vote });
      return locked;
    })
    .catch((error: unknown) => {
      const violated = uniqueViolation(error);
      if (violated === 'council_votes_one_per_organization') throw alreadyVoted('organization');
      if (violated === 'council_votes_one_per_seat') throw alreadyVoted(unit === 'seat' ? 'seat' : 'organization');
      throw error;
    });
  return presentDecision(context.db, context.actor, current, standing);
}

/** Changes the vote cast through the caller's seat while voting is open (only the person who cast a vote may change it). */
export async function changeMyVote(context: CommandContext, decisionId: string, input: { choice: VoteChoice }) {
  const { standing } = await decisionContext(context.db, context.actor, decisionId);
  permit(context.actor, councilPolicy.vote(standing), 'Голосуют члены совета с правом голоса.');
  const seatIds = standing.seats.map((s) => s.id);
  const [existing] = await context.db
    .select()
    .from(votes)
    .where(and(eq(votes.decisionId, decisionId), inArray(votes.councilMemberId, seatIds)))
    .limit(1);
  permit(context.actor, !!existing, 'Изменить можно только поданный вами голос, а вы по этому вопросу ещё не голосовали.');
  return changeVote(context, decisionId, existing.organizationId, input, existing.councilMemberId);
}

/** Changes an organisation's vote while voting is open; only the person who cast it may. */
export async function changeVote(context: CommandContext, decisionId: string, organizationId: string | null, input: { choice: VoteChoice }, seatId?: string) {
  const { decision, standing } = await decisionContext(context.db, context.actor, decisionId);
  const [existing] = await context.db
    .select()
    .from(votes)
    .where(and(eq(votes.decisionId, decisionId), seatId ? eq(votes.councilMemberId, seatId) : organizationId ? eq(votes.organizationId, organizationId) : sql`false`))
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
      .where(and(eq(votes.decisionId, decisionId), eq(votes.councilMemberId, existing.councilMemberId)))
      .returning();
    if (!changed) throw notFound('Голос');
    await recordAudit(tx, context, { action: 'council.vote_changed', entityType: 'council_decision', entityId: decisionId, before: existing, after: changed });
    return locked;
  });
  return presentDecision(context.db, context.actor, current, standing);
}
