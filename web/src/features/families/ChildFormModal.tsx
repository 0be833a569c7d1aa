import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStaleVersion } from '../../shared/api/errors';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { DateField } from '../../shared/components/DateField';
import { OrganizationPicker, type PickedOrganization } from '../networks/OrganizationPicker';
import { type Child, useSaveChild } from './api';
import './strings';

/** Kinds of organisation a child may name as its school (the server checks the same: families/child-fields.ts). */
const SCHOOL_KINDS = ['school', 'lyceum', 'gymnasium', 'preschool'] as const;
const GRADES = Array.from({ length: 12 }, (_, grade) => grade);

interface ChildFormValues {
  fullName: string;
  /** '' when not given */
  grade: string;
  birthDate: string;
  /** the picked school, named like the API's field so its errors land here */
  homeSchoolId: PickedOrganization | null;
}

/** Adds a child or corrects one: the minimum — a name, a grade or date of birth, the school. */
export function ChildFormModal({ child, onClose, onSaved }: { child: Child | null; onClose: () => void; onSaved?: (child: Child) => void }) {
  const { t } = useTranslation();
  const save = useSaveChild(child);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    watch,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<ChildFormValues>({
    defaultValues: {
      fullName: child?.fullName ?? '',
      grade: child?.grade != null ? String(child.grade) : '',
      birthDate: child?.birthDate ?? '',
      homeSchoolId: child?.homeSchool ? { id: child.homeSchool.id, name: child.homeSchool.shortName } : null,
    },
  });
  const school = watch('homeSchoolId');
  const schoolChanged = !!child?.homeSchoolConfirmedAt && school?.id !== child.homeSchool?.id;

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    try {
      const saved = await save.mutateAsync({
        fullName: values.fullName.trim(),
        grade: values.grade === '' ? null : Number(values.grade),
        birthDate: values.birthDate || null,
        homeSchoolId: values.homeSchoolId?.id ?? null,
      });
      notifications.show({ color: 'green', message: t(child ? 'families.form.saved' : 'families.form.added') });
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) return setStale(true);
      const rest = applyFieldErrors(err, setFieldError, ['fullName', 'grade', 'birthDate', 'homeSchoolId']);
      if (rest.length || !(err instanceof ApiError && err.fieldErrors.length)) setError(rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t(child ? 'families.form.editTitle' : 'families.form.addTitle')} size="lg" centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('families.form.intro')}
          </Text>
          {stale && (
            <ConflictAlert title={t('families.form.conflictTitle')}>
              <Text size="sm">{t('families.form.conflictText')}</Text>
            </ConflictAlert>
          )}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('families.form.fullName')}
            labelProps={{ className: 'orbita-required' }}
            autoFocus
            autoComplete="off"
            {...register('fullName', { validate: (v) => v.trim().length >= 2 || t('families.form.fullNameRequired') })}
            error={errors.fullName?.message}
          />
          <Group grow align="flex-start" wrap="wrap">
            <Controller
              control={control}
              name="grade"
              rules={{ validate: (grade, all) => grade !== '' || all.birthDate !== '' || t('families.form.gradeOrBirth') }}
              render={({ field, fieldState }) => (
                <Select
                  label={t('families.form.grade')}
                  placeholder={t('families.form.gradePlaceholder')}
                  data={GRADES.map((grade) => ({ value: String(grade), label: grade === 0 ? t('families.form.gradeZero') : t('families.form.gradeOption', { grade }) }))}
                  clearable
                  value={field.value || null}
                  onChange={(value) => field.onChange(value ?? '')}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={fieldState.error?.message}
                  comboboxProps={{ withinPortal: true }}
                  miw={200}
                />
              )}
            />
            <Controller
              control={control}
              name="birthDate"
              rules={{ deps: ['grade'] }}
              render={({ field, fieldState }) => (
                <DateField label={t('families.form.birthDate')} description={t('families.form.birthDateHint')} {...field} error={fieldState.error?.message} miw={200} />
              )}
            />
          </Group>
          <Controller
            control={control}
            name="homeSchoolId"
            render={({ field, fieldState }) => (
              <OrganizationPicker
                label={t('families.form.school')}
                placeholder={t('families.form.schoolHint')}
                kinds={SCHOOL_KINDS}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
          {schoolChanged && (
            <Text size="sm" c="orange.9">
              {t('families.form.schoolChangeWarning')}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('families.form.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting} disabled={stale}>
              {t(child ? 'families.form.save' : 'families.form.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
