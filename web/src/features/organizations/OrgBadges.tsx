import { Badge, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrganizationState, OrganizationStatus } from '../../shared/api/types';
import { STATE_COLORS, STATUS_COLORS } from './labels';
import './strings';

export function StatusBadges({
  statuses,
  size = 'sm',
  withHints = false,
}: {
  statuses: OrganizationStatus[];
  size?: 'xs' | 'sm' | 'md' | 'lg';
  /** explain each status in a tooltip (the card page); lists stay free of extra tab stops */
  withHints?: boolean;
}) {
  const { t } = useTranslation();
  if (!statuses?.length) return null;
  return (
    <Group gap={6}>
      {statuses.map((s) => {
        const badge = (
          <Badge
            key={s}
            color={STATUS_COLORS[s] ?? 'gray'}
            variant="light"
            size={size}
            tt="none"
            tabIndex={withHints ? 0 : undefined}
            aria-description={withHints ? t(`statusHints.${s}`) : undefined}
          >
            {t(`statuses.${s}`)}
          </Badge>
        );
        return withHints ? (
          <Tooltip key={s} label={t(`statusHints.${s}`)} withArrow openDelay={300} events={{ hover: true, focus: true, touch: true }}>
            {badge}
          </Tooltip>
        ) : (
          badge
        );
      })}
    </Group>
  );
}

export function StateBadge({ state, size = 'sm' }: { state: OrganizationState; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state] ?? 'gray'} variant={state === 'verified' ? 'light' : 'outline'} size={size} tt="none">
      {t(`states.${state}`)}
    </Badge>
  );
}
