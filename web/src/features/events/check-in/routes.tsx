import type { RouteObject } from 'react-router';
import { useParams } from 'react-router';
import { RequireAuth } from '../../../shared/auth/guards';
import { lazyComponent } from '../../../shared/lazyComponent';
import { forgetOnSignOut } from '../../../shared/auth/sign-out-hooks';
import { holdsDoor } from './door-key';

const CheckInPage = lazyComponent(() => import('./CheckInPage'), 'CheckInPage');

// A door phone may be handed on: signing out forgets the rosters' names; marks still waiting keep only their codes.
forgetOnSignOut(async () => (await import('./door-store')).forgetDoorPeople(localStorage));

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
