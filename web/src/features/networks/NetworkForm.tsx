import { useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Grid,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { Controller, useFieldArray, useForm, type Control, type UseFormRegister, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStatus, isStaleVersion } from '../../shared/api/errors';
import { useMunicipalities } from '../../shared/api/queries';
import { CheckboxField } from '../../shared/components/CheckboxField';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { SelectField } from '../../shared/components/SelectField';
import { requiredProps } from '../../shared/components/required';
import { useNetworkList } from './api';
import { OrganizationPicker, type PickedOrganization } from './OrganizationPicker';
import { NETWORK_KINDS, type AdmissionMode, type Majority, type NetworkDetail, type QuorumBasis, type Visibility, type VoteUnit } from './types';
import './strings';
import '../organizations/strings';

export interface NetworkFormValues {
  name: string;
  kind: string;
  strategicGoal: string;
  tacticalGoals: { value: string }[];
  directions: { value: string }[];
  description: string;
  managingOrganization: PickedOrganization | null;
  municipalityIds: string[];
  parentNetworkId: string;
  visibility: Visibility;
  quorumPercent: number | string;
  majority: Majority;
  quorumBasis: QuorumBasis;
  voteUnit: VoteUnit;
  chairCastingVote: boolean;
  admission: AdmissionMode;
  exchangesVisibleToCouncil: boolean;
}

const FIELDS = [
  'name',
  'kind',
  'strategicGoal',
  'tacticalGoals',
  'directions',
  'description',
  'managingOrganization',
  'managingOrganizationId',
  'municipalityIds',
  'parentNetworkId',
  'visibility',
  'quorumPercent',
  'majority',
  'quorumBasis',
  'voteUnit',
  'chairCastingVote',
  'admission',
  'exchangesVisibleToCouncil',
] as const;

export function toNetworkFormValues(n?: NetworkDetail | null, managing?: PickedOrganization | null): NetworkFormValues {
  const list = (xs: string[] | undefined) => (xs && xs.length ? xs.map((value) => ({ value })) : [{ value: '' }]);
  return {
    name: n?.name ?? '',
    kind: n?.kind ?? '',
    strategicGoal: n?.strategicGoal ?? '',
    tacticalGoals: list(n?.tacticalGoals),
    directions: list(n?.directions),
    description: n?.description ?? '',
    managingOrganization: n ? { id: n.managingOrganizationId, name: n.managingOrganizationName } : (managing ?? null),
    municipalityIds: [...(n?.municipalityIds ?? [])],
    parentNetworkId: n?.parentNetworkId ?? '',
    visibility: n?.visibility ?? 'public',
    quorumPercent: n?.quorumPercent ?? 50,
    majority: n?.majority ?? 'simple',
    quorumBasis: n?.quorumBasis ?? 'seats',
    voteUnit: n?.voteUnit ?? 'organization',
    chairCastingVote: n?.chairCastingVote ?? false,
    admission: n?.admission ?? 'coordinator',
    exchangesVisibleToCouncil: n?.exchangesVisibleToCouncil ?? false,
  };
}

/** Form values → API fields; empty list lines are left out. */
export function toNetworkPayload(v: NetworkFormValues): Record<string, unknown> {
  const list = (xs: { value: string }[]) => xs.map((x) => x.value.trim()).filter(Boolean);
  return {
    name: v.name.trim(),
    kind: v.kind,
    strategicGoal: v.strategicGoal.trim(),
    tacticalGoals: list(v.tacticalGoals),
    directions: list(v.directions),
    description: v.description.trim(),
    managingOrganizationId: v.managingOrganization?.id,
    municipalityIds: v.municipalityIds,
    parentNetworkId: v.parentNetworkId || null,
    visibility: v.visibility,
    quorumPercent: Number(v.quorumPercent),
    majority: v.majority,
    quorumBasis: v.quorumBasis,
    voteUnit: v.voteUnit,
    chairCastingVote: v.chairCastingVote,
    admission: v.admission,
    exchangesVisibleToCouncil: v.exchangesVisibleToCouncil,
  };
}

/** The fields that differ from what the user started from (a PATCH names only those; kind never changes). */
export function changedNetworkFields(original: NetworkFormValues, current: NetworkFormValues): Record<string, unknown> {
  const a = toNetworkPayload(original);
  const b = toNetworkPayload(current);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(b)) {
    if (k === 'kind') continue;
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out[k] = b[k];
  }
  return out;
}

