import type { RouteObject } from 'react-router';

/** Pages of the enrolments area, mounted inside the app layout by App.tsx. */
export const enrolmentsRoutes: RouteObject[] = [];
