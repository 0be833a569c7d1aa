import { Avatar, Button, Menu, Text, UnstyledButton, Group, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { errorMessage } from '../api/errors';
import { MyRolesMenuSection } from '../../features/people/MyRolesMenuSection';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const { user, loading, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();

  if (loading) return null;
  if (!user) {
    if (location.pathname === '/sign-in') return null;
    const next = location.pathname + location.search;
    return (
      <Button component={Link} to={`/sign-in?next=${encodeURIComponent(next)}`} size="sm">
        {t('header.signIn')}
      </Button>
    );
  }

  const name = user.fullName || user.email;

  const onSignOut = async () => {
    try {
      await signOut();
      notifications.show({ message: t('header.signedOut') });
      navigate('/');
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err, t) });
    }
  };

  return (
    // Opening moves focus to the first item, as the menu pattern has it; Mantine's placeholder that holds focus
    // instead is a focusable role="presentation" child, which a role="menu" may not contain.
    <Menu position="bottom-end" withinPortal shadow="md" width={300} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        {/* Named by its content, «Меню пользователя <name>», which holds the name it shows (label in name); an
            aria-label would leave out the initials, which count as visible text. On a phone only the initials show. */}
        <UnstyledButton className="orbita-user-button">
          <Group gap="xs" wrap="nowrap">
            <Avatar color="blue" radius="xl" size="sm" aria-hidden>
              {initials(name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" truncate maw={180} aria-hidden>
              {name}
            </Text>
            <VisuallyHidden>{t('header.userMenu', { name })}</VisuallyHidden>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {name}
          </Text>
          <Text size="xs" c="dimmed">
            {user.email}
          </Text>
        </Menu.Label>
        <MyRolesMenuSection user={user} />
        <Menu.Divider />
        <Menu.Item component={Link} to="/profile">
          {t('header.profile')}
        </Menu.Item>
        <Menu.Item component={Link} to="/certificates">
          {t('header.certificates')}
        </Menu.Item>
        {/* Red text in red.9 over the menu's grey hover keeps 4.5:1 in both states; `color="red"` gives red.6 (3.28:1 on
            white) on a pink hover (2.2:1). */}
        <Menu.Item onClick={onSignOut} c="red.9">
          {t('header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
