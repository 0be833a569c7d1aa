import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { invitations, memberships, users } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { councilState } from './council-state';
import { activeMemberIds, loadVisibleNetwork } from '../networks/access';
import { loadStanding, votingRulesOf } from './load';
import { councilPolicy, permit } from './policy';
import { type SeatInvitationView, byRoleAndName, presentCouncilMember } from './present';
import { councilMembers } from './schema';

const collator = new Intl.Collator('ru');

/** Live seat invitations of these seats (the coordinator's view): the newest per seat. */
async function seatInvitations(db: CommandContext['db'], seatIds: string[]): Promise<Map<string, SeatInvitationView>> {
  const found = new Map<string, SeatInvitationView>();
  if (!seatIds.length) return found;
  const rows = await db
    .select({ councilMemberId: invitations.councilMemberId, email: invitations.email, lastSentAt: invitations.lastSentAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(inArray(invitations.councilMemberId, seatIds), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.lastSentAt));
  const now = Date.now();
  for (const row of rows) {
    if (!found.has(row.councilMemberId!)) found.set(row.councilMemberId!, { state: row.expiresAt.getTime() <= now ? 'expired' : 'pending', email: row.email, lastSentAt: row.lastSentAt });
  }
  return found;
}

/**
 * The council as whoever can view the network sees it: current members, whether it is formed, the voting
 * rules. A pupil's name only for the council and the coordinators; invitations only for the coordinators.
 */
export async function getCouncil(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const standing = await loadStanding(context.db, context.actor, network);
  const rows = await context.db
    .select({ member: councilMembers, organizationName: organizations.shortName })
    .from(councilMembers)
    .leftJoin(organizations, eq(organizations.id, councilMembers.organizationId))
    .where(and(eq(councilMembers.networkId, networkId), isNull(councilMembers.removedAt)));
  const active = new Set(await activeMemberIds(context.db, networkId));
  const seesPupils = councilPolicy.seePupilNames(standing);
  const canManage = councilPolicy.manageComposition(standing);
  const pending = canManage ? await seatInvitations(context.db, rows.filter((r) => !r.member.userId && r.member.organizationId === null).map((r) => r.member.id)) : new Map();
  const members = rows
    .map((r) =>
      presentCouncilMember(r.member, r.organizationName, context.actor, {
        organizationActive: r.member.organizationId !== null && active.has(r.member.organizationId),
        seesPupils,
        invitation: pending.get(r.member.id) ?? null,
      }),
    )
    .sort(byRoleAndName);
  return {
    networkId,
    state: await councilState(context.db, networkId),
    rules: { ...votingRulesOf(network), admission: network.admission },
    members,
    permissions: {
      canManage,
      canScheduleMeeting: councilPolicy.scheduleMeeting(standing),
      canRunElection: councilPolicy.runElection(standing),
    },
  };
}

/** For the coordinator's "add a member" form: active member organisations and the accounts that belong to each. */
export async function listCouncilCandidates(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const standing = await loadStanding(context.db, context.actor, network);
  permit(context.actor, councilPolicy.manageComposition(standing), 'Состав совета формирует координатор сети.');
  const ids = await activeMemberIds(context.db, networkId);
  if (!ids.length) return { items: [] };
  const orgs = await context.db.select({ id: organizations.id, shortName: organizations.shortName }).from(organizations).where(inArray(organizations.id, ids));
  const accounts = await context.db
    .select({ organizationId: memberships.organizationId, userId: users.id, fullName: users.fullName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.organizationId, ids), isNull(users.disabledAt)));
  return {
    items: orgs
      .sort((a, b) => collator.compare(a.shortName, b.shortName))
      .map((o) => ({
        organizationId: o.id,
        organizationName: o.shortName,
        accounts: accounts
          .filter((a) => a.organizationId === o.id)
          .map(({ userId, fullName, role }) => ({ userId, fullName, role }))
          .sort((a, b) => collator.compare(a.fullName, b.fullName)),
      })),
  };
}
