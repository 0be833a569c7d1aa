import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { administeredOrganizationIds } from '../../shared/auth/administered';
import { useAuth } from '../../shared/auth/AuthContext';
import { useAwaitingCounts } from './api';

/** The number of exchanges waiting for the user's answer, beside «Обмены» in the navigation. */
export function ExchangesNavBadge() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { incoming, outgoing } = useAwaitingCounts(administeredOrganizationIds(user));
  const count = incoming + outgoing;
  if (count === 0) return null;
  return (
    <Badge size="sm" color="orange" variant="filled" circle={count < 10} aria-label={t('nav.exchangesAwaiting', { count })}>
      {count}
    </Badge>
  );
}
