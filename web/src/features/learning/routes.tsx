import type { RouteObject } from 'react-router';

/** Pages of the learning area, mounted inside the app layout by App.tsx. */
export const learningRoutes: RouteObject[] = [];
