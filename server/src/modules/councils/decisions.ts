import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { activeMemberIds } from '../networks/access';
import { networks } from '../networks/schema';
import { notify } from '../notifications/notify';
import { type DecisionRow, decisionContext, lockDecision, lockMeeting, meetingContext, seatHolders } from './load';
import { refuseUnlessOpen } from './meeting-state';
import { councilPolicy, permit } from './policy';
import { presentDecision } from './present-meeting';
import { decisions, votes } from './schema';
import { tallyVotes } from './tally-votes';

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
    const [row] = await tx.update(decisions).set({ state: 'voting', openedAt: new Date() }).where(eq(decisions.id, decisionId)).returning();
    await recordAudit(tx, context, { action: 'council.voting_opened', entityType: 'council_decision', entityId: decisionId, before: decisionSnapshot(decision), after: decisionSnapshot(row) });
    const holders = await seatHolders(tx, network.id);
    await notify(
      tx,
      [...new Set(holders.map((h) => h.userId))].map((userId) => ({
        userId,
        kind: 'voting_opened' as const,
        title: `Открыто голосование: «${row.title}»`,
        body: `Совет сети «${network.name}». Голос подаёт член совета от каждой организации.`,
        link: `/networks/${network.id}/council/${row.meetingId}`,
        data: { decisionId, meetingId: row.meetingId },
      })),
    );
    return row;
  });
  return presentDecision(context.db, context.actor, opened, standing);
}

/**
 * voting → adopted | rejected. The tally counts the votes of organisations that are active members
 * when the vote closes, against the quorum and majority the network's regulation sets. The decision
 * row is locked, so a vote being cast right now is either in the tally or refused.
 */
export async function closeVoting(context: CommandContext, decisionId: string) {
  const { network, standing } = await decisionContext(context.db, context.actor, decisionId);
  permit(context.actor, councilPolicy.runVoting(standing), chairOnly);
  const closed = await context.db.transaction(async (tx) => {
    const decision = await lockDecision(tx, decisionId, 'update');
    if (decision.state === 'draft') throw new Problem(409, 'Голосование не открыто', 'Голосование по этому вопросу ещё не открыто.');
    if (decision.state !== 'voting') throw new Problem(409, 'Голосование завершено', 'Голосование по этому вопросу уже завершено.');
    const [rules] = await tx.select({ quorumPercent: networks.quorumPercent, majority: networks.majority }).from(networks).where(eq(networks.id, network.id));
    const eligible = new Set(await activeMemberIds(tx, network.id));
    const cast = await tx.select({ organizationId: votes.organizationId, choice: votes.choice }).from(votes).where(eq(votes.decisionId, decisionId));
    const tally = tallyVotes({
      eligible: eligible.size,
      choices: cast.filter((v) => eligible.has(v.organizationId)).map((v) => v.choice),
      quorumPercent: rules.quorumPercent,
      majority: rules.majority,
    });
    const [row] = await tx.update(decisions).set({ state: tally.outcome, result: tally, closedAt: new Date() }).where(eq(decisions.id, decisionId)).returning();
    await recordAudit(tx, context, { action: 'council.voting_closed', entityType: 'council_decision', entityId: decisionId, before: decisionSnapshot(decision), after: decisionSnapshot(row) });
    return row;
  });
  return presentDecision(context.db, context.actor, closed, standing);
}
