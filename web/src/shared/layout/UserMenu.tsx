import { Avatar, Button, Menu, Text, UnstyledButton, Group } from '@mantine/core';
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
    <Menu position="bottom-end" withinPortal shadow="md" width={300}>
      <Menu.Target>
        <UnstyledButton aria-label={t('header.userMenu', { name })} className="orbita-user-button">
          <Group gap="xs" wrap="nowrap">
            <Avatar color="blue" radius="xl" size="sm" aria-hidden>
              {initials(name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" truncate maw={180}>
              {name}
            </Text>
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
          {t('profile.menuLink')}
        </Menu.Item>
        <Menu.Item onClick={onSignOut} color="red">
          {t('header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
