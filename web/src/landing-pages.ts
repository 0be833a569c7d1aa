/**
 * Pages people open from outside — a link in a letter, a bookmark, the address bar — with the module of each (as
 * App.tsx and the features' routes.tsx load it). The build (vite.config.ts) turns this into the list of each page's
 * chunks, and the server names them in that page's index.html (`<link rel="modulepreload">`), so a slow line brings
 * them along with the shell instead of after it. A page not listed still works: its chunks come once the shell runs.
 * Paths in react-router's form; where two match, the one with more fixed parts wins (`/programmes/new` over `/programmes/:id`).
 */
export const LANDING_PAGES: Record<string, string> = {
  '/organizations': 'src/features/organizations/RegistryPage.tsx',
  '/organizations/:id': 'src/features/organizations/OrganizationPage.tsx',
  '/organizations/new': 'src/features/organizations/OrganizationEditPages.tsx',
  '/organizations/import': 'src/features/organizations/ImportPage.tsx',
  '/resources': 'src/features/inventory/CataloguePage.tsx',
  '/networks': 'src/features/networks/NetworksPage.tsx',
  '/networks/:id/:tab?/:sub?': 'src/features/networks/NetworkPage.tsx',
  '/networks/new': 'src/features/networks/NetworkCreatePage.tsx',
  '/programmes': 'src/features/programmes/CataloguePage.tsx',
  '/programmes/:id': 'src/features/programmes/ProgrammePage.tsx',
  '/programmes/new': 'src/features/programmes/ProgrammeFormPage.tsx',
  '/exchanges/:id': 'src/features/exchanges/ExchangePage.tsx',
  '/sign-in': 'src/features/auth/SignInPage.tsx',
  '/desk': 'src/features/desk/DeskPage.tsx',
  '/children': 'src/features/families/ChildrenPage.tsx',
  '/register': 'src/features/families/RegisterPage.tsx',
  '/confirm-registration/:token': 'src/features/families/ConfirmRegistrationPage.tsx',
  '/invitation/:token': 'src/features/people/AcceptInvitationPage.tsx',
  '/reset-password/:token': 'src/features/profile/ResetPasswordPage.tsx',
  '/confirm-email/:token': 'src/features/profile/ConfirmEmailPage.tsx',
  // A ticket's QR read by a phone's own camera app; a certificate's QR and link on paper; the certificates notification.
  '/events/:id/check-in': 'src/features/events/check-in/CheckInPage.tsx',
  '/certificates/verify': 'src/features/certificates/VerifyPage.tsx',
  '/certificates/verify/:code': 'src/features/certificates/VerifyPage.tsx',
  '/certificates': 'src/features/certificates/MyCertificatesPage.tsx',
};
