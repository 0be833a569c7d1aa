import { type Ref, useDeferredValue, useEffect, useState } from 'react';
import { PasswordInput, type PasswordInputProps, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PasswordVerdict } from '../../../../server/src/algorithms/password-strength';
import '../auth/strings';
import './strings';

// The estimator and its word lists weigh about a megabyte: loaded the first time someone chooses a password,
// not with the app.
const loadEstimator = () => import('../../../../server/src/algorithms/password-strength');

/** Whose password it is: their address and name make a password weak, as the server counts. */
export interface PasswordOwner {
  email?: string | null;
  fullName?: string | null;
}

const colors = ['red', 'red', 'orange', 'teal', 'green'] as const;

/** How the server will judge the password being typed, shown as it is typed: a bar and the reason it is weak. */
function PasswordStrength({ password, owner }: { password: string; owner: PasswordOwner }) {
  const { t } = useTranslation();
  const typed = useDeferredValue(password);
  const [verdict, setVerdict] = useState<PasswordVerdict | null>(null);
  const { email, fullName } = owner;
  useEffect(() => {
    let current = true;
    if (!typed) return setVerdict(null);
    void loadEstimator().then(({ assessPassword, personalWords }) => {
      if (current) setVerdict(assessPassword(typed, personalWords({ email, fullName })));
    });
    return () => {
      current = false;
    };
  }, [typed, email, fullName]);
  if (!verdict) return null;
  return (
    <Stack gap={4} aria-live="polite">
      <Progress value={((verdict.score + 1) / 5) * 100} color={colors[verdict.score]} size="sm" aria-label={t('profile.strength.label')} />
      <Text size="xs" c={verdict.acceptable ? 'teal.8' : 'red.8'}>
        {verdict.acceptable ? t(verdict.score === 4 ? 'profile.strength.veryStrong' : 'profile.strength.strong') : verdict.hint}
      </Text>
    </Stack>
  );
}

/**
 * The field where a new password is chosen, with the strength meter under it; every form that sets a password
 * uses it (profile, reset link, registration link, invitation). Takes react-hook-form's `register` props, and
 * the text typed so far (from `watch`) for the meter.
 */
export function NewPasswordInput({ typed, owner = {}, ...props }: PasswordInputProps & { typed: string; owner?: PasswordOwner; ref?: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <PasswordInput autoComplete="new-password" visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }} {...props} />
      <PasswordStrength password={typed} owner={owner} />
    </Stack>
  );
}
