import { Radio, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api/errors';
import { MAIL_PREFERENCES, type MailPreference, type Profile, useMailPreference } from './api';
import { ProfileSection } from './ProfileSection';
import './strings';

/** At once, a daily digest, or no letters: saved as soon as it is chosen. */
export function MailPreferenceSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const save = useMailPreference();
  const onChange = (value: string) =>
    save.mutate(value as MailPreference, {
      onSuccess: () => notifications.show({ color: 'green', message: t('profile.mail.saved') }),
      onError: (err) => notifications.show({ color: 'red', message: errorMessage(err, t) }),
    });
  return (
    <ProfileSection title={t('profile.mail.title')} intro={t('profile.mail.intro')}>
      <Radio.Group label={t('profile.mail.legend')} value={save.isPending ? save.variables : profile.mailPreference} onChange={onChange}>
        <Stack gap="sm" mt="xs">
          {MAIL_PREFERENCES.map((preference) => (
            <Radio key={preference} value={preference} label={t(`profile.mail.${preference}`)} description={t(`profile.mail.${preference}Hint`)} disabled={save.isPending} />
          ))}
        </Stack>
      </Radio.Group>
    </ProfileSection>
  );
}
