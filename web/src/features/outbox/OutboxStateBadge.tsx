import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxState } from './api';
import './strings';

const COLORS: Record<OutboxState, string> = { waiting: 'blue', sent: 'green', failed: 'red' };

export function OutboxStateBadge({ state }: { state: OutboxState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[state]} variant="light" tt="none">
      {t(`outbox.badge.${state}`)}
    </Badge>
  );
}

/** «Приглашение», «Уведомление»…; a template the page does not know yet shows its code. */
export function useKindLabel() {
  const { t } = useTranslation();
  return (kind: string) => t(`outbox.kind.${kind}`, { defaultValue: kind });
}
