import type { RouteObject } from 'react-router';

/** Pages of the campaigns area, mounted inside the app layout by App.tsx. */
export const campaignsRoutes: RouteObject[] = [];
