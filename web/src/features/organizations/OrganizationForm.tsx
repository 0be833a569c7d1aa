import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { Controller, useForm, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { requiredProps } from '../../shared/components/required';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStaleVersion } from '../../shared/api/errors';
import { useMunicipalities } from '../../shared/api/queries';
import { ORGANIZATION_KINDS, ORGANIZATION_STATUSES, type Organization } from '../../shared/api/types';
import { isValidInn, isValidOgrn } from '../../../../server/src/algorithms/russian-identifiers';
import './strings';

export interface OrgFormValues {
  kind: string;
  fullName: string;
  shortName: string;
  municipalityId: string;
  statuses: string[];
  address: string;
  lat: string;
  lon: string;
  headName: string;
  phone: string;
  email: string;
  website: string;
  inn: string;
  ogrn: string;
  externalId: string;
  description: string;
}

const FIELDS: (keyof OrgFormValues)[] = [
  'kind',
  'fullName',
  'shortName',
  'municipalityId',
  'statuses',
  'address',
  'lat',
  'lon',
  'headName',
  'phone',
  'email',
  'website',
  'inn',
  'ogrn',
  'externalId',
  'description',
];

export function toFormValues(org?: Partial<Organization> | null): OrgFormValues {
  const s = (v: string | null | undefined) => v ?? '';
  return {
    kind: s(org?.kind),
    fullName: s(org?.fullName),
    shortName: s(org?.shortName),
    municipalityId: s(org?.municipalityId),
    statuses: [...(org?.statuses ?? [])],
    address: s(org?.address),
    lat: org?.lat != null ? String(org.lat) : '',
    lon: org?.lon != null ? String(org.lon) : '',
    headName: s(org?.headName),
    phone: s(org?.phone),
    email: s(org?.email),
    website: s(org?.website),
    inn: s(org?.inn),
    ogrn: s(org?.ogrn),
    externalId: s(org?.externalId),
    description: s(org?.description),
  };
}

function parseCoord(v: string): number | null {
  const s = v.trim().replace(',', '.');
  if (!s) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
}

function normaliseWebsite(v: string): string {
  const s = v.trim();
  if (!s) return '';
  return /^https?:\/\//i.test(s) ? s : `https://${s}`;
}

/** Form values → API fields: plain text '' when empty (as the server stores it), identifiers null, numbers parsed. */
export function toPayload(v: OrgFormValues): Record<string, unknown> {
  const id = (x: string) => (x.trim() ? x.trim() : null);
  return {
    kind: v.kind,
    fullName: v.fullName.trim(),
    shortName: v.shortName.trim(),
    municipalityId: v.municipalityId,
    statuses: ORGANIZATION_STATUSES.filter((s) => v.statuses.includes(s)),
    address: v.address.trim(),
    lat: parseCoord(v.lat),
    lon: parseCoord(v.lon),
    headName: v.headName.trim(),
    phone: v.phone.trim(),
    email: v.email.trim(),
    website: normaliseWebsite(v.website),
    inn: id(v.inn),
    ogrn: id(v.ogrn),
    externalId: id(v.externalId),
    description: v.description.trim(),
  };
}

/** Only the fields whose value differs from the original. */
export function changedFields(original: OrgFormValues, current: OrgFormValues): Record<string, unknown> {
  const a = toPayload(original);
  const b = toPayload(current);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(b)) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out[k] = b[k];
  }
  return out;
}


const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WEBSITE_RE = /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i;

interface OrganizationFormProps {
  initial?: Partial<Organization> | null;
  mode: 'create' | 'edit';
  /** authorities create only in their own municipality */
  municipalityLock?: string | null;
  /** throws ApiError on failure; the form shows it and keeps what was typed */
  onSubmit: (values: OrgFormValues) => Promise<void>;
  onCancel: () => void;
  /** org admins keep the card but not the registry fields (kind, municipality, statuses, identifiers) */
  registryLocked?: boolean;
  /** edit: reload the current version after a 409 */
  onReloadLatest?: () => Promise<OrgFormValues | null>;
}

