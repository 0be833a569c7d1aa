import { useEffect, useRef } from 'react';
import { Button, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth } from '../../shared/auth/AuthContext';
import './strings';

interface AdminLink {
  path: string;
  labelKey: string;
  operatorOnly?: boolean;
}

/** The parts of «Администрирование»; the staff import, the outbox and the audit log are other areas' pages, reached from here too. */
const ADMIN_LINKS: AdminLink[] = [
  { path: '/admin/people', labelKey: 'people.admin.people' },
  { path: '/admin/invitations', labelKey: 'people.admin.invitations' },
  { path: '/admin/staff-import', labelKey: 'people.admin.staffImport' },
  { path: '/admin/municipalities', labelKey: 'people.admin.municipalities', operatorOnly: true },
  { path: '/admin/outbox', labelKey: 'people.admin.outbox', operatorOnly: true },
  { path: '/audit', labelKey: 'nav.audit', operatorOnly: true },
];

/**
 * The heading and the row of links over every «Администрирование» page. Links, not ARIA tabs: each part is a page
 * of its own with an address to share. Other areas' admin pages (the outbox) may draw it too.
 */
export function AdminTabs() {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const { pathname } = useLocation();
  const operator = hasRole('operator');
  const links = ADMIN_LINKS.filter((l) => operator || !l.operatorOnly);
  // on a phone the row scrolls: keep the current part in view
  const current = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" c="dimmed" fw={600}>
          {t('nav.sectionAdmin')}
        </Text>
      </div>
      <ScrollArea type="auto" offsetScrollbars scrollbarSize={6}>
        <nav aria-label={t('people.admin.sections')}>
          <Group gap={4} wrap="nowrap" pb={4}>
            {links.map((link) => {
              const active = pathname === link.path || pathname.startsWith(`${link.path}/`);
              return (
                <Button
                  key={link.path}
                  component={Link}
                  to={link.path}
                  variant={active ? 'light' : 'subtle'}
                  color={active ? 'blue' : 'gray'}
                  aria-current={active ? 'page' : undefined}
                  ref={active ? current : undefined}
                  size="sm"
                  style={{ flexShrink: 0 }}
                >
                  {t(link.labelKey)}
                </Button>
              );
            })}
          </Group>
        </nav>
      </ScrollArea>
    </Stack>
  );
}

/** /admin/*: the section's links above the chosen part. */
export function AdminSection() {
  return (
    <Stack gap="lg">
      <AdminTabs />
      <Outlet />
    </Stack>
  );
}

/** The title and one line of explanation of an admin page. */
export function AdminPageTitle({ title, intro }: { title: string; intro: string }) {
  return (
    <div>
      <Title order={1}>{title}</Title>
      <Text c="dimmed" mt={4} maw={820}>
        {intro}
      </Text>
    </div>
  );
}
