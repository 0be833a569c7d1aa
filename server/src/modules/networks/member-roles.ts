import type { MemberRole, NetworkKind } from './schema';

/** Which member roles fit which kind of network (glossary): a district has a base school, a partnership a leader and satellites. */
export const rolesByKind: Record<NetworkKind, readonly MemberRole[]> = {
  district: ['base', 'member'],
  partnership: ['leader', 'satellite'],
  alliance: ['member', 'partner'],
  association: ['member', 'partner'],
  local_alliance: ['member', 'partner'],
};

export const roleFitsKind = (kind: NetworkKind, role: MemberRole) => rolesByKind[kind].includes(role);

/** The role the managing organisation takes when a network is created. */
export const leadingRole = (kind: NetworkKind): MemberRole => (kind === 'district' ? 'base' : kind === 'partnership' ? 'leader' : 'member');
