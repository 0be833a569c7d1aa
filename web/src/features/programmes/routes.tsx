import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const CataloguePage = lazyComponent(() => import('./CataloguePage'), 'CataloguePage');
const EditProgrammePage = lazyComponent(() => import('./ProgrammeFormPage'), 'EditProgrammePage');
const NewProgrammePage = lazyComponent(() => import('./ProgrammeFormPage'), 'NewProgrammePage');
const ProgrammePage = lazyComponent(() => import('./ProgrammePage'), 'ProgrammePage');

/** Pages of the programmes area, mounted inside the app layout by App.tsx. The roster (/programmes/:id/roster) is the learning area's. */
export const programmesRoutes: RouteObject[] = [
  { path: '/programmes', element: <CataloguePage /> },
  {
    path: '/programmes/new',
    element: (
      <RequireAuth>
        <NewProgrammePage />
      </RequireAuth>
    ),
  },
  { path: '/programmes/:id', element: <ProgrammePage /> },
  {
    path: '/programmes/:id/edit',
    element: (
      <RequireAuth>
        <EditProgrammePage />
      </RequireAuth>
    ),
  },
];
