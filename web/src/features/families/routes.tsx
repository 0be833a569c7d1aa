import type { RouteObject } from 'react-router';

/** Pages of the families area, mounted inside the app layout by App.tsx. */
export const familiesRoutes: RouteObject[] = [];
