import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const EventPage = lazyComponent(() => import('./EventPage'), 'EventPage');
const NewEventPage = lazyComponent(() => import('./EventFormPage'), 'NewEventPage');
const EditEventPage = lazyComponent(() => import('./EventFormPage'), 'EditEventPage');
const MyRegistrationsPage = lazyComponent(() => import('./MyRegistrationsPage'), 'MyRegistrationsPage');

/** Pages of the events area, mounted inside the app layout by App.tsx; /events itself is the calendar (features/calendar). */
export const eventsRoutes: RouteObject[] = [
  {
    path: '/events/new',
    element: (
      <RequireAuth>
        <NewEventPage />
      </RequireAuth>
    ),
  },
  {
    path: '/events/mine',
    element: (
      <RequireAuth>
        <MyRegistrationsPage />
      </RequireAuth>
    ),
  },
  { path: '/events/:id', element: <EventPage /> },
  {
    path: '/events/:id/edit',
    element: (
      <RequireAuth>
        <EditEventPage />
      </RequireAuth>
    ),
  },
];
