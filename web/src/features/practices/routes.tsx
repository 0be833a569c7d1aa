import type { RouteObject } from 'react-router';
import { lazyComponent } from '../../shared/lazyComponent';

const PracticesPage = lazyComponent(() => import('./PracticesPage'), 'PracticesPage');
const PracticePage = lazyComponent(() => import('./PracticePage'), 'PracticePage');
const NewPracticePage = lazyComponent(() => import('./PracticeFormPage'), 'NewPracticePage');
const EditPracticePage = lazyComponent(() => import('./PracticeFormPage'), 'EditPracticePage');

/** Pages of the library of practices, mounted inside the app layout by App.tsx. */
export const practicesRoutes: RouteObject[] = [
  { path: '/practices', element: <PracticesPage /> },
  { path: '/practices/new', element: <NewPracticePage /> },
  { path: '/practices/:id', element: <PracticePage /> },
  { path: '/practices/:id/edit', element: <EditPracticePage /> },
];
