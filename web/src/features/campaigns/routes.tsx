import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../shared/auth/guards';
import { CampaignCreatePage, CampaignEditPage } from './CampaignFormPage';
import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';

/** Pages of the campaigns area, mounted inside the app layout by App.tsx. */
export const campaignsRoutes: RouteObject[] = [
  {
    path: '/campaigns',
    element: (
      <RequireAuth>
        <CampaignsPage />
      </RequireAuth>
    ),
  },
  {
    path: '/campaigns/new',
    element: (
      <RequireAuth>
        <CampaignCreatePage />
      </RequireAuth>
    ),
  },
  {
    path: '/campaigns/:id',
    element: (
      <RequireAuth>
        <CampaignPage />
      </RequireAuth>
    ),
  },
  {
    path: '/campaigns/:id/edit',
    element: (
      <RequireAuth>
        <CampaignEditPage />
      </RequireAuth>
    ),
  },
];
