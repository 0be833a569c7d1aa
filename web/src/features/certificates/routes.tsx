import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const VerifyPage = lazyComponent(() => import('./VerifyPage'), 'VerifyPage');
const MyCertificatesPage = lazyComponent(() => import('./MyCertificatesPage'), 'MyCertificatesPage');
const EventCertificatesPage = lazyComponent(() => import('./EventCertificatesPage'), 'EventCertificatesPage');

/** Pages of the certificates area, mounted inside the app layout by App.tsx. Verification is public. */
export const certificatesRoutes: RouteObject[] = [
  { path: '/certificates/verify', element: <VerifyPage /> },
  { path: '/certificates/verify/:code', element: <VerifyPage /> },
  {
    path: '/certificates',
    element: (
      <RequireAuth>
        <MyCertificatesPage />
      </RequireAuth>
    ),
  },
  {
    path: '/events/:id/certificates',
    element: (
      <RequireAuth>
        <EventCertificatesPage />
      </RequireAuth>
    ),
  },
];
