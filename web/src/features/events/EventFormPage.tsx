import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Grid, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStaleVersion } from '../../shared/api/errors';
import { useAuth } from '../../shared/auth/AuthContext';
import { CheckboxField } from '../../shared/components/CheckboxField';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { PointPicker } from '../organizations/PointPicker';
import { FormPageFrame } from '../../shared/components/FormPageFrame';
import { QueryDetail } from '../../shared/components/QueryDetail';
import { requiredProps } from '../../shared/components/required';
import { SelectField } from '../../shared/components/SelectField';
import { Forbidden } from '../../shared/components/States';
import { isoToRegionLocal, regionLocalToIso } from '../../shared/dates';
import { useDocumentTitle } from '../../shared/hooks/useDocumentTitle';
import { useNetworkList, usePlan, usePlans } from '../networks/api';
import type { PlanItem } from '../networks/types';
import { useActingOrganization } from '../people/actingOrganization';
import { eventApi, eventKeys, useEvent } from './api';
import { EVENT_AUDIENCES, EVENT_FORMATS, EVENT_KINDS, type EventDetail } from './types';
import './strings';

interface SessionValues {
  id?: string;
  isSection: boolean;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  capacity: number | string;
}

export interface EventFormValues {
  organizationId: string;
  kind: string;
  title: string;
  description: string;
  audiences: string[];
  gradeFrom: number | string;
  gradeTo: number | string;
  format: string;
  address: string;
  /** the point of the place on the map; '' while not given */
  lat: number | string;
  lon: number | string;
  onlineUrl: string;
  /** datetime-local values in the region's time */
  startsAt: string;
  endsAt: string;
  capacity: number | string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  approvalRequired: boolean;
  networkId: string | null;
  planItemId: string | null;
  sessions: SessionValues[];
}

/** Server field names the form shows errors under (the rest go to the summary). */
const FIELDS = [
  'organizationId',
  'kind',
  'title',
  'description',
  'audiences',
  'gradeFrom',
  'gradeTo',
  'format',
  'address',
  'lat',
  'lon',
  'onlineUrl',
  'startsAt',
  'endsAt',
  'capacity',
  'registrationOpensAt',
  'registrationClosesAt',
  'networkId',
  'planItemId',
  'sessions',
] as const;

const numberOrNull = (value: number | string) => (value === '' || value === null ? null : Number(value));
const instantOrNull = (local: string) => (local ? regionLocalToIso(local) : null);

function valuesOf(e: EventDetail): EventFormValues {
  return {
    organizationId: e.organization.id,
    kind: e.kind,
    title: e.title,
    description: e.description,
    audiences: e.audiences,
    gradeFrom: e.gradeFrom ?? '',
    gradeTo: e.gradeTo ?? '',
    format: e.format,
    address: e.address,
    lat: e.lat ?? '',
    lon: e.lon ?? '',
    onlineUrl: e.onlineUrl ?? '',
    startsAt: isoToRegionLocal(e.startsAt),
    endsAt: isoToRegionLocal(e.endsAt),
    capacity: e.capacity ?? '',
    registrationOpensAt: isoToRegionLocal(e.registrationOpensAt),
    registrationClosesAt: isoToRegionLocal(e.registrationClosesAt),
    approvalRequired: e.approvalRequired,
    networkId: e.network?.id ?? null,
    planItemId: e.planItem?.id ?? null,
    sessions: e.sessions.map((s) => ({
      id: s.id,
      isSection: s.isSection,
      title: s.title,
      startsAt: isoToRegionLocal(s.startsAt),
      endsAt: isoToRegionLocal(s.endsAt),
      place: s.place,
      capacity: s.capacity ?? '',
    })),
  };
}

