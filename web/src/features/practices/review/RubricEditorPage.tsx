import { useState } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Grid, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm, useWatch, type Control, type FieldPath, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../shared/api/client';
import { errorMessage, isStaleVersion } from '../../../shared/api/errors';
import { useAuth } from '../../../shared/auth/AuthContext';
import { ConflictAlert } from '../../../shared/components/ConflictAlert';
import { FormPageFrame } from '../../../shared/components/FormPageFrame';
import { QueryDetail } from '../../../shared/components/QueryDetail';
import { requiredProps } from '../../../shared/components/required';
import { Forbidden } from '../../../shared/components/States';
import { useDocumentTitle } from '../../../shared/hooks/useDocumentTitle';
import { reviewApi, reviewKeys, useRubric } from './api';
import { useManagedNetworks } from './editors';
import { mayEditReviews } from './review-roles';
import { emptyCriterion, rubricProblems, rubricToValues, scaleScores, valuesToInput, type RubricFormValues } from './rubric-form';
import type { Rubric } from './types';
import './strings';

const REGION = 'region';

/** /reviews/rubrics/new */
export function NewRubricPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useDocumentTitle(t('practiceReview.rubric.newTitle'));
  if (!mayEditReviews(user)) return <Forbidden text={t('practiceReview.onlyEditors')} />;
  const operator = !!user?.platformRoles.includes('operator');
  return (
    <FormPageFrame backTo="/reviews/rubrics" backLabel={t('practiceReview.rubric.back')} title={t('practiceReview.rubric.newTitle')} hint={t('practiceReview.rubrics.emptyHint')}>
      <RubricForm defaults={{ title: '', networkId: operator ? null : '', criteria: [emptyCriterion()] }} />
    </FormPageFrame>
  );
}

/** /reviews/rubrics/:id — edited until a round uses it, read-only afterwards. */
export function RubricEditorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const rubric = useRubric(id);
  useDocumentTitle(rubric.data?.title ?? t('practiceReview.rubric.editTitle'));
  return (
    <QueryDetail query={rubric} backTo="/reviews/rubrics" backLabel={t('practiceReview.rubric.back')} skeletonHeight={640}>
      {(data) => (
        <Stack gap="lg">
          <Title order={1}>{data.title}</Title>
          {data.usedByRounds > 0 && (
            <Alert color="gray" variant="light">
              {t('practiceReview.rubric.locked')}
            </Alert>
          )}
          <RubricForm key={data.version} rubric={data} defaults={rubricToValues(data)} readOnly={data.usedByRounds > 0} />
        </Stack>
      )}
    </QueryDetail>
  );
}

