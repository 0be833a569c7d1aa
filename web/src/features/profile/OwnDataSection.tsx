import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OWN_DATA_EXPORT_URL, type Profile } from './api';
import { ProfileSection } from './ProfileSection';
import './strings';

/** «Мои данные»: everything the platform keeps about the person, as one JSON file (152-ФЗ). */
export function OwnDataSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  return (
    <ProfileSection title={t('profile.data.title')} intro={t('profile.data.intro')}>
      {profile.platformRoles.includes('guardian') && <Text size="sm">{t('profile.data.guardianHint')}</Text>}
      <Group>
        <Button component="a" href={OWN_DATA_EXPORT_URL} download variant="light">
          {t('profile.data.download')}
        </Button>
      </Group>
    </ProfileSection>
  );
}