function bodyOf(v: EventFormValues) {
  return {
    kind: v.kind,
    title: v.title,
    description: v.description,
    audiences: v.audiences,
    gradeFrom: numberOrNull(v.gradeFrom),
    gradeTo: numberOrNull(v.gradeTo),
    format: v.format,
    address: v.address,
    // an online event has no place; a point is sent whole or not at all (the server says which half is missing)
    lat: v.format === 'online' ? null : numberOrNull(v.lat),
    lon: v.format === 'online' ? null : numberOrNull(v.lon),
    onlineUrl: v.onlineUrl,
    startsAt: v.startsAt ? regionLocalToIso(v.startsAt) : '',
    endsAt: v.endsAt ? regionLocalToIso(v.endsAt) : '',
    capacity: numberOrNull(v.capacity),
    registrationOpensAt: instantOrNull(v.registrationOpensAt),
    registrationClosesAt: instantOrNull(v.registrationClosesAt),
    approvalRequired: v.approvalRequired,
    networkId: v.networkId,
    planItemId: v.networkId ? v.planItemId : null,
    sessions: v.sessions.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      isSection: s.isSection,
      title: s.title,
      startsAt: instantOrNull(s.startsAt),
      endsAt: instantOrNull(s.endsAt),
      place: s.place,
      capacity: numberOrNull(s.capacity),
    })),
  };
}

/** /events/new: a head of an organisation describes an event (saved as a draft). */
export function NewEventPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('events.newTitle'));
  const { user } = useAuth();
  const headed = (user?.memberships ?? []).filter((m) => m.role === 'org_admin');
  const { acting } = useActingOrganization();
  if (!headed.length) return <Forbidden text={t('events.onlyHeads')} />;
  const defaults: EventFormValues = {
    organizationId: acting && headed.some((m) => m.organizationId === acting.id) ? acting.id : headed[0].organizationId,
    kind: '',
    title: '',
    description: '',
    audiences: ['teachers'],
    gradeFrom: '',
    gradeTo: '',
    format: 'in_person',
    address: '',
    lat: '',
    lon: '',
    onlineUrl: '',
    startsAt: '',
    endsAt: '',
    capacity: 30,
    registrationOpensAt: '',
    registrationClosesAt: '',
    approvalRequired: false,
    networkId: null,
    planItemId: null,
    sessions: [],
  };
  return (
    <FormPageFrame backTo="/events" backLabel={t('events.toList')} title={t('events.newTitle')} hint={t('events.newHint')}>
      <EventForm defaults={defaults} organizers={headed.map((m) => ({ value: m.organizationId, label: m.organizationName }))} />
    </FormPageFrame>
  );
}

/** /events/:id/edit */
export function EditEventPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const event = useEvent(id);
  useDocumentTitle(t('events.editTitle'));
  return (
    <QueryDetail query={event} backTo={`/events/${id}`} backLabel={t('events.toEvent')} skeletonHeight={640}>
      {(data) =>
        data.canManage ? (
          <FormPageFrame title={t('events.editTitle')}>
            <EventForm key={data.version} event={data} defaults={valuesOf(data)} organizers={[{ value: data.organization.id, label: data.organization.shortName }]} />
          </FormPageFrame>
        ) : (
          <Forbidden text={t('events.onlyManagers')} />
        )
      }
    </QueryDetail>
  );
}

/** The plan items of the network's plans, numbered as in the plan, to pick the one the event fulfils. */
function usePlanItemOptions(networkId: string | null) {
  const plans = usePlans(networkId ?? '');
  const [planId, setPlanId] = useState<string | null>(null);
  const chosenPlan = planId ?? plans.data?.[0]?.id ?? null;
  const plan = usePlan(networkId ? chosenPlan : null);
  const flatten = (items: PlanItem[]): PlanItem[] => items.flatMap((i) => [i, ...flatten(i.children ?? [])]);
  return {
    plans: networkId ? (plans.data ?? []) : [],
    planId: chosenPlan,
    setPlanId,
    items: networkId && plan.data ? flatten(plan.data.items).map((i) => ({ value: i.id, label: `${i.number}. ${i.activity}` })) : [],
  };
}

