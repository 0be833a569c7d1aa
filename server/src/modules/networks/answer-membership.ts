import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { localDate } from '../../platform/dates';
import { authorize } from '../../platform/policy';
import { Problem, notFound } from '../../platform/problem';
import { settleDocumentsAfterMembershipChange } from '../documents/settle-documents';
import { loadVisibleNetwork } from './access';
import { networkPolicy } from './policy';
import { networkMembers } from './schema';

type Answer = 'accept' | 'decline';

const alreadyAnswered = () => new Problem(409, 'Уже рассмотрено', 'На это приглашение (заявку) уже ответили.');

/**
 * The other side answers: the invited organisation's head answers an invitation, the coordinator a request.
 * The update only applies while the relation is still pending, so a double click or two answerers act once.
 */
export async function answerMembership(context: CommandContext, memberId: string, answer: Answer) {
  const [pending] = await context.db.select().from(networkMembers).where(eq(networkMembers.id, memberId)).limit(1);
  if (!pending) throw notFound('Приглашение или заявка');
  const network = await loadVisibleNetwork(context.db, context.actor, pending.networkId, 'Приглашение или заявка');
  if (pending.state !== 'invited' && pending.state !== 'requested') throw alreadyAnswered();
  if (pending.state === 'requested' && network.admission === 'council') {
    throw new Problem(
      409,
      'Заявку рассматривает совет',
      'По положению сети новых участников принимает координационный совет: заявка вынесена на ближайшее заседание совета, и участие начнётся, если совет примет решение.',
    );
  }
  authorize(context.actor, (actor) =>
    pending.state === 'invited' ? networkPolicy.actForOrganization(actor, pending.organizationId) : networkPolicy.manage(actor, network),
  );
  return context.db.transaction(async (tx) => {
    const [answered] = await tx
      .update(networkMembers)
      .set({
        state: answer === 'accept' ? 'active' : 'declined',
        joinedOn: answer === 'accept' ? localDate(new Date()) : null,
        decidedBy: context.actor!.userId,
        decidedAt: new Date(),
      })
      .where(and(eq(networkMembers.id, memberId), inArray(networkMembers.state, ['invited', 'requested'])))
      .returning();
    if (!answered) throw alreadyAnswered();
    await recordAudit(tx, context, { action: `network.member_${answer === 'accept' ? 'accepted' : 'declined'}`, entityType: 'network_member', entityId: memberId, before: pending, after: answered });
    return answered;
  });
}

/** The organisation's head leaves, or the coordinator removes it; the managing organisation stays. */
export async function leaveNetwork(context: CommandContext, memberId: string) {
  const [member] = await context.db.select().from(networkMembers).where(eq(networkMembers.id, memberId)).limit(1);
  if (!member) throw notFound('Участник сети');
  const network = await loadVisibleNetwork(context.db, context.actor, member.networkId, 'Участник сети');
  authorize(context.actor, (actor) => networkPolicy.manage(actor, network) || networkPolicy.actForOrganization(actor, member.organizationId));
  if (member.organizationId === network.managingOrganizationId) {
    throw new Problem(409, 'Нельзя выйти из сети', 'Управляющая организация не может выйти из сети: сначала передайте управление другому участнику.');
  }
  return context.db.transaction(async (tx) => {
    const [left] = await tx
      .update(networkMembers)
      .set({ state: 'left', leftOn: localDate(new Date()), decidedBy: context.actor!.userId, decidedAt: new Date() })
      .where(and(eq(networkMembers.id, memberId), eq(networkMembers.state, 'active')))
      .returning();
    if (!left) throw new Problem(409, 'Организация не участвует в сети', 'Организация уже вышла из сети или ещё не принята.');
    await recordAudit(tx, context, { action: 'network.member_left', entityType: 'network_member', entityId: memberId, before: member, after: left });
    // A document that waited only for this member's signature is now signed by every remaining party.
    await settleDocumentsAfterMembershipChange(tx, context, member.networkId);
    return left;
  });
}
