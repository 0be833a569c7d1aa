import { Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../shared/dates';
import type { Profile } from './api';
import { ProfileSection } from './ProfileSection';
import './strings';

/** Name, address and the roles the person holds: read-only, since others grant roles. */
export function PersonalSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const platformRoles = profile.platformRoles.map((role) =>
    role === 'authority' && profile.municipality ? t('profile.personal.municipalityRole', { role: t(`roles.${role}`), municipality: profile.municipality.name }) : t(`roles.${role}`),
  );
  return (
    <ProfileSection title={t('profile.personal.title')}>
      <dl className="orbita-dl">
        <dt>{t('profile.personal.fullName')}</dt>
        <dd>{profile.fullName}</dd>
        <dt>{t('profile.personal.email')}</dt>
        <dd>{profile.email}</dd>
        <dt>{t('profile.personal.since')}</dt>
        <dd>{formatDate(profile.createdAt)}</dd>
        {platformRoles.length > 0 && (
          <>
            <dt>{t('profile.personal.roles')}</dt>
            <dd>{platformRoles.join('; ')}</dd>
          </>
        )}
        {profile.memberships.length > 0 && (
          <>
            <dt>{t('profile.personal.organizations')}</dt>
            <dd>
              <List size="sm" spacing={4} listStyleType="none" p={0}>
                {profile.memberships.map((m) => (
                  <List.Item key={`${m.organizationId}-${m.role}`}>
                    {t(`roles.${m.role}`)} —{' '}
                    <Anchor component={Link} to={`/organizations/${m.organizationId}`} fz="inherit">
                      {m.organizationName}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </dd>
          </>
        )}
        {platformRoles.length + profile.memberships.length === 0 && (
          <>
            <dt>{t('profile.personal.roles')}</dt>
            <dd>{t('profile.personal.noRoles')}</dd>
          </>
        )}
      </dl>
      {profile.ssoLinked && <Text size="sm">{t('profile.personal.sso')}</Text>}
      <Text size="xs" c="dimmed">
        {t('profile.personal.rolesHint')}
      </Text>
    </ProfileSection>
  );
}
