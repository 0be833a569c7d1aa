import type { RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const OutboxMessagePage = lazyComponent(() => import('./OutboxMessagePage'), 'OutboxMessagePage');
const OutboxPage = lazyComponent(() => import('./OutboxPage'), 'OutboxPage');

function OperatorOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['operator']} forbiddenText={t('forbidden.outbox')}>
      {children}
    </RequireAuth>
  );
}

/** Pages of the outbox area, mounted inside the app layout by App.tsx. */
export const outboxRoutes: RouteObject[] = [
  {
    path: '/admin/outbox',
    element: (
      <OperatorOnly>
        <OutboxPage />
      </OperatorOnly>
    ),
  },
  {
    path: '/admin/outbox/:id',
    element: (
      <OperatorOnly>
        <OutboxMessagePage />
      </OperatorOnly>
    ),
  },
];