function EventForm({ event, defaults, organizers }: { event?: EventDetail; defaults: EventFormValues; organizers: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [summary, setSummary] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const { control, register, handleSubmit, watch, setError, formState } = useForm<EventFormValues>({ defaultValues: defaults });
  const sessions = useFieldArray({ control, name: 'sessions' });
  const organizationId = watch('organizationId');
  const format = watch('format');
  const address = watch('address');
  const audiences = watch('audiences');
  const networkId = watch('networkId');
  const networks = useNetworkList({ organizationId }, !!organizationId);
  const planItems = usePlanItemOptions(networkId);
  const errors = formState.errors;
  const required = (message: string) => ({ required: message });

  const submit = handleSubmit(async (values) => {
    setSummary(null);
    setStale(null);
    try {
      const saved = event ? await eventApi.update(event.id, { version: event.version, ...bodyOf(values) }) : await eventApi.create({ organizationId: values.organizationId, ...bodyOf(values) });
      qc.setQueryData(eventKeys.one(saved.id), saved);
      void qc.invalidateQueries({ queryKey: eventKeys.all });
      navigate(`/events/${saved.id}`);
    } catch (err) {
      if (isStaleVersion(err)) return setStale(errorMessage(err, t));
      const rest = applyFieldErrors(err, setError, FIELDS);
      setSummary(rest.length ? rest.join('; ') : err instanceof ApiError && err.fieldErrors.length ? t('errors.fixFields') : errorMessage(err, t));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={960}>
        {stale && (
          <ConflictAlert title={t('events.conflictTitle')} onReload={() => qc.invalidateQueries({ queryKey: eventKeys.one(event!.id) })}>
            <Text size="sm">{stale}</Text>
          </ConflictAlert>
        )}

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="sm">
            {t('events.form.what')}
          </Title>
          <Grid gap="sm">
            <Grid.Col span={12}>
              <SelectField control={control} name="organizationId" label={t('events.field.organizer')} data={organizers} disabled={!!event || organizers.length < 2} {...requiredProps} />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput label={t('events.field.title')} {...requiredProps} {...register('title', required(t('events.form.titleRequired')))} error={errors.title?.message} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField
                control={control}
                name="kind"
                rules={required(t('events.form.kindRequired'))}
                label={t('events.field.kind')}
                data={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))}
                {...requiredProps}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('events.field.description')} autosize minRows={3} {...register('description')} error={errors.description?.message} />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="sm">
            {t('events.form.forWhom')}
          </Title>
          <Grid gap="sm">
            <Grid.Col span={12}>
              <Controller
                control={control}
                name="audiences"
                render={({ field }) => (
                  <MultiSelect
                    label={t('events.field.audience')}
                    description={t('events.form.audienceHint')}
                    data={EVENT_AUDIENCES.map((a) => ({ value: a, label: t(`events.audiences.${a}`) }))}
                    value={field.value}
                    onChange={field.onChange}
                    error={errors.audiences?.message}
                  />
                )}
              />
            </Grid.Col>
            {audiences.includes('students') &&
              (['gradeFrom', 'gradeTo'] as const).map((name) => (
                <Grid.Col key={name} span={{ base: 6, sm: 3 }}>
                  <Controller
                    control={control}
                    name={name}
                    render={({ field }) => (
                      <NumberInput label={t(`events.field.${name}`)} min={1} max={11} allowDecimal={false} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors[name]?.message} />
                    )}
                  />
                </Grid.Col>
              ))}
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                control={control}
                name="capacity"
                render={({ field }) => (
                  <NumberInput
                    label={t('events.field.capacity')}
                    description={event ? t('events.form.capacityTaken', { taken: event.seatsTaken }) : t('events.form.capacityHint')}
                    inputWrapperOrder={['label', 'input', 'description', 'error']}
                    min={1}
                    allowDecimal={false}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    error={errors.capacity?.message}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <CheckboxField control={control} name="approvalRequired" label={t('events.field.approvalRequired')} description={t('events.form.approvalHint')} />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="sm">
            {t('events.form.whereWhen')}
          </Title>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput type="datetime-local" label={t('events.field.startsAt')} {...requiredProps} {...register('startsAt', required(t('events.form.timeRequired')))} error={errors.startsAt?.message} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput type="datetime-local" label={t('events.field.endsAt')} {...requiredProps} {...register('endsAt', required(t('events.form.timeRequired')))} error={errors.endsAt?.message} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField control={control} name="format" label={t('events.field.format')} data={EVENT_FORMATS.map((f) => ({ value: f, label: t(`events.formats.${f}`) }))} />
            </Grid.Col>
            {format !== 'online' && (
              <Grid.Col span={12}>
                <TextInput label={t('events.field.address')} {...register('address')} error={errors.address?.message} />
              </Grid.Col>
            )}
            {format !== 'online' && (
              <Grid.Col span={12}>
                <Controller
                  control={control}
                  name="lat"
                  render={({ field: latField }) => (
                    <Controller
                      control={control}
                      name="lon"
                      render={({ field: lonField }) => (
                        <PointPicker
                          lat={latField.value}
                          lon={lonField.value}
                          title={address}
                          onChange={(lat, lon) => {
                            latField.onChange(lat);
                            lonField.onChange(lon);
                          }}
                          latError={errors.lat?.message}
                          lonError={errors.lon?.message}
                        />
                      )}
                    />
                  )}
                />
              </Grid.Col>
            )}
            {format !== 'in_person' && (
              <Grid.Col span={12}>
                <TextInput type="url" label={t('events.field.onlineUrl')} description={t('events.form.onlineUrlHint')} {...register('onlineUrl')} error={errors.onlineUrl?.message} />
              </Grid.Col>
            )}
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput type="datetime-local" label={t('events.field.registrationOpensAt')} description={t('events.form.opensHint')} {...register('registrationOpensAt')} error={errors.registrationOpensAt?.message} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput type="datetime-local" label={t('events.field.registrationClosesAt')} description={t('events.form.closesHint')} {...register('registrationClosesAt')} error={errors.registrationClosesAt?.message} />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="sm">
            {t('events.form.network')}
          </Title>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField
                control={control}
                name="networkId"
                label={t('events.field.network')}
                placeholder={t('events.form.noNetwork')}
                data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
                clearable
              />
            </Grid.Col>
            {networkId && planItems.plans.length > 1 && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select label={t('events.form.plan')} data={planItems.plans.map((p) => ({ value: p.id, label: p.title }))} value={planItems.planId} onChange={planItems.setPlanId} />
              </Grid.Col>
            )}
            {networkId && (
              <Grid.Col span={12}>
                <SelectField control={control} name="planItemId" label={t('events.field.planItem')} placeholder={t('events.form.noPlanItem')} data={planItems.items} clearable searchable />
              </Grid.Col>
            )}
          </Grid>
        </Paper>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="sessions-title">
          <Title order={2} size="h4" id="sessions-title" mb={4}>
            {t('events.form.sessions')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('events.form.sessionsHint')}
          </Text>
          <Stack gap="md">
            {sessions.fields.map((session, index) => (
              <Paper key={session.id} withBorder radius="sm" p="sm" component="fieldset" aria-label={t('events.form.sessionN', { n: index + 1 })}>
                <Grid gap="xs" align="flex-end">
                  <Grid.Col span={{ base: 12, sm: 8 }}>
                    <TextInput label={t('events.field.sessionTitle')} {...requiredProps} {...register(`sessions.${index}.title`, required(t('events.form.titleRequired')))} error={errors.sessions?.[index]?.title?.message} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <Controller
                      control={control}
                      name={`sessions.${index}.isSection`}
                      render={({ field }) => <Checkbox label={t('events.field.isSection')} checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} mb={8} />}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <TextInput type="datetime-local" label={t('events.field.sessionStartsAt')} {...register(`sessions.${index}.startsAt`)} error={errors.sessions?.[index]?.startsAt?.message} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <TextInput type="datetime-local" label={t('events.field.sessionEndsAt')} {...register(`sessions.${index}.endsAt`)} error={errors.sessions?.[index]?.endsAt?.message} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 8, sm: 10 }}>
                    <TextInput label={t('events.field.place')} {...register(`sessions.${index}.place`)} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 4, sm: 2 }}>
                    <Controller
                      control={control}
                      name={`sessions.${index}.capacity`}
                      render={({ field }) => (
                        <NumberInput label={t('events.field.sectionCapacity')} min={1} allowDecimal={false} value={field.value} onChange={field.onChange} error={errors.sessions?.[index]?.capacity?.message} />
                      )}
                    />
                  </Grid.Col>
                  <Grid.Col span={12}>
                    <Group justify="flex-end">
                      <ActionIcon variant="subtle" color="red" onClick={() => sessions.remove(index)} aria-label={t('events.form.removeSession', { n: index + 1 })}>
                        ×
                      </ActionIcon>
                    </Group>
                  </Grid.Col>
                </Grid>
              </Paper>
            ))}
            <Group>
              <Button variant="light" onClick={() => sessions.append({ isSection: false, title: '', startsAt: '', endsAt: '', place: '', capacity: '' })}>
                {t('events.form.addSession')}
              </Button>
            </Group>
          </Stack>
        </Paper>

        {summary && (
          <Text c="red.8" role="alert">
            {summary}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={formState.isSubmitting}>
            {event ? t('events.form.save') : t('events.form.create')}
          </Button>
          <Button component={Link} to={event ? `/events/${event.id}` : '/events'} variant="default">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
