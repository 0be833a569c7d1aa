import { Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMunicipalities } from '../../shared/api/queries';
import type { Me } from '../../shared/api/types';
import { MEMBERSHIP_ROLES } from './types';
import { useActingOrganization } from './actingOrganization';
import { placeName } from '../../shared/i18n/place-names';

/**
 * The user menu's part about the person's places: their region-wide roles (an authority with its municipality), then
 * each organisation with their roles in it. With several organisations, the one they act for is marked, and choosing
 * another opens it and makes it the one forms start from.
 */
export function MyRolesMenuSection({ user }: { user: Me }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const { organizations, acting, setActing } = useActingOrganization(MEMBERSHIP_ROLES);
  const municipalityName = municipalities.data?.find((m) => m.id === user.municipalityId)?.name;
  const rolesIn = (organizationId: string) =>
    user.memberships
      .filter((m) => m.organizationId === organizationId)
      .map((m) => t(`roles.${m.role}`))
      .join(', ');
  const several = organizations.length > 1;

  return (
    <>
      {user.platformRoles.length > 0 && (
        <Menu.Label>
          {user.platformRoles.map((role) => (
            <Text key={role} size="xs" c="dimmed">
              {role === 'authority' && municipalityName ? `${t(`roles.${role}`)} · ${placeName(municipalityName)}` : t(`roles.${role}`)}
            </Text>
          ))}
        </Menu.Label>
      )}
      {organizations.length > 0 && (
        <>
          <Menu.Divider />
          <Menu.Label>{t('header.myOrganizations')}</Menu.Label>
          {organizations.map((o) => {
            const current = several && o.id === acting?.id;
            return (
              <Menu.Item
                key={o.id}
                component={Link}
                to={`/organizations/${o.id}`}
                onClick={() => setActing(o.id)}
                aria-current={current ? 'true' : undefined}
                leftSection={several ? <Text span w={12} aria-hidden>{current ? '✓' : ''}</Text> : undefined}
              >
                <Text size="sm" fw={current ? 600 : undefined} lh={1.3}>
                  {o.name}
                </Text>
                <Text size="xs" c="dimmed" lh={1.3}>
                  {rolesIn(o.id)}
                  {current ? ` · ${t('header.actingCurrent')}` : ''}
                </Text>
              </Menu.Item>
            );
          })}
        </>
      )}
    </>
  );
}
