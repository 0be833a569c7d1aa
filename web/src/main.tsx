import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_THEME, MantineProvider, Modal, Notification, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dropzone/styles.css';
import './shared/styles.css';
import './shared/i18n';
import { queryClient } from './shared/api/query-client';
import { readablePalette } from './shared/contrast';
import { AuthProvider } from './shared/auth/AuthContext';
import { App } from './App';

const theme = createTheme({
  primaryColor: 'blue',
  // every coloured text, badge, alert and button at 4.5:1 (WCAG AA) in the text shades 7–9
  colors: readablePalette(DEFAULT_THEME.colors),
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, system-ui, sans-serif',
  headings: { fontWeight: '700' },
  focusRing: 'auto',
  // a person who asks for less motion gets none: popovers and menus appear without fading
  respectReducedMotion: true,
});

// Text must stay readable (WCAG AA, 4.5:1 on white): dimmed text in gray.7 rather than gray.6, and the error
// red of every form's messages and borders in red.8 rather than red.6 (#fa5252 is only 3.28:1).
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-8)' },
  dark: {},
});

/** The app inside Mantine, whose theme names the close button of every notification and dialog in the language in use. */
function Root() {
  const { t } = useTranslation();
  const localizedTheme = useMemo(() => {
    const closeButtonProps = { 'aria-label': t('common.close') };
    return createTheme({
      ...theme,
      components: { Notification: Notification.extend({ defaultProps: { closeButtonProps } }), Modal: Modal.extend({ defaultProps: { closeButtonProps } }) },
    });
  }, [t]);
  return (
    <MantineProvider theme={localizedTheme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <App />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
