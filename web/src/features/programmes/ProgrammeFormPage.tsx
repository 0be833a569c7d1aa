import { useState } from 'react';
import { ActionIcon, Alert, Button, Grid, Group, MultiSelect, NumberInput, Paper, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStaleVersion } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { PeriodFields } from '../../shared/components/DateField';
import { FormPageFrame } from '../../shared/components/FormPageFrame';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { requiredProps } from '../../shared/components/required';
import { SelectField } from '../../shared/components/SelectField';
import { Forbidden } from '../../shared/components/States';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { clockTime } from '../learning/labels';
import { useNetworkList } from '../networks/api';
import { OrganizationPicker, type PickedOrganization } from '../networks/OrganizationPicker';
import { useActingOrganization } from '../people/actingOrganization';
import { programmeApi, programmeKeys, useProgramme } from './api';
import { ENROLMENT_MODES, PROGRAMME_DIRECTIONS, PROGRAMME_FORMATS, PROGRAMME_KINDS, WEEKDAYS, type ProgrammeDetail } from './types';
import '../learning/strings';
import './strings';

interface SlotValues {
  weekday: string;
  /** HH:MM */
  start: string;
  end: string;
}

export interface ProgrammeFormValues {
  organizationId: string;
  kind: string;
  direction: string;
  title: string;
  description: string;
  requirements: string;
  teacherName: string;
  audience: 'grades' | 'ages';
  gradeFrom: number | string;
  gradeTo: number | string;
  ageFrom: number | string;
  ageTo: number | string;
  format: string;
  venue: PickedOrganization | null;
  startsOn: string;
  endsOn: string;
  capacity: number | string;
  enrolmentMode: string;
  networkIds: string[];
  slots: SlotValues[];
}

/** Server field names the form shows errors under (the rest go to the summary). */
const FIELDS = ['organizationId', 'kind', 'direction', 'title', 'description', 'requirements', 'teacherName', 'gradeFrom', 'gradeTo', 'ageFrom', 'ageTo', 'format', 'startsOn', 'endsOn', 'capacity', 'enrolmentMode', 'networkIds', 'slots'] as const;

const minuteOf = (clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
};
const numberOrNull = (value: number | string) => (value === '' || value === null ? null : Number(value));

/** A new weekly class: the day after the last one, at the same time, so it does not overlap it. */
function nextSlot(existing: SlotValues[]): SlotValues {
  const last = existing.at(-1);
  if (!last) return { weekday: '1', start: '15:00', end: '16:30' };
  return { weekday: String((Number(last.weekday) % 7) + 1), start: last.start, end: last.end };
}

function valuesOf(p: ProgrammeDetail): ProgrammeFormValues {
  return {
    organizationId: p.provider.id,
    kind: p.kind,
    direction: p.direction,
    title: p.title,
    description: p.description,
    requirements: p.requirements,
    teacherName: p.teacherName,
    audience: p.gradeFrom === null && p.gradeTo === null ? 'ages' : 'grades',
    gradeFrom: p.gradeFrom ?? '',
    gradeTo: p.gradeTo ?? '',
    ageFrom: p.ageFrom ?? '',
    ageTo: p.ageTo ?? '',
    format: p.format,
    venue: p.venueOrganizationId ? { id: p.venue.id, name: p.venue.shortName } : null,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    capacity: p.capacity,
    enrolmentMode: p.enrolmentMode,
    networkIds: p.networks.map((n) => n.id),
    slots: p.slots.map((s) => ({ weekday: String(s.weekday), start: clockTime(s.startMinute), end: clockTime(s.endMinute) })),
  };
}

function bodyOf(v: ProgrammeFormValues) {
  const byGrades = v.audience === 'grades';
  return {
    kind: v.kind,
    direction: v.direction,
    title: v.title,
    description: v.description,
    requirements: v.requirements,
    teacherName: v.teacherName,
    gradeFrom: byGrades ? numberOrNull(v.gradeFrom) : null,
    gradeTo: byGrades ? numberOrNull(v.gradeTo) : null,
    ageFrom: byGrades ? null : numberOrNull(v.ageFrom),
    ageTo: byGrades ? null : numberOrNull(v.ageTo),
    format: v.format,
    venueOrganizationId: v.venue?.id ?? null,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    capacity: Number(v.capacity),
    enrolmentMode: v.enrolmentMode,
    networkIds: v.networkIds,
    slots: v.slots.map((s) => ({ weekday: Number(s.weekday), startMinute: minuteOf(s.start), endMinute: minuteOf(s.end) })),
  };
}

