import { Badge, Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/dates';
import { MEMBERSHIP_STATE_COLORS, NETWORK_KIND_COLORS } from './labels';
import type { MembershipState, NetworkKind } from './types';
import './strings';

export function KindBadge({ kind, size = 'sm' }: { kind: NetworkKind; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge color={NETWORK_KIND_COLORS[kind] ?? 'gray'} variant="light" size={size} tt="none" className="orbita-badge-wrap">
      {t(`networkKinds.${kind}`)}
    </Badge>
  );
}

export function MembershipBadge({ state, size = 'sm' }: { state: MembershipState; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge color={MEMBERSHIP_STATE_COLORS[state]} variant="light" size={size} tt="none" className="orbita-badge">
      {t(`networks.memberState.${state}`)}
    </Badge>
  );
}

/** Where the network stands on its launch path: launched, or how many steps are done when the list says so. */
export function LaunchStage({
  launchedAt,
  launchGate,
  done,
  total,
  compact = false,
}: {
  launchedAt: string | null;
  /** false: no launch step on the network's path (alliances, associations): it works from its creation */
  launchGate?: boolean;
  done?: number;
  total?: number;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  if (!launchedAt && launchGate === false) {
    return (
      <Badge color="teal" variant="light" tt="none" size="sm" className="orbita-badge" title={t('networks.workingHint')}>
        {t('networks.working')}
      </Badge>
    );
  }
  if (launchedAt) {
    return (
      <Badge color="green" variant="light" tt="none" size="sm" className="orbita-badge">
        {t('networks.launchedOn', { date: formatDate(launchedAt) })}
      </Badge>
    );
  }
  if (typeof done === 'number' && typeof total === 'number' && total > 0) {
    const label = t('networks.launchProgress', { done, total });
    return (
      <Group gap={8} wrap="nowrap" miw={compact ? undefined : 140}>
        <Progress value={(done / total) * 100} size="sm" w={compact ? 60 : 70} aria-hidden color="teal" />
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {label}
        </Text>
      </Group>
    );
  }
  return (
    <Badge color="yellow" variant="light" tt="none" size="sm" className="orbita-badge">
      {t('networks.preparing')}
    </Badge>
  );
}
