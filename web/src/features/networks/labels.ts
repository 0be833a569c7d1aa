import type { MantineColor } from '@mantine/core';
import type { MembershipState, NetworkKind } from './types';

export const NETWORK_KIND_COLORS: Record<NetworkKind, MantineColor> = {
  alliance: 'blue',
  district: 'teal',
  partnership: 'grape',
  association: 'indigo',
  local_alliance: 'cyan',
};

export const MEMBERSHIP_STATE_COLORS: Record<MembershipState, MantineColor> = {
  invited: 'yellow',
  requested: 'orange',
  active: 'green',
  declined: 'gray',
  left: 'gray',
};
