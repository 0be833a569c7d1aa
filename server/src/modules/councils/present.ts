import type { Actor } from '../../platform/context';
import type { CouncilMemberRow } from './load';
import type { CouncilRole } from './schema';
import { HIDDEN_PUPIL_NAME } from './seats';

const collator = new Intl.Collator('ru');
const roleOrder: Record<CouncilRole, number> = { chair: 0, secretary: 1, member: 2 };

/** Chair, secretary, then members in Russian alphabetical order. */
export const byRoleAndName = (a: { role: CouncilRole; fullName: string }, b: { role: CouncilRole; fullName: string }) =>
  roleOrder[a.role] - roleOrder[b.role] || collator.compare(a.fullName, b.fullName);

export const councilRoleNames: Record<CouncilRole, string> = { chair: 'председатель', secretary: 'секретарь', member: 'член совета' };

/**
 * The name a viewer sees for a seat: a pupil's name only for the council itself and the network's coordinators
 * (`seesPupils`); everyone else who may see the network sees that a pupil holds the seat, not which child.
 */
export const seatName = (row: Pick<CouncilMemberRow, 'kind' | 'fullName'>, seesPupils: boolean) => (row.kind === 'pupil' && !seesPupils ? HIDDEN_PUPIL_NAME : row.fullName);

export interface SeatInvitationView {
  state: 'pending' | 'expired';
  email: string;
  lastSentAt: Date;
}

/**
 * A council member as the API shows it: the account id stays inside, the caller learns only whether it is theirs;
 * a pending invitation to a seat outside the member organisations only for the coordinator (`invitation`).
 */
export function presentCouncilMember(
  row: CouncilMemberRow,
  organizationName: string | null,
  actor: Actor | null,
  options: { organizationActive?: boolean; seesPupils?: boolean; invitation?: SeatInvitationView | null } = {},
) {
  const hidden = row.kind === 'pupil' && !options.seesPupils;
  return {
    id: row.id,
    networkId: row.networkId,
    organizationId: row.organizationId,
    organizationName,
    organizationActive: row.organizationId === null || (options.organizationActive ?? true),
    fullName: seatName(row, options.seesPupils ?? false),
    nameHidden: hidden,
    position: hidden ? '' : row.position,
    role: row.role,
    kind: row.kind,
    affiliation: hidden ? '' : row.affiliation,
    voting: row.voting,
    elected: row.electionId !== null,
    electionId: row.electionId,
    hasAccount: row.userId !== null,
    isYou: !!actor && row.userId === actor.userId,
    invitation: options.invitation ?? null,
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
  kind: row.kind,
  affiliation: row.affiliation,
  voting: row.voting,
  electionId: row.electionId,
  removedAt: row.removedAt,
});
