import { Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useProfile } from './api';
import { DeleteAccountSection } from './DeleteAccountSection';
import { EmailSection } from './EmailSection';
import { MailPreferenceSection } from './MailPreferenceSection';
import { OwnDataSection } from './OwnDataSection';
import { PasswordSection } from './PasswordSection';
import { PersonalSection } from './PersonalSection';
import { SessionsSection } from './SessionsSection';
import './strings';

/** /profile — «Мой профиль»: data and roles, password, address, sessions, mail preference, own data export, deleting the account. */
export function ProfilePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('profile.title'));
  const profile = useProfile();
  return (
    <Stack gap="lg" maw={760}>
      <Stack gap={4}>
        <Title order={1}>{t('profile.title')}</Title>
        <Text c="dimmed">{t('profile.intro')}</Text>
      </Stack>
      {profile.isPending ? (
        <Stack gap="lg" aria-busy="true">
          <Skeleton height={180} />
          <Skeleton height={240} />
        </Stack>
      ) : profile.isError ? (
        <ErrorState error={profile.error} onRetry={() => profile.refetch()} />
      ) : (
        <>
          <PersonalSection profile={profile.data} />
          <PasswordSection profile={profile.data} />
          <EmailSection profile={profile.data} />
          <SessionsSection />
          <MailPreferenceSection profile={profile.data} />
          <OwnDataSection profile={profile.data} />
          <DeleteAccountSection />
        </>
      )}
    </Stack>
  );
}
