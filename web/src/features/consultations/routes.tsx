import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const ConsultationsPage = lazyComponent(() => import('./ConsultationsPage'), 'ConsultationsPage');
const ConsultationPage = lazyComponent(() => import('./ConsultationPage'), 'ConsultationPage');

/** Pages of the consultations area (seed 002), mounted inside the app layout by App.tsx. */
export const consultationsRoutes: RouteObject[] = [
  {
    path: '/consultations',
    element: (
      <RequireAuth>
        <ConsultationsPage />
      </RequireAuth>
    ),
  },
  {
    path: '/consultations/:id',
    element: (
      <RequireAuth>
        <ConsultationPage />
      </RequireAuth>
    ),
  },
];
