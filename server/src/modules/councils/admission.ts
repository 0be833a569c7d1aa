import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { localDate } from '../../platform/dates';
import type { Database } from '../../platform/db/client';
import { type NetworkRow, organizationHeads } from '../networks/access';
import { networkMembers } from '../networks/schema';
import { notify } from '../notifications/notify';
import { organizations } from '../organizations/schema';
import type { DecisionRow } from './load';
import { decisions, meetings } from './schema';

const roleWords: Record<string, string> = { base: 'базовой организации', leader: 'школы-лидера', satellite: 'школы-спутника', member: 'участника', partner: 'партнёра' };

/**
 * When the regulation says the council admits new members (networks.admission = 'council'), every pending
 * request to join that is not yet before the council becomes a decision on the next planned meeting (the earliest
 * one), and a line of its agenda. Called inside the transaction that files a request or schedules a meeting; a
 * request whose meeting was cancelled or closed without a vote goes onto the next meeting the same way.
 */
export async function placeAdmissionsOnAgenda(tx: Database, context: CommandContext, network: Pick<NetworkRow, 'id' | 'admission'>) {
  if (network.admission !== 'council') return;
  const [meeting] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.networkId, network.id), eq(meetings.state, 'planned')))
    .orderBy(asc(meetings.startsAt))
    .limit(1)
    .for('update');
  if (!meeting) return;
  const requests = await tx
    .select({ member: networkMembers, shortName: organizations.shortName, fullName: organizations.fullName })
    .from(networkMembers)
    .innerJoin(organizations, eq(organizations.id, networkMembers.organizationId))
    .where(and(eq(networkMembers.networkId, network.id), eq(networkMembers.state, 'requested')));
  if (!requests.length) return;
  // Requests already before the council: an open decision (draft or voting) in a meeting still open.
  const before = await tx
    .select({ memberId: sql<string>`${decisions.subject}->>'networkMemberId'` })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .where(and(eq(meetings.networkId, network.id), inArray(meetings.state, ['planned', 'held']), inArray(decisions.state, ['draft', 'voting']), sql`${decisions.subject}->>'kind' = 'admission'`));
  const placed = new Set(before.map((b) => b.memberId));
  const agenda = [...meeting.agenda];
  for (const { member, shortName, fullName } of requests) {
    if (placed.has(member.id)) continue;
    const title = `О приёме в сеть: «${shortName}»`;
    const text = `Принять ${fullName} в сеть в качестве ${roleWords[member.role] ?? 'участника'}.${member.message ? ` Заявка: «${member.message}»` : ''}`;
    const [row] = await tx
      .insert(decisions)
      .values({ meetingId: meeting.id, title, text, subject: { kind: 'admission', networkMemberId: member.id, organizationId: member.organizationId } })
      .returning();
    await recordAudit(tx, context, { action: 'council.decision_added', entityType: 'council_decision', entityId: row.id, after: { meetingId: row.meetingId, title, text, state: row.state, subject: row.subject } });
    agenda.push(title);
  }
  if (agenda.length !== meeting.agenda.length) {
    await tx.update(meetings).set({ agenda }).where(eq(meetings.id, meeting.id));
    await recordAudit(tx, context, { action: 'council.agenda_extended', entityType: 'council_meeting', entityId: meeting.id, before: { agenda: meeting.agenda }, after: { agenda } });
  }
}

/**
 * The membership follows the council's vote, in the transaction that closed it: adopted — the organisation is an
 * active member from today; rejected — the request is declined. A request withdrawn or answered meanwhile stays as it is.
 */
export async function settleAdmission(tx: Database, context: CommandContext, decision: DecisionRow) {
  if (decision.subject?.kind !== 'admission') return;
  const adopted = decision.state === 'adopted';
  const [pending] = await tx.select().from(networkMembers).where(eq(networkMembers.id, decision.subject.networkMemberId)).for('update');
  if (!pending || pending.state !== 'requested') return;
  const [answered] = await tx
    .update(networkMembers)
    .set({ state: adopted ? 'active' : 'declined', joinedOn: adopted ? localDate(new Date()) : null, decidedBy: context.actor?.userId ?? null, decidedAt: new Date() })
    .where(and(eq(networkMembers.id, pending.id), eq(networkMembers.state, 'requested')))
    .returning();
  await recordAudit(tx, context, {
    action: adopted ? 'network.member_accepted' : 'network.member_declined',
    entityType: 'network_member',
    entityId: pending.id,
    before: pending,
    after: { ...answered, byCouncilDecision: decision.id },
  });
  const heads = await organizationHeads(tx, [pending.organizationId]);
  await notify(
    tx,
    heads.map((h) => ({
      userId: h.userId,
      kind: 'network_request' as const,
      title: adopted ? 'Совет сети принял вашу организацию в сеть' : 'Совет сети отклонил заявку вашей организации',
      body: `Решение «${decision.title}» ${adopted ? 'принято' : 'не принято'} на заседании совета.`,
      link: `/networks/${pending.networkId}`,
      data: { memberId: pending.id, networkId: pending.networkId },
    })),
  );
}
