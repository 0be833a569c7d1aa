import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const PracticesPage = lazyComponent(() => import('./PracticesPage'), 'PracticesPage');
const PracticePage = lazyComponent(() => import('./PracticePage'), 'PracticePage');
const NewPracticePage = lazyComponent(() => import('./PracticeFormPage'), 'NewPracticePage');
const EditPracticePage = lazyComponent(() => import('./PracticeFormPage'), 'EditPracticePage');
const ReviewsPage = lazyComponent(() => import('./review/ReviewsPage'), 'ReviewsPage');
const RubricsPage = lazyComponent(() => import('./review/RubricsPage'), 'RubricsPage');
const NewRubricPage = lazyComponent(() => import('./review/RubricEditorPage'), 'NewRubricPage');
const RubricEditorPage = lazyComponent(() => import('./review/RubricEditorPage'), 'RubricEditorPage');
const RoundPage = lazyComponent(() => import('./review/RoundPage'), 'RoundPage');
const ScoringPage = lazyComponent(() => import('./review/ScoringPage'), 'ScoringPage');

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

/** Pages of the library of practices, mounted inside the app layout by App.tsx. */
export const practicesRoutes: RouteObject[] = [
  { path: '/practices', element: <PracticesPage /> },
  { path: '/practices/new', element: <NewPracticePage /> },
  { path: '/practices/:id', element: <PracticePage /> },
  { path: '/practices/:id/edit', element: <EditPracticePage /> },
  // Expert review: an expert's assignments and scoring; the editors' rounds and rubrics.
  { path: '/reviews', element: signedIn(<ReviewsPage />) },
  { path: '/reviews/assignments/:id', element: signedIn(<ScoringPage />) },
  { path: '/reviews/rounds/:id', element: signedIn(<RoundPage />) },
  { path: '/reviews/rubrics', element: signedIn(<RubricsPage />) },
  { path: '/reviews/rubrics/new', element: signedIn(<NewRubricPage />) },
  { path: '/reviews/rubrics/:id', element: signedIn(<RubricEditorPage />) },
];
