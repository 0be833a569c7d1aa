import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { Problem, invalid } from '../../platform/problem';
import { memberships, users } from '../accounts/schema';
import { activeMemberIds, loadVisibleNetwork } from '../networks/access';
import { type NetworkRow } from '../networks/access';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import type { InvitationOptions } from '../people/invite-person';
import { issueSeatInvitation } from '../people/seat-invitations';
import type { CouncilMemberRow } from './load';
import { loadStanding } from './load';
import { councilPolicy, permit } from './policy';
import { memberSnapshot, presentCouncilMember } from './present';
import { type CouncilRole, type SeatKind, councilMembers, meetingAttendance, meetings } from './schema';
import { seatDescription } from './seats';

export interface NewCouncilMember {
  kind: SeatKind;
  fullName: string;
  position: string;
  /** A representative's member organisation; none for a seat outside the member organisations. */
  organizationId?: string | null;
  /** A representative's account (staff of the organisation); a seat outside gets its account through `email`. */
  userId?: string | null;
  /** What a seat outside the member organisations stands for: the enterprise, the association, «обучающийся 10 класса». */
  affiliation: string;
  role: CouncilRole;
  /** A deciding vote (true) or an advisory one, as the regulation says; by default deciding for representatives, advisory for the others. */
  voting?: boolean;
  /** For a seat outside the member organisations: send an invitation to this address to make the person an account. */
  email?: string | null;
  /** For a pupil: the coordinator confirms the parents' consent to the processing of the pupil's data. */
  consentConfirmed?: boolean;
}

const occupied = (role: 'chair' | 'secretary', holder: string) =>
  new Problem(409, role === 'chair' ? 'Председатель уже назначен' : 'Секретарь уже назначен', `В совете уже есть ${role === 'chair' ? 'председатель' : 'секретарь'}: ${holder}. Сначала исключите его из совета, затем назначьте нового.`, {
    errors: [{ field: 'role', message: `${role === 'chair' ? 'Председатель' : 'Секретарь'} уже есть: ${holder}` }],
  });

/** The checks on who a seat is for, before anything is written (422 with the field to fix). */
function checkSeat(input: NewCouncilMember) {
  if (input.kind === 'representative') {
    if (!input.organizationId) throw invalid('Представитель организации-участника: выберите организацию.', [{ field: 'organizationId', message: 'Выберите организацию — участника сети' }]);
    if (input.email) throw invalid('Сотрудника организации приглашает её руководитель; в совет выберите его учётную запись.', [{ field: 'email', message: 'Для представителя организации выберите учётную запись' }]);
    return;
  }
  if (input.organizationId) throw invalid('Место для человека вне организаций-участников не привязывается к организации.', [{ field: 'organizationId', message: 'Уберите организацию или выберите «представитель организации»' }]);
  if (input.userId) throw invalid('Учётная запись появится, когда человек примет приглашение по почте.', [{ field: 'userId', message: 'Укажите адрес почты для приглашения' }]);
  if ((input.kind === 'enterprise' || input.kind === 'public') && !input.affiliation.trim()) {
    throw invalid('Укажите, кого представляет член совета.', [{ field: 'affiliation', message: input.kind === 'enterprise' ? 'Название предприятия' : 'Название общественного объединения' }]);
  }
  if (input.kind === 'pupil') {
    if (input.role !== 'member') throw invalid('Председателем и секретарём совета обучающийся не назначается.', [{ field: 'role', message: 'Обучающийся — член совета' }]);
    if (!input.consentConfirmed) {
      throw invalid('Обучающийся входит в совет с согласия родителей (законных представителей) на обработку его персональных данных.', [
        { field: 'consentConfirmed', message: 'Подтвердите, что согласие родителей получено' },
      ]);
    }
  }
}

/**
 * Seats a person on the network's council: a representative of an active member organisation (with their
 * staff account, if any) or a person outside the member organisations (a parent, a pupil, an enterprise, the
 * public), who may be invited by e-mail in the same transaction. The network row is locked for the
 * transaction, so two coordinators appointing a chair at the same moment get one chair and one 409.
 */
