import type { RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../../shared/auth/guards';
import { lazyComponent } from '../../shared/lazyComponent';

const OrganizationStaffImportPage = lazyComponent(() => import('./StaffImportPage'), 'OrganizationStaffImportPage');
const RegionStaffImportPage = lazyComponent(() => import('./StaffImportPage'), 'RegionStaffImportPage');

function RegionImportRoute() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['operator', 'authority']} forbiddenText={t('forbidden.staffImport')}>
      <RegionStaffImportPage />
    </RequireAuth>
  );
}

/** Pages of the staff import, mounted inside the app layout by App.tsx. */
export const staffImportRoutes: RouteObject[] = [
  {
    // Its head and staff admin, its authority, the operator: the API refuses anyone else and the page says so.
    path: '/organizations/:id/staff/import',
    element: (
      <RequireAuth>
        <OrganizationStaffImportPage />
      </RequireAuth>
    ),
  },
  { path: '/admin/staff-import', element: <RegionImportRoute /> },
];
