import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../../shared/auth/guards';
import { lazyComponent } from '../../../shared/lazyComponent';

const CheckInPage = lazyComponent(() => import('./CheckInPage'), 'CheckInPage');

/** The check-in page of an event, mounted inside the app layout by App.tsx; the server decides who may use it. */
export const checkInRoutes: RouteObject[] = [
  {
    path: '/events/:id/check-in',
    element: (
      <RequireAuth>
        <CheckInPage />
      </RequireAuth>
    ),
  },
];
