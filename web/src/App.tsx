import { createBrowserRouter, RouterProvider } from 'react-router';
import { DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from './shared/auth/guards';
import { AppLayout } from './shared/layout/AppLayout';
import { HomePage } from './features/home/HomePage';
import { peopleRoutes } from './features/people/routes';
import { NotFoundPage } from './features/home/NotFoundPage';
import { RegistryPage } from './features/organizations/RegistryPage';
import { OrganizationPage } from './features/organizations/OrganizationPage';
import { OrganizationCreatePage, OrganizationEditPage } from './features/organizations/OrganizationEditPages';
import { ImportPage } from './features/organizations/ImportPage';
import { SignInPage } from './features/auth/SignInPage';
import { AuditPage } from './features/audit/AuditPage';
import { NetworksPage } from './features/networks/NetworksPage';
import { NetworkCreatePage } from './features/networks/NetworkCreatePage';
import { NetworkPage } from './features/networks/NetworkPage';
import { CataloguePage } from './features/inventory/CataloguePage';
import { InventoryWizardPage } from './features/inventory/InventoryWizardPage';
import { SuggestionsPage } from './features/inventory/SuggestionsPage';
import { ExchangesPage } from './features/exchanges/ExchangesPage';
import { ExchangePage } from './features/exchanges/ExchangePage';
import { MunicipalityExchangePage } from './features/exchanges/MunicipalityExchangePage';
import { programmesRoutes } from './features/programmes/routes';
import { familiesRoutes } from './features/families/routes';
import { enrolmentsRoutes } from './features/enrolments/routes';
import { learningRoutes } from './features/learning/routes';
import { campaignsRoutes } from './features/campaigns/routes';
import { notificationsRoutes } from './features/notifications/routes';
import { outboxRoutes } from './features/outbox/routes';
import { profileRoutes } from './features/profile/routes';
import { staffImportRoutes } from './features/staff-imports/routes';

function CreateRoute() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['operator', 'authority']} forbiddenText={t('form.forbidden')}>
      <OrganizationCreatePage />
    </RequireAuth>
  );
}

function ImportRoute() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['operator', 'authority']} forbiddenText={t('import.forbidden')}>
      <ImportPage />
    </RequireAuth>
  );
}

const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      ...peopleRoutes,
      { path: '/organizations', element: <RegistryPage /> },
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
      ...programmesRoutes, ...familiesRoutes, ...enrolmentsRoutes, ...learningRoutes, ...campaignsRoutes, ...notificationsRoutes, ...outboxRoutes, ...profileRoutes, ...staffImportRoutes,
      { path: '*', element: <NotFoundPage /> },
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