/** /programmes/new: a head of an organisation describes a new programme (saved as a draft). */
export function NewProgrammePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('programmes.newTitle'));
  const { user } = useAuth();
  const headed = (user?.memberships ?? []).filter((m) => m.role === 'org_admin');
  const { acting } = useActingOrganization();
  if (!headed.length) return <Forbidden text={t('programmes.onlyHeads')} />;
  const defaults: ProgrammeFormValues = {
    organizationId: acting?.id ?? headed[0].organizationId,
    kind: '',
    direction: '',
    title: '',
    description: '',
    requirements: '',
    teacherName: '',
    audience: 'grades',
    gradeFrom: '',
    gradeTo: '',
    ageFrom: '',
    ageTo: '',
    format: 'on_site',
    venue: null,
    startsOn: '',
    endsOn: '',
    capacity: 20,
    enrolmentMode: 'open',
    networkIds: [],
    slots: [{ weekday: '1', start: '15:00', end: '16:30' }],
  };
  return (
    <FormPageFrame backTo="/programmes" backLabel={t('programmes.toCatalogue')} title={t('programmes.newTitle')} hint={t('programmes.newHint')}>
      <ProgrammeForm defaults={defaults} providers={headed.map((m) => ({ value: m.organizationId, label: m.organizationName }))} />
    </FormPageFrame>
  );
}

/** /programmes/:id/edit */
export function EditProgrammePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const programme = useProgramme(id);
  useDocumentTitle(t('programmes.editTitle'));
  return (
    <QueryDetail query={programme} backTo={`/programmes/${id}`} backLabel={t('programmes.toProgramme')} skeletonHeight={640}>
      {(data) =>
        data.canManage ? (
          <FormPageFrame title={t('programmes.editTitle')}>
            <ProgrammeForm key={data.version} programme={data} defaults={valuesOf(data)} providers={[{ value: data.provider.id, label: data.provider.shortName }]} />
          </FormPageFrame>
        ) : (
          <Forbidden text={t('programmes.onlyHeads')} />
        )
      }
    </QueryDetail>
  );
}

