import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const CampaignCreatePage = lazyComponent(() => import('./CampaignFormPage'), 'CampaignCreatePage');
const CampaignEditPage = lazyComponent(() => import('./CampaignFormPage'), 'CampaignEditPage');
const CampaignPage = lazyComponent(() => import('./CampaignPage'), 'CampaignPage');
const CampaignsPage = lazyComponent(() => import('./CampaignsPage'), 'CampaignsPage');

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
