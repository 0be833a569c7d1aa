import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Stack, Textarea } from '@mantine/core';
import { type UseFormRegisterReturn, useForm } from 'react-hook-form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { requiredProps } from '../../shared/components/required';
import { submitFailure } from './formErrors';
import { ModalActions } from './ModalActions';
import './strings';

/**
 * A change that must say why (revoking a role, deactivating an account): what will happen, a required reason that goes
 * to the audit log, and the button. Closes only when the change succeeded.
 */
export function ReasonModal({
  title,
  children,
  confirmLabel,
  color = 'blue',
  onConfirm,
  onClose,
}: {
  title: string;
  /** what pressing the button does, in a sentence or two */
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });

  const onSubmit = handleSubmit(async ({ reason }) => {
    setError(null);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (err) {
      setError(submitFailure(err, setFieldError, ['reason'], t));
    }
  });

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={title} centered size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {children}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ReasonField registration={register('reason', reasonRules(t))} error={errors.reason?.message} autoFocus />
          <ModalActions onCancel={onClose}>
            <Button type="submit" color={color} loading={isSubmitting}>
              {confirmLabel}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}

/** «Причина» must say something: it is what the audit log keeps of why. */
export function reasonRules(t: TFunction) {
  return { validate: (v: string) => v.trim().length >= 3 || t('people.reason.required') };
}

/** The required «Причина» field of a change that the audit log records. */
export function ReasonField({ registration, error, autoFocus }: { registration: UseFormRegisterReturn; error?: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={t('people.reason.label')}
      description={t('people.reason.hint')}
      autosize
      minRows={2}
      data-autofocus={autoFocus || undefined}
      {...requiredProps}
      {...registration}
      error={error}
    />
  );
}