function ProgrammeForm({ programme, defaults, providers }: { programme?: ProgrammeDetail; defaults: ProgrammeFormValues; providers: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [summary, setSummary] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const { control, register, handleSubmit, watch, setError, formState } = useForm<ProgrammeFormValues>({ defaultValues: defaults });
  const slots = useFieldArray({ control, name: 'slots' });
  const organizationId = watch('organizationId');
  const audience = watch('audience');
  const networks = useNetworkList({ organizationId }, !!organizationId);
  const required = (message: string) => ({ required: message });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setSummary(null);
    setStale(null);
    try {
      const saved = programme
        ? await programmeApi.update(programme.id, { version: programme.version, ...bodyOf(values) })
        : await programmeApi.create({ organizationId: values.organizationId, ...bodyOf(values) });
      qc.setQueryData(programmeKeys.one(saved.id), saved);
      void qc.invalidateQueries({ queryKey: programmeKeys.all });
      navigate(`/programmes/${saved.id}`);
    } catch (err) {
      if (isStaleVersion(err)) return setStale(errorMessage(err, t));
      const rest = applyFieldErrors(err, setError, FIELDS);
      // errors shown under their fields need only a pointer here
      setSummary(rest.length ? rest.join('; ') : err instanceof ApiError && err.fieldErrors.length ? t('errors.fixFields') : errorMessage(err, t));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={960}>
        {stale && (
          <ConflictAlert title={t('programmes.conflictTitle')} onReload={() => qc.invalidateQueries({ queryKey: programmeKeys.one(programme!.id) })}>
            <Text size="sm">{stale}</Text>
          </ConflictAlert>
        )}

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="fieldset" style={{ border: undefined }}>
          <Title order={2} size="h4" mb="sm">
            {t('programmes.form.what')}
          </Title>
          <Grid gap="sm">
            <Grid.Col span={12}>
              <SelectField control={control} name="organizationId" label={t('programmes.field.provider')} data={providers} disabled={!!programme || providers.length < 2} {...requiredProps} />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput label={t('programmes.field.title')} {...requiredProps} {...register('title', required(t('programmes.form.titleRequired')))} error={errors.title?.message} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField
                control={control}
                name="kind"
                rules={required(t('programmes.form.kindRequired'))}
                label={t('programmes.field.kind')}
                data={PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`programmes.kinds.${k}`) }))}
                {...requiredProps}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField
                control={control}
                name="direction"
                rules={required(t('programmes.form.directionRequired'))}
                label={t('programmes.field.direction')}
                data={PROGRAMME_DIRECTIONS.map((d) => ({ value: d, label: t(`programmes.directions.${d}`) }))}
                {...requiredProps}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('programmes.field.description')} description={t('programmes.form.descriptionHint')} autosize minRows={3} {...register('description')} error={errors.description?.message} />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('programmes.field.requirements')} autosize minRows={2} {...register('requirements')} error={errors.requirements?.message} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('programmes.field.teacher')} {...register('teacherName')} error={errors.teacherName?.message} />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="sm">
            {t('programmes.form.forWhom')}
          </Title>
          <Stack gap="sm">
            <Controller
              control={control}
              name="audience"
              render={({ field }) => (
                <SegmentedControl
                  aria-label={t('programmes.form.forWhom')}
                  value={field.value}
                  onChange={field.onChange}
                  data={[
                    { value: 'grades', label: t('programmes.form.byGrades') },
                    { value: 'ages', label: t('programmes.form.byAges') },
                  ]}
                  style={{ alignSelf: 'flex-start' }}
                />
              )}
            />
            <Grid gap="sm">
              {(audience === 'grades' ? (['gradeFrom', 'gradeTo'] as const) : (['ageFrom', 'ageTo'] as const)).map((name) => (
                <Grid.Col key={name} span={{ base: 6, sm: 3 }}>
                  <Controller
                    control={control}
                    name={name}
                    render={({ field }) => (
                      <NumberInput
                        label={t(`programmes.field.${name}`)}
                        min={audience === 'grades' ? 0 : 3}
                        max={audience === 'grades' ? 11 : 21}
                        allowDecimal={false}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        error={errors[name]?.message}
                      />
                    )}
                  />
                </Grid.Col>
              ))}
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Controller
                  control={control}
                  name="capacity"
                  rules={required(t('programmes.form.capacityRequired'))}
                  render={({ field }) => (
                    <NumberInput
                      label={t('programmes.field.capacity')}
                      description={programme ? t('programmes.form.capacityHint', { taken: programme.seatsTaken }) : undefined}
                      inputWrapperOrder={['label', 'input', 'description', 'error']}
                      min={1}
                      max={1000}
                      allowDecimal={false}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      error={errors.capacity?.message}
                      {...requiredProps}
                    />
                  )}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <SelectField
                  control={control}
                  name="enrolmentMode"
                  label={t('programmes.field.enrolmentMode')}
                  data={ENROLMENT_MODES.map((m) => ({ value: m, label: t(`programmes.enrolmentModes.${m}`) }))}
                />
              </Grid.Col>
            </Grid>
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="sm">
            {t('programmes.form.whereWhen')}
          </Title>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField control={control} name="format" label={t('programmes.field.format')} data={PROGRAMME_FORMATS.map((f) => ({ value: f, label: t(`programmes.formatsLong.${f}`) }))} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                control={control}
                name="venue"
                render={({ field }) => (
                  <OrganizationPicker
                    label={t('programmes.field.venue')}
                    description={t('programmes.form.venueHint')}
                    placeholder={t('programmes.form.venuePlaceholder')}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                  />
                )}
              />
            </Grid.Col>
            <PeriodFields
              control={control}
              start="startsOn"
              end="endsOn"
              startLabel={t('programmes.field.startsOn')}
              endLabel={t('programmes.field.endsOn')}
              endBeforeStart={t('programmes.form.endBeforeStart')}
              span={{ base: 12, sm: 6 }}
            />
            <Grid.Col span={12}>
              <Controller
                control={control}
                name="networkIds"
                render={({ field }) => (
                  <MultiSelect
                    label={t('programmes.field.networks')}
                    description={t('programmes.form.networksHint')}
                    placeholder={field.value.length ? undefined : t('programmes.form.networksNone')}
                    data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
                    value={field.value}
                    onChange={field.onChange}
                    error={errors.networkIds?.message}
                    comboboxProps={{ withinPortal: true }}
                    nothingFoundMessage={t('programmes.form.noNetworks')}
                  />
                )}
              />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="slots-title">
          <Title order={2} size="h4" id="slots-title" mb={4}>
            {t('programmes.schedule')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('programmes.form.slotsHint')}
          </Text>
          <Stack gap="xs">
            {slots.fields.map((slot, index) => (
              <Group key={slot.id} gap="sm" align="flex-end" wrap="wrap">
                <SelectField
                  control={control}
                  name={`slots.${index}.weekday`}
                  label={t('programmes.form.weekday')}
                  data={WEEKDAYS.map((d) => ({ value: String(d), label: t(`learning.weekdays.long.${d}`) }))}
                  w={170}
                />
                <TimeInput label={t('programmes.form.start')} w={120} {...register(`slots.${index}.start`, required(t('programmes.form.timeRequired')))} error={errors.slots?.[index]?.start?.message} />
                <TimeInput
                  label={t('programmes.form.end')}
                  w={120}
                  {...register(`slots.${index}.end`, {
                    required: t('programmes.form.timeRequired'),
                    validate: (end, all) => !end || !all.slots[index]?.start || end > all.slots[index].start || t('programmes.form.endBeforeStartTime'),
                  })}
                  error={errors.slots?.[index]?.end?.message}
                />
                <ActionIcon variant="subtle" color="red" size="lg" mb={2} onClick={() => slots.remove(index)} aria-label={t('programmes.form.removeSlot')}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            {(errors.slots?.message || errors.slots?.root?.message) && (
              <Text size="sm" c="red">
                {errors.slots?.message ?? errors.slots?.root?.message}
              </Text>
            )}
            <Button variant="light" onClick={() => slots.append(nextSlot(watch('slots')))} style={{ alignSelf: 'flex-start' }}>
              {t('programmes.form.addSlot')}
            </Button>
          </Stack>
        </Paper>

        {summary && (
          <Alert color="red" variant="light" role="alert" title={t('programmes.form.notSaved')}>
            {summary}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={formState.isSubmitting}>
            {programme ? t('programmes.form.save') : t('programmes.form.createDraft')}
          </Button>
          <Button component={Link} to={programme ? `/programmes/${programme.id}` : '/programmes'} variant="default">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
