import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { userRoles, users } from '../accounts/schema';
import { notify } from '../notifications/notify';
import { type NetworkRow, organizationHeads } from './access';
import type { networkMembers } from './schema';

/** Authorities of the municipalities a network covers: coordinators of it besides the managing organisation's heads (managesNetwork). */
async function coveringAuthorities(db: Database, network: NetworkRow): Promise<string[]> {
  if (!network.municipalityIds.length) return [];
  const rows = await db
    .select({ userId: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'authority')))
    .where(inArray(users.municipalityId, network.municipalityIds));
  return rows.map((r) => r.userId);
}

/**
 * Tells whoever must answer a new membership: the heads of an invited organisation, or the coordinators of
 * the network a request is for (the managing organisation's heads and the covering authorities); inside the
 * transaction that opened it.
 */
export async function notifyMembershipProposed(tx: Database, network: NetworkRow, member: typeof networkMembers.$inferSelect, organizationName: string) {
  const invitation = member.state === 'invited';
  const people = invitation
    ? (await organizationHeads(tx, [member.organizationId])).map((h) => h.userId)
    : [...(await organizationHeads(tx, [network.managingOrganizationId])).map((h) => h.userId), ...(await coveringAuthorities(tx, network))];
  await notify(
    tx,
    [...new Set(people)].map((userId) => ({
      userId,
      kind: invitation ? ('network_invitation' as const) : ('network_request' as const),
      title: invitation ? `«${organizationName}» приглашают в сеть «${network.name}»` : `«${organizationName}» просит принять её в сеть «${network.name}»`,
      body: invitation
        ? 'Примите приглашение или отклоните его на странице сети.'
        : network.admission === 'council'
          ? 'По положению сети заявку рассматривает координационный совет на ближайшем заседании.'
          : 'Примите заявку или отклоните её на вкладке «Участники».',
      link: invitation ? `/networks/${network.id}` : `/networks/${network.id}/members`,
      data: { memberId: member.id, networkId: network.id },
    })),
  );
}
