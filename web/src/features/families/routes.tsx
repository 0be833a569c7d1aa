import type { RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../../shared/auth/guards';
import { ChildPage } from './ChildPage';
import { ChildrenPage } from './ChildrenPage';
import { ConfirmRegistrationPage } from './ConfirmRegistrationPage';
import { RegisterPage } from './RegisterPage';
import { StudentsPage } from './StudentsPage';

function ChildrenRoute() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['guardian']} forbiddenText={t('families.list.guardiansOnly')}>
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
