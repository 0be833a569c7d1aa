import type { Actor } from '../../platform/context';
import type { CouncilMemberRow } from './load';
import type { CouncilRole } from './schema';

const collator = new Intl.Collator('ru');
const roleOrder: Record<CouncilRole, number> = { chair: 0, secretary: 1, member: 2 };

/** Chair, secretary, then members in Russian alphabetical order. */
export const byRoleAndName = (a: { role: CouncilRole; fullName: string }, b: { role: CouncilRole; fullName: string }) =>
  roleOrder[a.role] - roleOrder[b.role] || collator.compare(a.fullName, b.fullName);

export const councilRoleNames: Record<CouncilRole, string> = { chair: 'председатель', secretary: 'секретарь', member: 'член совета' };

/** A council member as the API shows it: the account id stays inside, the caller learns only whether it is theirs. */
export function presentCouncilMember(row: CouncilMemberRow, organizationName: string, actor: Actor | null, organizationActive = true) {
  return {
    id: row.id,
    networkId: row.networkId,
    organizationId: row.organizationId,
    organizationName,
    organizationActive,
    fullName: row.fullName,
    position: row.position,
    role: row.role,
    hasAccount: row.userId !== null,
    isYou: !!actor && row.userId === actor.userId,
    createdAt: row.createdAt,
    removedAt: row.removedAt,
  };
}

export type CouncilMemberView = ReturnType<typeof presentCouncilMember>;

/** Audit snapshots of a council member. */
export const memberSnapshot = (row: CouncilMemberRow) => ({
  networkId: row.networkId,
  organizationId: row.organizationId,
  userId: row.userId,
  fullName: row.fullName,
  position: row.position,
  role: row.role,
  removedAt: row.removedAt,
});
