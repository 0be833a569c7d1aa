import { Navigate, type RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const AcceptInvitationPage = lazyComponent(() => import('./AcceptInvitationPage'), 'AcceptInvitationPage');
const AdminSection = lazyComponent(() => import('./AdminSection'), 'AdminSection');
const InvitationsPage = lazyComponent(() => import('./InvitationsPage'), 'InvitationsPage');
const MunicipalitiesPage = lazyComponent(() => import('./MunicipalitiesPage'), 'MunicipalitiesPage');
const PeoplePage = lazyComponent(() => import('./PeoplePage'), 'PeoplePage');
const PersonPage = lazyComponent(() => import('./PersonPage'), 'PersonPage');
const StaffPage = lazyComponent(() => import('./StaffPage'), 'StaffPage');

function AdminOnly({ operatorOnly, children }: { operatorOnly?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={operatorOnly ? ['operator'] : ['operator', 'authority']} forbiddenText={t(operatorOnly ? 'forbidden.operatorOnly' : 'forbidden.people')}>
      {children}
    </RequireAuth>
  );
}

/** Pages of the people area, mounted inside the app layout by App.tsx. */
export const peopleRoutes: RouteObject[] = [
  {
    path: '/admin',
    element: (
      <AdminOnly>
        <AdminSection />
      </AdminOnly>
    ),
    children: [
      { index: true, element: <Navigate to="/admin/people" replace /> },
      { path: 'people', element: <PeoplePage /> },
      { path: 'people/:id', element: <PersonPage /> },
      { path: 'invitations', element: <InvitationsPage /> },
      {
        path: 'municipalities',
        element: (
          <AdminOnly operatorOnly>
            <MunicipalitiesPage />
          </AdminOnly>
        ),
      },
    ],
  },
  {
    // The organisation's head and staff admin, its authority, the operator: the API refuses anyone else and the page says so.
    path: '/organizations/:id/staff',
    element: (
      <RequireAuth>
        <StaffPage />
      </RequireAuth>
    ),
  },
  // Public: the link in the invitation letter is the credential.
  { path: '/invitation/:token', element: <AcceptInvitationPage /> },
];
