import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const RosterPage = lazyComponent(() => import('./RosterPage'), 'RosterPage');

/** Pages of the learning area, mounted inside the app layout by App.tsx. */
export const learningRoutes: RouteObject[] = [
  {
    // The provider's staff: the API refuses anyone else and the page shows its reason.
    path: '/programmes/:id/roster',
    element: (
      <RequireAuth>
        <RosterPage />
      </RequireAuth>
    ),
  },
];
