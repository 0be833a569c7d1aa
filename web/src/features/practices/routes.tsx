import type { RouteObject } from 'react-router';
import { lazyComponent } from '../../shared/lazyComponent';

const PracticesPage = lazyComponent(() => import('./PracticesPage'), 'PracticesPage');
const PracticePage = lazyComponent(() => import('./PracticePage'), 'PracticePage');

/** Pages of the library of practices, mounted inside the app layout by App.tsx. */
export const practicesRoutes: RouteObject[] = [
  { path: '/practices', element: <PracticesPage /> },
  { path: '/practices/:id', element: <PracticePage /> },
];
