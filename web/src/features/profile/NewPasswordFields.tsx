import { PasswordInput } from '@mantine/core';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { requiredProps } from '../../shared/components/required';

/** The fields of a password form; the reset form has no current password. */
export interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export const MIN_PASSWORD_LENGTH = 10;

/** «Новый пароль» and «Повторите» with the server's length rule, for the profile's change form and the reset page. */
export function NewPasswordFields({ register, errors }: { register: UseFormRegister<PasswordValues>; errors: FieldErrors<PasswordValues> }) {
  const { t } = useTranslation();
  const toggle = { 'aria-label': t('auth.showPassword') };
  return (
    <>
      <PasswordInput
        label={t('profile.password.new')}
        description={t('profile.password.newHint')}
        autoComplete="new-password"
        {...requiredProps}
        visibilityToggleButtonProps={toggle}
        {...register('newPassword', {
          required: t('profile.password.required'),
          minLength: { value: MIN_PASSWORD_LENGTH, message: t('profile.password.tooShort') },
          validate: (v, all) => !all.currentPassword || v !== all.currentPassword || t('profile.password.sameAsOld'),
          deps: ['repeat'],
        })}
        error={errors.newPassword?.message}
      />
      <PasswordInput
        label={t('profile.password.repeat')}
        autoComplete="new-password"
        {...requiredProps}
        visibilityToggleButtonProps={toggle}
        {...register('repeat', {
          required: t('profile.password.required'),
          validate: (v, all) => v === all.newPassword || t('profile.password.mismatch'),
        })}
        error={errors.repeat?.message}
      />
    </>
  );
}
