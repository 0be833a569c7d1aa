import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import type { Database } from '../../platform/db/client';
import { networks } from '../networks/schema';
import { notify } from '../notifications/notify';
import { type DecisionRow, decisionContext, lockDecision, lockMeeting, meetingContext, seatHolders, votingRulesOf, votingSeats } from './load';
import { settleAdmission } from './admission';
import { refuseUnlessOpen } from './meeting-state';
import { councilPolicy, permit } from './policy';
import { presentDecision } from './present-meeting';
import { decisions, meetingAttendance, votes } from './schema';
import { type TallySeat, tallyVotes } from './tally-votes';

const decisionSnapshot = (d: DecisionRow) => ({ meetingId: d.meetingId, title: d.title, text: d.text, state: d.state, result: d.result, openedAt: d.openedAt, closedAt: d.closedAt });
const chairOnly = 'Голосование открывает и закрывает председатель совета.';

/** Puts a question on the meeting's list of decisions (a draft until the chair opens the vote). */
export async function addDecision(context: CommandContext, meetingId: string, input: { title: string; text: string }) {
  const { meeting, standing } = await meetingContext(context.db, context.actor, meetingId);
  permit(context.actor, councilPolicy.addDecision(standing), 'Вопрос на голосование вносит координатор сети, председатель или секретарь совета.');
  refuseUnlessOpen(meeting, 'добавлять вопросы');
  const created = await context.db.transaction(async (tx) => {
    refuseUnlessOpen(await lockMeeting(tx, meetingId, 'share'), 'добавлять вопросы');
    const [row] = await tx.insert(decisions).values({ meetingId, title: input.title, text: input.text }).returning();
    await recordAudit(tx, context, { action: 'council.decision_added', entityType: 'council_decision', entityId: row.id, after: decisionSnapshot(row) });
    return row;
  });
  return presentDecision(context.db, context.actor, created, standing);
}

/** draft → voting. */
export async function openVoting(context: CommandContext, decisionId: string) {
  const { network, standing } = await decisionContext(context.db, context.actor, decisionId);
  permit(context.actor, councilPolicy.runVoting(standing), chairOnly);
  const opened = await context.db.transaction(async (tx) => {
    const decision = await lockDecision(tx, decisionId, 'update');
    refuseUnlessOpen(await lockMeeting(tx, decision.meetingId, 'share'), 'открывать голосование');
    if (decision.state === 'voting') throw new Problem(409, 'Голосование уже открыто', 'Голосование по этому вопросу уже открыто.');
    if (decision.state !== 'draft') throw new Problem(409, 'Голосование завершено', 'Голосование по этому вопросу уже завершено.');
    // The rules are fixed now: a regulation changed while the vote is open does not change how it is counted.
    const [current] = await tx.select().from(networks).where(eq(networks.id, network.id));
    const [row] = await tx.update(decisions).set({ state: 'voting', openedAt: new Date(), rules: votingRulesOf(current) }).where(eq(decisions.id, decisionId)).returning();
    await recordAudit(tx, context, { action: 'council.voting_opened', entityType: 'council_decision', entityId: decisionId, before: decisionSnapshot(decision), after: decisionSnapshot(row) });
    const holders = await seatHolders(tx, network.id);
    await notify(
      tx,
      [...new Set(holders.map((h) => h.userId))].map((userId) => ({
        userId,
        kind: 'voting_opened' as const,
        title: `Открыто голосование: «${row.title}»`,
        body: `Совет сети «${network.name}». ${row.rules?.voteUnit === 'seat' ? 'Голос подаёт каждый член совета с правом голоса.' : 'Голос подаёт член совета от каждой организации.'}`,
        link: `/networks/${network.id}/council/${row.meetingId}`,
        data: { decisionId, meetingId: row.meetingId },
      })),
    );
    return row;
  });
  return presentDecision(context.db, context.actor, opened, standing);
}

/**
 * voting → adopted | rejected. The tally (tally-votes.ts) counts the council's voting seats now (votingSeats),
 * their attendance at the meeting and their votes, by the rules fixed when the vote opened. The decision row is
 * locked, so a vote being cast right now is either in the tally or refused. An adopted decision with a subject
 * (admission of a member) takes effect in the same transaction.
 */
export async function closeVoting(context: CommandContext, decisionId: string) {
  const { network, standing } = await decisionContext(context.db, context.actor, decisionId);
  permit(context.actor, councilPolicy.runVoting(standing), chairOnly);
  const closed = await context.db.transaction(async (tx) => {
    const decision = await lockDecision(tx, decisionId, 'update');
    if (decision.state === 'draft') throw new Problem(409, 'Голосование не открыто', 'Голосование по этому вопросу ещё не открыто.');
    if (decision.state !== 'voting') throw new Problem(409, 'Голосование завершено', 'Голосование по этому вопросу уже завершено.');
    const [current] = await tx.select().from(networks).where(eq(networks.id, network.id));
    const rules = decision.rules ?? votingRulesOf(current);
    const tally = tallyVotes(await tallySeats(tx, network.id, decision), rules);
    const [row] = await tx.update(decisions).set({ state: tally.outcome, result: tally, closedAt: new Date() }).where(eq(decisions.id, decisionId)).returning();
    await recordAudit(tx, context, { action: 'council.voting_closed', entityType: 'council_decision', entityId: decisionId, before: decisionSnapshot(decision), after: decisionSnapshot(row) });
    if (row.subject?.kind === 'admission') await settleAdmission(tx, context, row);
    return row;
  });
  return presentDecision(context.db, context.actor, closed, standing);
}

/** The council's voting seats with their attendance at the decision's meeting and the votes they cast on it. */
export async function tallySeats(db: Database, networkId: string, decision: Pick<DecisionRow, 'id' | 'meetingId'>): Promise<TallySeat[]> {
  const seats = await votingSeats(db, networkId);
  const attendance = await db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, decision.meetingId));
  const present = new Set(attendance.filter((a) => a.attended === true).map((a) => a.councilMemberId));
  const cast = await db.select({ councilMemberId: votes.councilMemberId, choice: votes.choice }).from(votes).where(eq(votes.decisionId, decision.id));
  const choiceOf = new Map(cast.map((v) => [v.councilMemberId, v.choice]));
  return seats.map((s) => ({ seatId: s.id, organizationId: s.organizationId, chair: s.role === 'chair', present: present.has(s.id), choice: choiceOf.get(s.id) ?? null }));
}
