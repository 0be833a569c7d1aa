import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const ConfirmEmailPage = lazyComponent(() => import('./ConfirmEmailPage'), 'ConfirmEmailPage');
const ForgotPasswordPage = lazyComponent(() => import('./ForgotPasswordPage'), 'ForgotPasswordPage');
const ProfilePage = lazyComponent(() => import('./ProfilePage'), 'ProfilePage');
const ResetPasswordPage = lazyComponent(() => import('./ResetPasswordPage'), 'ResetPasswordPage');

/** «Мой профиль» and the pages behind links from account letters (they work without signing in), mounted by App.tsx. */
export const profileRoutes: RouteObject[] = [
  {
    path: '/profile',
    element: (
      <RequireAuth>
        <ProfilePage />
      </RequireAuth>
    ),
  },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password/:token', element: <ResetPasswordPage /> },
  { path: '/confirm-email/:token', element: <ConfirmEmailPage /> },
];
