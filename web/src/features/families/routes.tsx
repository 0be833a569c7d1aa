import type { RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const ChildPage = lazyComponent(() => import('./ChildPage'), 'ChildPage');
const ChildrenPage = lazyComponent(() => import('./ChildrenPage'), 'ChildrenPage');
const ConfirmRegistrationPage = lazyComponent(() => import('./ConfirmRegistrationPage'), 'ConfirmRegistrationPage');
const RegisterPage = lazyComponent(() => import('./RegisterPage'), 'RegisterPage');
const StudentsPage = lazyComponent(() => import('./StudentsPage'), 'StudentsPage');

function ChildrenRoute() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['guardian']} forbiddenText={t('forbidden.guardiansOnly')}>
      <ChildrenPage />
    </RequireAuth>
  );
}

/** Pages of the families area, mounted inside the app layout by App.tsx. */
export const familiesRoutes: RouteObject[] = [
  { path: '/register', element: <RegisterPage /> },
  // The link from the registration letter: works without signing in, as the account does not exist yet.
  { path: '/confirm-registration/:token', element: <ConfirmRegistrationPage /> },
  { path: '/children', element: <ChildrenRoute /> },
  {
    // The guardian, the child's school and its providers: the API answers 404 to everyone else.
    path: '/children/:id',
    element: (
      <RequireAuth>
        <ChildPage />
      </RequireAuth>
    ),
  },
  {
    // The school's staff: the API refuses anyone else and the page shows its reason.
    path: '/organizations/:id/students',
    element: (
      <RequireAuth>
        <StudentsPage />
      </RequireAuth>
    ),
  },
];
