import type { RouteObject } from 'react-router';

/** Pages of the notifications area, mounted inside the app layout by App.tsx. */
export const notificationsRoutes: RouteObject[] = [];
