import type { RouteObject } from 'react-router';

/** Pages of the programmes area, mounted inside the app layout by App.tsx. */
export const programmesRoutes: RouteObject[] = [];
