import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../shared/auth/AuthContext';
import { useDeskCount, useDeskFollowsChanges } from './api';

/** How many things await the person, beside «Мой кабинет» in the navigation. */
export function DeskNavBadge() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useDeskFollowsChanges();
  const count = useDeskCount(!!user).data?.total ?? 0;
  if (count === 0) return null;
  return (
    <Badge size="sm" color="orange" variant="filled" circle={count < 10} aria-label={t('nav.deskAwaiting', { count })}>
      {count}
    </Badge>
  );
}
