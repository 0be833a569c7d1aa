import { Badge, type MantineColor, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExchangeListItem, ExchangeSide, ExchangeState } from './types';
import './strings';

export const EXCHANGE_STATE_COLORS: Record<ExchangeState, MantineColor> = {
  requested: 'blue',
  countered: 'orange',
  accepted: 'green',
  declined: 'red',
  withdrawn: 'gray',
  completed: 'teal',
};

export function ExchangeStateBadge({ state, size = 'md' }: { state: ExchangeState; size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Badge color={EXCHANGE_STATE_COLORS[state]} variant="light" tt="none" size={size} className="orbita-badge">
      {t(`exchanges.state.${state}`)}
    </Badge>
  );
}

/** The side the user stands on; an administrator of both parties is taken as the provider, who answers first. */
export function sideOf(exchange: Pick<ExchangeListItem, 'requester' | 'provider'>, organizationIds: readonly string[]): ExchangeSide {
  return organizationIds.includes(exchange.provider.id) ? 'provider' : 'requester';
}

/** Whose move it is, as the user sees it. */
export function moveOf(exchange: Pick<ExchangeListItem, 'awaiting' | 'requester' | 'provider'>, organizationIds: readonly string[]): 'you' | 'partner' | null {
  if (!exchange.awaiting) return null;
  const awaited = exchange.awaiting === 'provider' ? exchange.provider.id : exchange.requester.id;
  return organizationIds.includes(awaited) ? 'you' : 'partner';
}
