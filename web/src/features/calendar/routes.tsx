import type { RouteObject } from 'react-router';
import { lazyComponent } from '../../shared/lazyComponent';

const CalendarPage = lazyComponent(() => import('./CalendarPage'), 'CalendarPage');

/** The events calendar at /events (the events area keeps /events/:id and the forms), mounted by App.tsx. */
export const calendarRoutes: RouteObject[] = [{ path: '/events', element: <CalendarPage /> }];
