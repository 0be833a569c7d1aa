import { useEffect } from 'react';
import { Anchor, AppShell, Burger, Divider, Group, NavLink, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { useRegion } from '../api/queries';
import { setRegionTimezone } from '../dates';
import { LogoMark } from '../components/Logo';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';
import { NotificationBell } from '../../features/notifications/NotificationBell';
import { NAV_ENTRIES, type NavEntry } from './nav';
import { placeName } from '../i18n/place-names';

function isActive(pathname: string, entry: NavEntry): boolean {
  return pathname === entry.path || pathname.startsWith(`${entry.path}/`);
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { user } = useAuth();
  const region = useRegion();
  const location = useLocation();

  useEffect(() => {
    setRegionTimezone(region.data?.timezone);
  }, [region.data?.timezone]);

  // close the mobile menu and start at the top after navigating
  useEffect(() => {
    close();
    window.scrollTo(0, 0);
  }, [location.pathname, close]);

  const entries = NAV_ENTRIES.filter((e) => !e.visible || e.visible(user ?? null));
  const main = entries.filter((e) => (e.group ?? 'main') === 'main');
  const admin = entries.filter((e) => e.group === 'admin');

  const skipToMain = (e: React.MouseEvent) => {
    e.preventDefault();
    const el = document.getElementById('main-content');
    el?.focus();
    el?.scrollIntoView();
  };

  const renderEntry = (entry: NavEntry) => {
    const active = isActive(location.pathname, entry);
    return (
      <NavLink
        key={entry.path}
        component={Link}
        to={entry.path}
        label={t(entry.labelKey)}
        rightSection={entry.badge && <entry.badge />}
        active={active}
        aria-current={active ? 'page' : undefined}
        variant="light"
        className="orbita-navlink"
      />
    );
  };

  return (
    <>
      <a href="#main-content" className="orbita-skip-link" onClick={skipToMain}>
        {t('app.skipLink')}
      </a>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'md', sm: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
                aria-expanded={opened}
                aria-controls="orbita-navbar"
              />
              {/* Named by its visible text (the platform and the region), so speech control finds it by what it shows. */}
              <UnstyledButton component={Link} to="/" className="orbita-brand">
                <Group gap={10} wrap="nowrap">
                  <LogoMark size={34} />
                  <div style={{ minWidth: 0 }}>
                    <Text fw={700} size="lg" lh={1.1} c="var(--mantine-color-text)">
                      {t('app.name')}
                    </Text>
                    {region.data && (
                      <Text size="xs" c="dimmed" lh={1.2} truncate visibleFrom="xs" maw={360}>
                        {placeName(region.data.name)}
                      </Text>
                    )}
                  </div>
                </Group>
              </UnstyledButton>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <NotificationBell />
              <LanguageSwitch />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm" id="orbita-navbar" aria-label={t('nav.label')} component="nav">
          <AppShell.Section grow component={ScrollArea}>
            <Stack gap={4}>
              <NavLink
                component={Link}
                to="/"
                label={t('nav.home')}
                active={location.pathname === '/'}
                aria-current={location.pathname === '/' ? 'page' : undefined}
                variant="light"
                className="orbita-navlink"
              />
              {main.map(renderEntry)}
              {admin.length > 0 && (
                <>
                  <Divider my="sm" />
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" id="orbita-nav-admin">
                    {t('nav.sectionAdmin')}
                  </Text>
                  {admin.map(renderEntry)}
                </>
              )}
            </Stack>
          </AppShell.Section>
          {region.data && (
            <AppShell.Section hiddenFrom="xs" pt="sm">
              <Text size="xs" c="dimmed">
                {placeName(region.data.name)}
              </Text>
            </AppShell.Section>
          )}
        </AppShell.Navbar>

        <AppShell.Main id="main-content" tabIndex={-1} className="orbita-main">
          <div className="orbita-page">
            <Outlet />
          </div>
          <footer className="orbita-footer">
            <Divider mb="md" />
            <Group justify="space-between" gap="xs">
              <Text size="sm" c="dimmed">
                {t('app.footer')}
                {region.data ? ` · ${placeName(region.data.name)}` : ''}
              </Text>
              <Anchor href="/api/docs" size="sm" c="dimmed">
                {t('app.apiDocs')}
              </Anchor>
            </Group>
          </footer>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