export async function addCouncilMember(context: CommandContext, networkId: string, input: NewCouncilMember, options: Omit<InvitationOptions, 'batchId'>) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const standing = await loadStanding(context.db, context.actor, network);
  permit(context.actor, councilPolicy.manageComposition(standing), 'Состав совета формирует координатор сети.');
  checkSeat(input);
  const row = await context.db.transaction((tx) => seatMember(tx, context, network, { ...input, electionId: null }, options));
  const [organization] = row.organizationId ? await context.db.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, row.organizationId)) : [];
  return presentCouncilMember(row, organization?.shortName ?? null, context.actor, { seesPupils: true });
}

/**
 * Inserts a seat in the caller's transaction (an appointment, or an election's result): locks the network,
 * checks the organisation, the account and the chair/secretary, invites every current member to the meetings
 * still ahead, writes the audit entry and, for a seat outside the member organisations with an address, the invitation.
 */
export async function seatMember(
  tx: Database,
  context: CommandContext,
  network: NetworkRow,
  input: NewCouncilMember & { electionId: string | null },
  options?: Omit<InvitationOptions, 'batchId'>,
): Promise<CouncilMemberRow> {
  const networkId = network.id;
  await tx.select({ id: networks.id }).from(networks).where(eq(networks.id, networkId)).for('no key update');
  const organizationId = input.kind === 'representative' ? input.organizationId! : null;

  if (organizationId && !(await activeMemberIds(tx, networkId)).includes(organizationId)) {
    throw invalid('В совет входят представители организаций — действующих участников сети.', [
      { field: 'organizationId', message: 'Организация не является действующим участником сети' },
    ]);
  }
  if (input.userId && organizationId) {
    const [account] = await tx
      .select({ disabledAt: users.disabledAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.userId, input.userId), eq(memberships.organizationId, organizationId)))
      .limit(1);
    if (!account) throw invalid('Учётная запись должна принадлежать выбранной организации.', [{ field: 'userId', message: 'Эта учётная запись не относится к выбранной организации' }]);
    if (account.disabledAt) throw invalid('Учётная запись отключена.', [{ field: 'userId', message: 'Учётная запись отключена' }]);
  }

  const current = await tx.select().from(councilMembers).where(and(eq(councilMembers.networkId, networkId), isNull(councilMembers.removedAt)));
  if (input.userId && current.some((m) => m.userId === input.userId)) {
    throw new Problem(409, 'Уже в совете', 'Этот человек уже состоит в совете сети.', { errors: [{ field: 'userId', message: 'Уже состоит в совете' }] });
  }
  if (input.role !== 'member') {
    const holder = current.find((m) => m.role === input.role);
    if (holder) throw occupied(input.role, holder.fullName);
  }

  const [member] = await tx
    .insert(councilMembers)
    .values({
      networkId,
      organizationId,
      userId: input.userId ?? null,
      fullName: input.fullName,
      position: input.kind === 'pupil' ? '' : input.position,
      role: input.role,
      kind: input.kind,
      affiliation: input.affiliation.trim(),
      voting: input.voting ?? input.kind === 'representative',
      electionId: input.electionId,
    })
    .returning();
  // Every current council member is invited to the meetings still ahead.
  const planned = await tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.networkId, networkId), eq(meetings.state, 'planned')));
  if (planned.length) {
    await tx
      .insert(meetingAttendance)
      .values(planned.map((m) => ({ meetingId: m.id, councilMemberId: member.id })))
      .onConflictDoNothing();
  }
  await recordAudit(tx, context, {
    action: input.electionId ? 'council.member_elected' : 'council.member_added',
    entityType: 'council_member',
    entityId: member.id,
    after: { ...memberSnapshot(member), ...(input.kind === 'pupil' ? { parentalConsentConfirmed: true } : {}) },
  });
  if (input.email && input.kind !== 'representative' && options) {
    await issueSeatInvitation(tx, context, { email: input.email, fullName: member.fullName, councilMemberId: member.id, seatDescription: seatDescription(network, member) }, options);
  }
  return member;
}
