import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const DeskPage = lazyComponent(() => import('./DeskPage'), 'DeskPage');

/** «Мой кабинет», mounted inside the app layout by App.tsx; everyone lands here after signing in. */
export const deskRoutes: RouteObject[] = [
  {
    path: '/desk',
    element: (
      <RequireAuth>
        <DeskPage />
      </RequireAuth>
    ),
  },
];