function RubricForm({ rubric, defaults, readOnly = false }: { rubric?: Rubric; defaults: RubricFormValues; readOnly?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useAuth();
  const networks = useManagedNetworks(user);
  const [summary, setSummary] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { control, register, handleSubmit, setError, clearErrors, formState } = useForm<RubricFormValues>({ defaultValues: defaults });
  const criteria = useFieldArray({ control, name: 'criteria' });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setSummary(null);
    setStale(null);
    clearErrors();
    const problems = rubricProblems(values);
    if (problems.length) {
      problems.forEach((p, i) => setError(p.field as FieldPath<RubricFormValues>, { type: 'client', message: t(`practiceReview.rubricProblems.${p.problem}`) }, { shouldFocus: i === 0 }));
      return;
    }
    setSaving(true);
    try {
      const input = valuesToInput(values);
      const saved = rubric ? await reviewApi.updateRubric(rubric.id, { ...input, version: rubric.version }) : await reviewApi.createRubric(input);
      qc.setQueryData(reviewKeys.rubric(saved.id), saved);
      void qc.invalidateQueries({ queryKey: reviewKeys.rubrics });
      notifications.show({ color: 'green', message: t('practiceReview.rubric.saved') });
      if (!rubric) navigate(`/reviews/rubrics/${saved.id}`);
    } catch (err) {
      if (isStaleVersion(err)) return setStale(errorMessage(err, t));
      // The server names nested fields as the form does (criteria.0.weight); each problem goes to its field.
      const fieldErrors = err instanceof ApiError ? err.fieldErrors : [];
      fieldErrors.forEach((fe, i) => setError(fe.field as FieldPath<RubricFormValues>, { type: 'server', message: fe.message }, { shouldFocus: i === 0 }));
      setSummary(fieldErrors.length ? t('errors.fixFields') : errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  });

  const networkOptions = [...(networks.operator ? [{ value: REGION, label: t('practiceReview.rounds.field.regionWide') }] : []), ...networks.items.map((n) => ({ value: n.id, label: n.name }))];
  return (
    <form onSubmit={submit} noValidate>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="lg" maw={960}>
          {stale && rubric && (
            <ConflictAlert title={t('practiceReview.rubric.conflictTitle')} onReload={() => qc.invalidateQueries({ queryKey: reviewKeys.rubric(rubric.id) })}>
              <Text size="sm">{stale}</Text>
            </ConflictAlert>
          )}
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 7 }}>
                <TextInput label={t('practiceReview.rubric.field.title')} {...requiredProps} {...register('title')} error={errors.title?.message} readOnly={readOnly} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <Controller
                  control={control}
                  name="networkId"
                  render={({ field, fieldState }) => (
                    <Select
                      label={t('practiceReview.rubric.field.network')}
                      data={networkOptions}
                      value={field.value === null ? REGION : field.value || null}
                      onChange={(v) => field.onChange(v === REGION ? null : v)}
                      allowDeselect={false}
                      disabled={!!rubric || readOnly}
                      comboboxProps={{ withinPortal: true }}
                      error={fieldState.error?.message}
                    />
                  )}
                />
              </Grid.Col>
            </Grid>
          </Paper>
          {criteria.fields.map((field, index) => (
            <CriterionFields
              key={field.id}
              index={index}
              count={criteria.fields.length}
              control={control}
              register={register}
              readOnly={readOnly}
              onRemove={() => criteria.remove(index)}
              onMove={(to) => criteria.move(index, to)}
            />
          ))}
          {errors.criteria?.root?.message || errors.criteria?.message ? (
            <Text c="red" size="sm" role="alert">
              {errors.criteria?.root?.message ?? errors.criteria?.message}
            </Text>
          ) : null}
          {!readOnly && (
            <Group justify="space-between" gap="sm">
              <Button variant="default" onClick={() => criteria.append(emptyCriterion())}>
                {t('practiceReview.rubric.addCriterion')}
              </Button>
              <Button type="submit" loading={saving}>
                {t('practiceReview.rubric.save')}
              </Button>
            </Group>
          )}
          {summary && (
            <Alert color="red" variant="light" role="alert" title={t('errors.title')}>
              {summary}
            </Alert>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

function CriterionFields({
  index,
  count,
  control,
  register,
  readOnly,
  onRemove,
  onMove,
}: {
  index: number;
  count: number;
  control: Control<RubricFormValues>;
  register: UseFormRegister<RubricFormValues>;
  readOnly: boolean;
  onRemove: () => void;
  onMove: (to: number) => void;
}) {
  const { t } = useTranslation();
  const number = index + 1;
  const [scaleMin, scaleMax] = useWatch({ control, name: [`criteria.${index}.scaleMin`, `criteria.${index}.scaleMax`] });
  const scores = scaleScores(scaleMin, scaleMax);
  const headingId = `criterion-${index}-title`;
  const numberField = (name: 'scaleMin' | 'scaleMax' | 'weight', props: { allowDecimal: boolean; min?: number; description?: string }) => (
    <Controller
      control={control}
      name={`criteria.${index}.${name}`}
      render={({ field, fieldState }) => (
        <NumberInput
          label={t(`practiceReview.rubric.field.${name}`)}
          {...requiredProps}
          {...props}
          readOnly={readOnly}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
          error={fieldState.error?.message}
        />
      )}
    />
  );
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {t('practiceReview.rubric.criterion', { number })}
        </Title>
        {!readOnly && (
          <Group gap={4}>
            <ActionIcon variant="subtle" color="gray" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={t('practiceReview.rubric.moveUp', { number })}>
              ↑
            </ActionIcon>
            <ActionIcon variant="subtle" color="gray" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={t('practiceReview.rubric.moveDown', { number })}>
              ↓
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" disabled={count === 1} onClick={onRemove} aria-label={t('practiceReview.rubric.removeCriterion', { number })}>
              ✕
            </ActionIcon>
          </Group>
        )}
      </Group>
      <Grid gap="sm">
        <Grid.Col span={12}>
          <Controller
            control={control}
            name={`criteria.${index}.title`}
            render={({ field, fieldState }) => <TextInput label={t('practiceReview.rubric.field.criterionTitle')} {...requiredProps} {...field} readOnly={readOnly} error={fieldState.error?.message} />}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t('practiceReview.rubric.field.description')} autosize minRows={2} readOnly={readOnly} {...register(`criteria.${index}.description`)} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>{numberField('scaleMin', { allowDecimal: false })}</Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>{numberField('scaleMax', { allowDecimal: false })}</Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>{numberField('weight', { allowDecimal: true, min: 0, description: t('practiceReview.rubric.field.weightHint') })}</Grid.Col>
        <Grid.Col span={12}>
          <Controller
            control={control}
            name={`criteria.${index}.allowsNotApplicable`}
            render={({ field }) => (
              <Checkbox label={t('practiceReview.rubric.field.allowsNotApplicable')} checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} disabled={readOnly} />
            )}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Text fw={600} size="sm">
            {t('practiceReview.rubric.descriptors')}
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            {scores.length ? t('practiceReview.rubric.descriptorsHint') : t('practiceReview.rubric.noScale')}
          </Text>
          <Stack gap={6}>
            {scores.map((score, position) => (
              <TextInput key={score} label={t('practiceReview.rubric.field.descriptor', { score })} readOnly={readOnly} {...register(`criteria.${index}.descriptors.${position}`)} />
            ))}
          </Stack>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
