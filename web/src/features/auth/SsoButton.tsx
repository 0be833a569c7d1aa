import { Button, Divider } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { buildQuery, http } from '../../shared/api/client';
import './strings';

interface SsoSettings {
  enabled: boolean;
  name: string | null;
}

/** Whether the region's single sign-on is configured, and its name for the button. */
export function useSsoSettings() {
  return useQuery({
    queryKey: ['auth', 'sso'],
    queryFn: ({ signal }) => http.get<SsoSettings>('/auth/sso', undefined, signal),
    staleTime: 60 * 60 * 1000,
  });
}

/**
 * «или / Войти через …» below a password form: a plain link to the server's SSO start, which sends the whole page
 * to the region's provider. Shown only when SSO is configured. With an invitation token, signing in there accepts it.
 */
export function SsoButton({ next, invitation }: { next?: string; invitation?: string }) {
  const { t } = useTranslation();
  const { data } = useSsoSettings();
  if (!data?.enabled || !data.name) return null;
  return (
    <>
      <Divider label={t('sso.or')} labelPosition="center" />
        <Button component="a" href={`/api/auth/sso/start${buildQuery({ next, invitation })}`} variant="default" size="md" fullWidth>
        {t('sso.signIn', { name: data.name })}
      </Button>
    </>
  );
}