interface NetworkFormProps {
  mode: 'create' | 'edit';
  initial: NetworkFormValues;
  /** the network being edited: it may not become its own parent */
  networkId?: string;
  /** edit: the managing organisation is chosen among the active members */
  memberOptions?: PickedOrganization[];
  /** create: the user's own organisations, offered before anything is typed */
  suggestions?: PickedOrganization[];
  /** throws ApiError on failure; the form shows it and keeps what was typed */
  onSubmit: (values: NetworkFormValues) => Promise<void>;
  onCancel: () => void;
  /** edit: reload the current version after a 409 */
  onReloadLatest?: () => Promise<NetworkFormValues | null>;
  /** create: explains who may found a network when the server says 403 */
  forbiddenHint?: string;
}

export function NetworkForm({
  mode,
  initial,
  networkId,
  memberOptions,
  suggestions,
  onSubmit,
  onCancel,
  onReloadLatest,
  forbiddenHint,
}: NetworkFormProps) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const networks = useNetworkList({});
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [formErrorText, setFormErrorText] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);

  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<NetworkFormValues>({ defaultValues: initial, mode: 'onTouched' });

  const maxLen = (max: number) => ({ value: max, message: t('form.tooLong', { max }) });

  const submit = handleSubmit(
    async (values) => {
      setConflict(false);
      setFormError(null);
      setFormErrorText(null);
      setOtherErrors([]);
      try {
        await onSubmit(values);
      } catch (err) {
        const hasFieldErrors = err instanceof ApiError && err.fieldErrors.length > 0;
        if (isStaleVersion(err)) {
          setConflict(true);
          return;
        }
        const rest = applyFieldErrors(err, setError, FIELDS);
        // the server names the managing organisation by its id field
        if (err instanceof ApiError) {
          const managing = err.fieldErrors.find((f) => f.field.startsWith('managingOrganizationId'));
          if (managing) setError('managingOrganization', { type: 'server', message: managing.message });
        }
        setOtherErrors(rest);
        if (isStatus(err, 403)) {
          setFormError(t('networks.form.forbiddenTitle'));
          setFormErrorText(`${errorMessage(err, t)} ${forbiddenHint ?? ''}`.trim());
          return;
        }
        setFormError(hasFieldErrors && rest.length === 0 ? t('errors.fixFields') : errorMessage(err, t));
      }
    },
    (errs: FieldErrors<NetworkFormValues>) => {
      setFormError(t('errors.fixFields'));
      void errs;
    },
  );

  const kindOptions = NETWORK_KINDS.map((k) => ({ value: k, label: t(`networkKinds.${k}`) }));
  const municipalityOptions = (municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const parentOptions = [
    { value: '', label: t('networks.form.noParent') },
    ...(networks.data ?? []).filter((n) => n.id !== networkId).map((n) => ({ value: n.id, label: n.name })),
  ];

  return (
    <form onSubmit={submit} noValidate aria-describedby={formError ? 'network-form-error' : undefined}>
      <Stack gap="lg">
        <FormSection title={t('networks.form.sectionMain')}>
          <Grid gap="md">
            <Grid.Col span={12}>
              <TextInput
                label={t('networks.field.name')}
                description={t('networks.form.nameHint')}
                {...requiredProps}
                {...register('name', {
                  required: t('networks.form.nameRequired'),
                  maxLength: maxLen(300),
                  validate: (v) => v.trim().length >= 3 || t('networks.form.nameRequired'),
                })}
                error={errors.name?.message}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField
                control={control}
                name="kind"
                rules={{ required: t('networks.form.kindRequired') }}
                label={t('networks.field.kind')}
                description={mode === 'edit' ? t('networks.form.kindLocked') : t('networks.form.kindHint')}
                placeholder={t('networks.form.kindPlaceholder')}
                data={kindOptions}
                {...requiredProps}
                disabled={mode === 'edit'}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                name="managingOrganization"
                control={control}
                rules={{ validate: (v) => !!v || t('networks.form.managingRequired') }}
                render={({ field, fieldState }) =>
                  memberOptions ? (
                    <Select
                      label={t('networks.field.managing')}
                      description={t('networks.form.managingEditHint')}
                      {...requiredProps}
                      data={memberOptions.map((o) => ({ value: o.id, label: o.name }))}
                      allowDeselect={false}
                      value={field.value?.id ?? null}
                      onChange={(id) => field.onChange(memberOptions.find((o) => o.id === id) ?? null)}
                      onBlur={field.onBlur}
                      ref={field.ref}
                      name={field.name}
                      error={fieldState.error?.message}
                    />
                  ) : (
                    <OrganizationPicker
                      label={t('networks.field.managing')}
                      description={t('networks.form.managingHint')}
                      required
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      inputRef={field.ref}
                      name={field.name}
                      suggestions={suggestions}
                      error={fieldState.error?.message}
                    />
                  )
                }
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea
                label={t('networks.field.description')}
                description={t('networks.form.descriptionHint')}
                autosize
                minRows={3}
                maxRows={12}
                {...register('description', { maxLength: maxLen(5000) })}
                error={errors.description?.message}
              />
            </Grid.Col>
          </Grid>
        </FormSection>

        <FormSection title={t('networks.form.sectionGoals')}>
          <Stack gap="md">
            <Textarea
              label={t('networks.field.strategicGoal')}
              description={t('networks.form.strategicGoalHint')}
              autosize
              minRows={2}
              maxRows={8}
              {...register('strategicGoal', { maxLength: maxLen(2000) })}
              error={errors.strategicGoal?.message}
            />
            <ListEditor
              name="tacticalGoals"
              control={control}
              register={register}
              errors={errors}
              legend={t('networks.field.tacticalGoals')}
              hint={t('networks.form.tacticalGoalsHint')}
              itemLabel={(i) => t('networks.form.tacticalGoalN', { n: i + 1 })}
              addLabel={t('networks.form.addGoal')}
              removeLabel={(i) => t('networks.form.removeGoal', { n: i + 1 })}
            />
            <ListEditor
              name="directions"
              control={control}
              register={register}
              errors={errors}
              legend={t('networks.field.directions')}
              hint={t('networks.form.directionsHint')}
              itemLabel={(i) => t('networks.form.directionN', { n: i + 1 })}
              addLabel={t('networks.form.addDirection')}
              removeLabel={(i) => t('networks.form.removeDirection', { n: i + 1 })}
            />
          </Stack>
        </FormSection>

        <FormSection title={t('networks.form.sectionTerritory')}>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                name="municipalityIds"
                control={control}
                render={({ field, fieldState }) => (
                  <MultiSelect
                    label={t('networks.field.municipalities')}
                    description={t('networks.form.municipalitiesHint')}
                    placeholder={field.value.length ? undefined : t('networks.form.municipalitiesPlaceholder')}
                    data={municipalityOptions}
                    searchable
                    clearable
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                    error={fieldState.error?.message}
                    nothingFoundMessage={t('card.mergeNothing')}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                name="parentNetworkId"
                control={control}
                render={({ field, fieldState }) => (
                  // Not SelectField: the empty value is an option of its own here («не входит в другую сеть»).
                  <Select
                    label={t('networks.field.parent')}
                    description={t('networks.form.parentHint')}
                    data={parentOptions}
                    searchable
                    allowDeselect={false}
                    value={field.value}
                    onChange={(v) => field.onChange(v ?? '')}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                    error={fieldState.error?.message}
                    nothingFoundMessage={t('card.mergeNothing')}
                  />
                )}
              />
            </Grid.Col>
          </Grid>
        </FormSection>

        <FormSection title={t('networks.form.sectionRules')}>
          <Grid gap="md">
            <Grid.Col span={12}>
              <Controller
                name="visibility"
                control={control}
                render={({ field }) => (
                  <Radio.Group label={t('networks.field.visibility')} value={field.value} onChange={field.onChange} name={field.name}>
                    <Stack gap="xs" mt="xs">
                      <Radio value="public" label={t('networks.visibility.public')} description={t('networks.visibilityHint.public')} />
                      <Radio value="members" label={t('networks.visibility.members')} description={t('networks.visibilityHint.members')} />
                    </Stack>
                  </Radio.Group>
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                name="quorumPercent"
                control={control}
                rules={{
                  validate: (v) => {
                    const n = Number(v);
                    return (v !== '' && Number.isInteger(n) && n >= 1 && n <= 100) || t('networks.form.quorumRange');
                  },
                }}
                render={({ field, fieldState }) => (
                  <NumberInput
                    label={t('networks.field.quorum')}
                    description={t('networks.form.quorumHint')}
                    min={1}
                    max={100}
                    step={5}
                    allowDecimal={false}
                    allowNegative={false}
                    suffix=" %"
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                    error={fieldState.error?.message}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField
                control={control}
                name="majority"
                label={t('networks.field.majority')}
                description={t('networks.form.majorityHint')}
                data={[
                  { value: 'simple', label: t('networks.majority.simple') },
                  { value: 'two_thirds', label: t('networks.majority.two_thirds') },
                ]}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField
                control={control}
                name="quorumBasis"
                label={t('networks.field.quorumBasis')}
                description={t('networks.form.quorumBasisHint')}
                data={[
                  { value: 'seats', label: t('networks.quorumBasis.seats') },
                  { value: 'attendance', label: t('networks.quorumBasis.attendance') },
                ]}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField
                control={control}
                name="voteUnit"
                label={t('networks.field.voteUnit')}
                description={t('networks.form.voteUnitHint')}
                data={[
                  { value: 'organization', label: t('networks.voteUnit.organization') },
                  { value: 'seat', label: t('networks.voteUnit.seat') },
                ]}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <CheckboxField control={control} name="chairCastingVote" mt="md" label={t('networks.field.chairCastingVote')} description={t('networks.form.chairCastingVoteHint')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <SelectField
                control={control}
                name="admission"
                label={t('networks.field.admission')}
                description={t('networks.form.admissionHint')}
                data={[
                  { value: 'coordinator', label: t('networks.admission.coordinator') },
                  { value: 'council', label: t('networks.admission.council') },
                ]}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <CheckboxField control={control} name="exchangesVisibleToCouncil" mt="md" label={t('networks.field.exchangesVisible')} description={t('networks.form.exchangesVisibleHint')} />
            </Grid.Col>
          </Grid>
        </FormSection>

        {conflict && (
          <ConflictAlert
            title={t('networks.form.conflict')}
            onReload={
              onReloadLatest &&
              (async () => {
                const latest = await onReloadLatest();
                if (latest) {
                  reset(latest);
                  setConflict(false);
                }
              })
            }
          >
            <Text size="sm">{t('networks.form.conflictHint')}</Text>
          </ConflictAlert>
        )}
        {formError && !conflict && (
          <Alert color="red" variant="light" id="network-form-error" role="alert" title={formError}>
            {formErrorText && <Text size="sm">{formErrorText}</Text>}
            {otherErrors.length > 0 && (
              <List size="sm">
                {otherErrors.map((e) => (
                  <List.Item key={e}>{e}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {mode === 'create' ? t('networks.form.create') : t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ListEditor({
  name,
  control,
  register,
  errors,
  legend,
  hint,
  itemLabel,
  addLabel,
  removeLabel,
}: {
  name: 'tacticalGoals' | 'directions';
  control: Control<NetworkFormValues>;
  register: UseFormRegister<NetworkFormValues>;
  errors: FieldErrors<NetworkFormValues>;
  legend: string;
  hint: string;
  itemLabel: (i: number) => string;
  addLabel: string;
  removeLabel: (i: number) => string;
}) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name });
  const listError = (errors[name] as { message?: string } | undefined)?.message;
  const hintId = `${name}-hint`;
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} aria-describedby={hintId}>
      <Text component="legend" fw={500} size="sm" p={0}>
        {legend}
      </Text>
      <Text size="xs" c="dimmed" id={hintId} mb="xs">
        {hint}
      </Text>
      <Stack gap="xs">
        {fields.map((f, i) => (
          <Group key={f.id} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput
              aria-label={itemLabel(i)}
              placeholder={itemLabel(i)}
              style={{ flex: 1 }}
              {...register(`${name}.${i}.value` as const, { maxLength: { value: 500, message: t('form.tooLong', { max: 500 }) } })}
              error={errors[name]?.[i]?.value?.message}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mt={2}
              aria-label={removeLabel(i)}
              title={removeLabel(i)}
              onClick={() => (fields.length > 1 ? remove(i) : undefined)}
              disabled={fields.length <= 1}
            >
              <span aria-hidden>✕</span>
            </ActionIcon>
          </Group>
        ))}
        {listError && (
          <Text size="sm" c="red.8" role="alert">
            {listError}
          </Text>
        )}
        <Group>
          <Button variant="light" size="xs" onClick={() => append({ value: '' })} disabled={fields.length >= 30}>
            + {addLabel}
          </Button>
        </Group>
      </Stack>
    </fieldset>
  );
}

function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="fieldset" style={{ margin: 0, minWidth: 0 }}>
      <Title order={2} size="h4" mb="md" component="legend" style={{ float: 'left', width: '100%', padding: 0 }}>
        {title}
      </Title>
      <div style={{ clear: 'both' }}>{children}</div>
    </Paper>
  );
}