export function OrganizationForm({
  initial,
  mode,
  municipalityLock,
  registryLocked = false,
  onSubmit,
  onCancel,
  onReloadLatest,
}: OrganizationFormProps) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);

  const defaults = toFormValues(initial ?? (municipalityLock ? { municipalityId: municipalityLock } : null));
  const {
    register,
    control,
    handleSubmit,
    setError,
    getValues,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<OrgFormValues>({ defaultValues: defaults, mode: 'onTouched' });

  const req = { required: t('form.required') };
  const maxLen = (max: number) => ({ value: max, message: t('form.tooLong', { max }) });

  const submit = handleSubmit(
    async (values) => {
      setConflict(false);
      setFormError(null);
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
        setOtherErrors(rest);
        setFormError(hasFieldErrors && rest.length === 0 ? t('errors.fixFields') : errorMessage(err, t));
      }
    },
    (errs: FieldErrors<OrgFormValues>) => {
      setFormError(t('errors.fixFields'));
      void errs;
    },
  );

  const kindOptions = ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }));
  const municipalityOptions = (municipalities.data ?? [])
    .filter((m) => !municipalityLock || m.id === municipalityLock)
    .map((m) => ({ value: m.id, label: m.name }));

  return (
    <form onSubmit={submit} noValidate aria-describedby={formError ? 'org-form-error' : undefined}>
      <Stack gap="lg">
        {registryLocked && (
          <Text size="sm" c="dimmed">
            {t('form.registryLocked')}
          </Text>
        )}

        <FormSection title={t('form.sectionMain')}>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                name="kind"
                control={control}
                rules={req}
                render={({ field, fieldState }) => (
                  <Select
                    label={t('org.kind')}
                    placeholder={t('form.kindPlaceholder')}
                    data={kindOptions}
                    {...requiredProps}
                    disabled={registryLocked}
                    searchable
                    allowDeselect={false}
                    value={field.value || null}
                    onChange={(v) => field.onChange(v ?? '')}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                    error={fieldState.error?.message}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                name="municipalityId"
                control={control}
                rules={req}
                render={({ field, fieldState }) => (
                  <Select
                    label={t('org.municipality')}
                    placeholder={t('form.municipalityPlaceholder')}
                    data={municipalityOptions}
                    {...requiredProps}
                    searchable
                    allowDeselect={false}
                    value={field.value || null}
                    onChange={(v) => field.onChange(v ?? '')}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                    error={fieldState.error?.message}
                    disabled={registryLocked || (!!municipalityLock && municipalityOptions.length === 1 && field.value === municipalityLock)}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea
                label={t('org.fullName')}
                description={t('form.fullNameHint')}
                {...requiredProps}
                autosize
                minRows={2}
                maxRows={4}
                {...register('fullName', {
                  ...req,
                  maxLength: maxLen(500),
                  validate: (v) => v.trim().length >= 3 || t('form.fullNameRequired'),
                })}
                error={errors.fullName?.message}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput
                label={t('org.shortName')}
                description={t('form.shortNameHint')}
                {...requiredProps}
                {...register('shortName', {
                  ...req,
                  maxLength: maxLen(200),
                  validate: (v) => v.trim().length >= 2 || t('form.shortNameRequired'),
                })}
                error={errors.shortName?.message}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Controller
                name="statuses"
                control={control}
                render={({ field, fieldState }) => (
                  <Checkbox.Group
                    label={t('org.statuses')}
                    description={t('form.statusesHint')}
                    value={field.value}
                    onChange={field.onChange}
                    error={fieldState.error?.message}
                    readOnly={registryLocked}
                  >
                    <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                      {ORGANIZATION_STATUSES.map((s) => (
                        <Checkbox
                          key={s}
                          value={s}
                          label={t(`statuses.${s}`)}
                          description={t(`statusHints.${s}`)}
                          disabled={registryLocked}
                        />
                      ))}
                    </SimpleGrid>
                  </Checkbox.Group>
                )}
              />
            </Grid.Col>
          </Grid>
        </FormSection>

        <FormSection title={t('form.sectionLocation')}>
          <Grid gap="md">
            <Grid.Col span={12}>
              <TextInput label={t('org.address')} {...register('address', { maxLength: maxLen(500) })} error={errors.address?.message} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('org.lat')}
                description={t('form.coordsHint')}
                inputMode="decimal"
                {...register('lat', {
                  validate: {
                    range: (v) => {
                      const n = parseCoord(v);
                      return n === null || (!Number.isNaN(n) && n >= -90 && n <= 90) || t('form.latFormat');
                    },
                    both: (v) => (v.trim() === '') === (getValues('lon').trim() === '') || t('form.coordsBoth'),
                  },
                  deps: ['lon'],
                })}
                error={errors.lat?.message}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('org.lon')}
                description={'\u00a0'}
                inputMode="decimal"
                {...register('lon', {
                  validate: {
                    range: (v) => {
                      const n = parseCoord(v);
                      return n === null || (!Number.isNaN(n) && n >= -180 && n <= 180) || t('form.lonFormat');
                    },
                    both: (v) => (v.trim() === '') === (getValues('lat').trim() === '') || t('form.coordsBoth'),
                  },
                  deps: ['lat'],
                })}
                error={errors.lon?.message}
              />
            </Grid.Col>
          </Grid>
        </FormSection>

        <FormSection title={t('form.sectionContacts')}>
          <Grid gap="md">
            <Grid.Col span={12}>
              <TextInput label={t('org.headName')} {...register('headName', { maxLength: maxLen(200) })} error={errors.headName?.message} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('org.phone')}
                type="tel"
                placeholder={t('form.phonePlaceholder')}
                {...register('phone', { maxLength: maxLen(100) })}
                error={errors.phone?.message}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('org.email')}
                type="email"
                placeholder={t('form.emailPlaceholder')}
                {...register('email', {
                  maxLength: maxLen(200),
                  validate: (v) => !v.trim() || EMAIL_RE.test(v.trim()) || t('form.emailFormat'),
                })}
                error={errors.email?.message}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('org.website')}
                placeholder={t('form.websitePlaceholder')}
                inputMode="url"
                {...register('website', {
                  maxLength: maxLen(300),
                  validate: (v) => !v.trim() || WEBSITE_RE.test(v.trim()) || t('form.websiteFormat'),
                })}
                error={errors.website?.message}
              />
            </Grid.Col>
          </Grid>
        </FormSection>

        <FormSection title={t('form.sectionRequisites')}>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('org.inn')}
                description={t('form.innHint')}
                inputMode="numeric"
                disabled={registryLocked}
                {...register('inn', {
                  validate: (v) => !v.trim() || isValidInn(v.trim()) || t('form.innFormat'),
                })}
                error={errors.inn?.message}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('org.ogrn')}
                description={t('form.ogrnHint')}
                inputMode="numeric"
                disabled={registryLocked}
                {...register('ogrn', {
                  validate: (v) => !v.trim() || isValidOgrn(v.trim()) || t('form.ogrnFormat'),
                })}
                error={errors.ogrn?.message}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('org.externalId')}
                description={t('form.externalIdHint')}
                disabled={registryLocked}
                {...register('externalId', { maxLength: maxLen(100) })}
                error={errors.externalId?.message}
              />
            </Grid.Col>
          </Grid>
        </FormSection>

        <FormSection title={t('form.sectionDescription')}>
          <Textarea
            label={t('org.description')}
            autosize
            minRows={4}
            maxRows={14}
            {...register('description', { maxLength: maxLen(5000) })}
            error={errors.description?.message}
          />
        </FormSection>

        {conflict && (
          <ConflictAlert
            title={t('form.conflict')}
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
            <Text size="sm">{t('form.conflictHint')}</Text>
          </ConflictAlert>
        )}
        {formError && !conflict && (
          <Alert color="red" variant="light" id="org-form-error" role="alert" title={formError}>
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
            {mode === 'create' ? t('form.create') : t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
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
