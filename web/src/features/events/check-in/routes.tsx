import type { RouteObject } from 'react-router';
import { useParams } from 'react-router';
import { RequireAuth } from '../../../shared/auth/guards';
import { lazyComponent } from '../../../shared/lazyComponent';
import { holdsDoor } from './door-key';

const CheckInPage = lazyComponent(() => import('./CheckInPage'), 'CheckInPage');

/** Signed-in organisers only — but a phone holding the event's roster opens the page even while the server is out of reach. */
function CheckInRoute() {
  const { id = '' } = useParams();
  return (
    <RequireAuth offlineReady={holdsDoor(localStorage, id)}>
      <CheckInPage />
    </RequireAuth>
  );
}

/** The check-in page of an event, mounted inside the app layout by App.tsx; the server decides who may use it. */
export const checkInRoutes: RouteObject[] = [
  {
    path: '/events/:id/check-in',
    element: <CheckInRoute />,
  },
];
