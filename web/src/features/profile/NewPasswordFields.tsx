import { PasswordInput } from '@mantine/core';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../server/src/algorithms/password-length';
import { requiredProps } from '../../shared/components/required';
import { NewPasswordInput, type PasswordOwner } from './NewPasswordInput';
import '../auth/strings';
import './strings';

/** The fields of a password form; the reset form has no current password. */
export interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** «Новый пароль» with its strength and «Повторите», for the profile's change form and the reset page. */
export function NewPasswordFields({ register, errors, typed, owner }: { register: UseFormRegister<PasswordValues>; errors: FieldErrors<PasswordValues>; typed: string; owner?: PasswordOwner }) {
  const { t } = useTranslation();
  return (
    <>
      <NewPasswordInput
        label={t('profile.password.new')}
        description={t('profile.password.newHint', { min: PASSWORD_MIN_LENGTH })}
        {...requiredProps}
        typed={typed}
        owner={owner}
        {...register('newPassword', {
          required: t('profile.password.required'),
          minLength: { value: PASSWORD_MIN_LENGTH, message: t('profile.password.tooShort', { min: PASSWORD_MIN_LENGTH }) },
          validate: (v, all) => !all.currentPassword || v !== all.currentPassword || t('profile.password.sameAsOld'),
          deps: ['repeat'],
        })}
        error={errors.newPassword?.message}
      />
      <PasswordInput
        label={t('profile.password.repeat')}
        autoComplete="new-password"
        {...requiredProps}
        visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
        {...register('repeat', {
          required: t('profile.password.required'),
          validate: (v, all) => v === all.newPassword || t('profile.password.mismatch'),
        })}
        error={errors.repeat?.message}
      />
    </>
  );
}

/** The first password of a new account, chosen on a registration or invitation link. */
export interface ChosenPasswordValues {
  password: string;
  passwordRepeat: string;
}

/** «Пароль» with its strength and «Пароль ещё раз», for the registration and invitation links. */
export function ChosenPasswordFields({
  register,
  errors,
  typed,
  owner,
}: {
  register: UseFormRegister<ChosenPasswordValues>;
  errors: FieldErrors<ChosenPasswordValues>;
  typed: string;
  owner: PasswordOwner;
}) {
  const { t } = useTranslation();
  return (
    <>
      <NewPasswordInput
        label={t('profile.password.chosen')}
        description={t('profile.password.newHint', { min: PASSWORD_MIN_LENGTH })}
        autoFocus
        {...requiredProps}
        typed={typed}
        owner={owner}
        {...register('password', { validate: (v) => v.length >= PASSWORD_MIN_LENGTH || t('profile.password.tooShort', { min: PASSWORD_MIN_LENGTH }) })}
        error={errors.password?.message}
      />
      <PasswordInput
        label={t('profile.password.chosenRepeat')}
        autoComplete="new-password"
        {...requiredProps}
        visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
        {...register('passwordRepeat', { validate: (v, all) => v === all.password || t('profile.password.mismatch') })}
        error={errors.passwordRepeat?.message}
      />
    </>
  );
}
