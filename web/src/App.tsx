// To add a page: `const XPage = lazyComponent(() => import('./features/x/XPage'), 'XPage');` (or a feature's routes.tsx doing the same), then a route object below — each page then loads as its own chunk.
import { Suspense } from 'react';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import { DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from './shared/auth/guards';
import { AppLayout } from './shared/layout/AppLayout';
import { PageLoader } from './shared/components/States';
import { lazyComponent } from './shared/lazyComponent';
import { prefetching } from './shared/api/query-client';
import { organizationListQuery, parseFilters } from './features/organizations/api';
import { HomePage } from './features/home/HomePage';
import { peopleRoutes } from './features/people/routes';
import { programmesRoutes } from './features/programmes/routes';
import { familiesRoutes } from './features/families/routes';
import { enrolmentsRoutes } from './features/enrolments/routes';
import { learningRoutes } from './features/learning/routes';
import { campaignsRoutes } from './features/campaigns/routes';
import { notificationsRoutes } from './features/notifications/routes';
import { outboxRoutes } from './features/outbox/routes';
import { profileRoutes } from './features/profile/routes';
import { staffImportRoutes } from './features/staff-imports/routes';
import { deskRoutes } from './features/desk/routes';
import { checkInRoutes } from './features/events/check-in/routes';
import { certificatesRoutes } from './features/certificates/routes';
import { consultationsRoutes } from './features/consultations/routes';
import { calendarRoutes } from './features/calendar/routes';
import { eventsRoutes } from './features/events/routes';
import { practicesRoutes } from './features/practices/routes';

const NotFoundPage = lazyComponent(() => import('./features/home/NotFoundPage'), 'NotFoundPage');
const RegistryPage = lazyComponent(() => import('./features/organizations/RegistryPage'), 'RegistryPage');
const OrganizationPage = lazyComponent(() => import('./features/organizations/OrganizationPage'), 'OrganizationPage');
const OrganizationCreatePage = lazyComponent(() => import('./features/organizations/OrganizationEditPages'), 'OrganizationCreatePage');
const OrganizationEditPage = lazyComponent(() => import('./features/organizations/OrganizationEditPages'), 'OrganizationEditPage');
const ImportPage = lazyComponent(() => import('./features/organizations/ImportPage'), 'ImportPage');
const SignInPage = lazyComponent(() => import('./features/auth/SignInPage'), 'SignInPage');
const AuditPage = lazyComponent(() => import('./features/audit/AuditPage'), 'AuditPage');
const NetworksPage = lazyComponent(() => import('./features/networks/NetworksPage'), 'NetworksPage');
const NetworkCreatePage = lazyComponent(() => import('./features/networks/NetworkCreatePage'), 'NetworkCreatePage');
const NetworkPage = lazyComponent(() => import('./features/networks/NetworkPage'), 'NetworkPage');
const CataloguePage = lazyComponent(() => import('./features/inventory/CataloguePage'), 'CataloguePage');
const InventoryWizardPage = lazyComponent(() => import('./features/inventory/InventoryWizardPage'), 'InventoryWizardPage');
const SuggestionsPage = lazyComponent(() => import('./features/inventory/SuggestionsPage'), 'SuggestionsPage');
const ExchangesPage = lazyComponent(() => import('./features/exchanges/ExchangesPage'), 'ExchangesPage');
const ExchangePage = lazyComponent(() => import('./features/exchanges/ExchangePage'), 'ExchangePage');
const MunicipalityExchangePage = lazyComponent(() => import('./features/exchanges/MunicipalityExchangePage'), 'MunicipalityExchangePage');

/** While a page's chunk arrives the layout stays and a loader takes the page's place (navigations keep the old page meanwhile). */
function PageChunk() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Outlet />
    </Suspense>
  );
}

function CreateRoute() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['operator', 'authority']} forbiddenText={t('forbidden.organizationForm')}>
      <OrganizationCreatePage />
    </RequireAuth>
  );
}

function ImportRoute() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['operator', 'authority']} forbiddenText={t('forbidden.organizationImport')}>
      <ImportPage />
    </RequireAuth>
  );
}

const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      {
        element: <PageChunk />,
        children: [
          { path: '/', element: <HomePage /> },
          ...peopleRoutes,
          { path: '/organizations', element: <RegistryPage />, loader: prefetching((url) => organizationListQuery(parseFilters(url.searchParams))) },
          { path: '/organizations/new', element: <CreateRoute /> },
          { path: '/organizations/import', element: <ImportRoute /> },
          { path: '/organizations/:id', element: <OrganizationPage /> },
          {
            path: '/organizations/:id/edit',
            element: (
              <RequireAuth>
                <OrganizationEditPage />
              </RequireAuth>
            ),
          },
          {
            path: '/organizations/:id/inventory',
            element: (
              <RequireAuth>
                <InventoryWizardPage />
              </RequireAuth>
            ),
          },
          { path: '/resources', element: <CataloguePage /> },
          {
            path: '/needs/:id/suggestions',
            element: (
              <RequireAuth>
                <SuggestionsPage />
              </RequireAuth>
            ),
          },
          {
            path: '/exchanges',
            element: (
              <RequireAuth>
                <ExchangesPage />
              </RequireAuth>
            ),
          },
          {
            path: '/exchanges/:id',
            element: (
              <RequireAuth>
                <ExchangePage />
              </RequireAuth>
            ),
          },
          {
            // for the authority and the operator; the page explains itself to anyone else
            path: '/exchange-picture',
            element: (
              <RequireAuth>
                <MunicipalityExchangePage />
              </RequireAuth>
            ),
          },
          { path: '/networks', element: <NetworksPage /> },
          {
            path: '/networks/new',
            element: (
              <RequireAuth>
                <NetworkCreatePage />
              </RequireAuth>
            ),
          },
          { path: '/networks/:id/:tab?/:sub?', element: <NetworkPage /> },
          { path: '/sign-in', element: <SignInPage /> },
          {
            path: '/audit',
            element: (
              <RequireAuth roles={['operator']}>
                <AuditPage />
              </RequireAuth>
            ),
          },
          ...programmesRoutes, ...familiesRoutes, ...enrolmentsRoutes, ...learningRoutes, ...campaignsRoutes, ...notificationsRoutes, ...outboxRoutes, ...profileRoutes, ...staffImportRoutes, ...deskRoutes, ...checkInRoutes, ...certificatesRoutes, ...consultationsRoutes, ...calendarRoutes, ...eventsRoutes, ...practicesRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  const { i18n } = useTranslation();
  // calendars (month and day names, the week from Monday) follow the interface's language
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'ru', firstDayOfWeek: 1 }}>
      <RouterProvider router={router} />
    </DatesProvider>
  );
}
