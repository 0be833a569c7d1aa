import { useState } from 'react';
import { Alert, Button, Grid, Modal, MultiSelect, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStaleVersion } from '../../shared/api/errors';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { PeriodFields } from '../../shared/components/DateField';
import { requiredProps } from '../../shared/components/required';
import { planApi } from './api';
import { flattenItems } from './PlanTab';
import type { EvidenceKind, NetworkDetail, Plan, PlanItem, PlanItemState } from './types';
import './strings';
import '../organizations/strings';
import { ModalActions } from '../../shared/components/ModalActions';

const STATES: PlanItemState[] = ['planned', 'in_progress', 'done', 'cancelled'];
const EVIDENCE: EvidenceKind[] = ['event', 'document', 'file', 'link'];

interface ItemValues {
  activity: string;
  startsOn: string;
  endsOn: string;
  responsibleOrganizationIds: string[];
  responsiblePeople: string;
  expectedResult: string;
  state: PlanItemState;
  progress: number | string;
  evidenceKind: string;
  evidenceReference: string;
}

const FIELDS = ['activity', 'startsOn', 'endsOn', 'responsibleOrganizationIds', 'responsiblePeople', 'expectedResult', 'state', 'progress', 'evidence'];

function toValues(item: PlanItem | null): ItemValues {
  return {
    activity: item?.activity ?? '',
    startsOn: item?.startsOn ?? '',
    endsOn: item?.endsOn ?? '',
    responsibleOrganizationIds: item?.responsibleOrganizations.map((o) => o.id) ?? [],
    responsiblePeople: item?.responsiblePeople ?? '',
    expectedResult: item?.expectedResult ?? '',
    state: item?.state ?? 'planned',
    progress: item?.progress ?? 0,
    evidenceKind: item?.evidence?.kind ?? '',
    evidenceReference: item?.evidence?.reference ?? '',
  };
}

function toPayload(v: ItemValues, mode: 'full' | 'report') {
  const evidence = v.evidenceKind && v.evidenceReference.trim() ? { kind: v.evidenceKind, reference: v.evidenceReference.trim() } : null;
  const report = { state: v.state, progress: Number(v.progress), evidence };
  if (mode === 'report') return report;
  return {
    activity: v.activity.trim(),
    startsOn: v.startsOn || null,
    endsOn: v.endsOn || null,
    responsibleOrganizationIds: v.responsibleOrganizationIds,
    responsiblePeople: v.responsiblePeople.trim(),
    expectedResult: v.expectedResult.trim(),
    ...report,
  };
}

/** Adds or edits a plan item. The coordinator plans (everything); a responsible organisation reports (status, progress, evidence). */
export function PlanItemModal({
  network,
  plan,
  item,
  parentId,
  mode,
  onClose,
  onSaved,
}: {
  network: NetworkDetail;
  plan: Plan;
  item: PlanItem | null;
  parentId: string | null;
  mode: 'full' | 'report';
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [base, setBase] = useState(() => ({ version: item?.version ?? 0, values: toValues(item) }));
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, control, handleSubmit, watch, setValue, getValues, reset, setError: setFieldError, formState } = useForm<ItemValues>({
    defaultValues: base.values,
    mode: 'onTouched',
  });
  const parent = parentId ? flattenItems(plan.items).find((i) => i.id === parentId) : null;
  const members = network.members.filter((m) => m.state === 'active').map((m) => ({ value: m.organizationId, label: m.organizationName }));
  // organisations named in the item that have left the network stay visible
  for (const o of item?.responsibleOrganizations ?? []) if (!members.some((m) => m.value === o.id)) members.push({ value: o.id, label: o.shortName });
  const state = watch('state');
  const evidenceKind = watch('evidenceKind');

  const submit = handleSubmit(async (v) => {
    setError(null);
    setConflict(false);
    const payload = toPayload(v, mode);
    try {
      if (item) {
        const before = toPayload(base.values, mode) as Record<string, unknown>;
        const changes = Object.fromEntries(Object.entries(payload).filter(([k, val]) => JSON.stringify(val) !== JSON.stringify(before[k])));
        if (!Object.keys(changes).length) {
          onClose();
          return;
        }
        await planApi.updateItem(item.id, { version: base.version, ...changes });
      } else {
        await planApi.addItem(plan.id, { ...payload, parentId });
      }
      notifications.show({ color: 'green', message: item ? t('form.saved') : t('plans.itemAdded') });
      onSaved();
      onClose();
    } catch (err) {
      const hasFields = err instanceof ApiError && err.fieldErrors.length > 0;
      if (isStaleVersion(err)) {
        setConflict(true);
        return;
      }
      const rest = applyFieldErrors(err, setFieldError, FIELDS);
      if (err instanceof ApiError) {
        const ev = err.fieldErrors.find((f) => f.field.startsWith('evidence'));
        if (ev) setFieldError('evidenceReference', { type: 'server', message: ev.message });
      }
      setError(hasFields && !rest.length ? t('errors.fixFields') : rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  const reload = async () => {
    const fresh = await planApi.get(plan.id);
    const latest = flattenItems(fresh.items).find((i) => i.id === item?.id);
    if (!latest) {
      setError(t('plans.itemGone'));
      return;
    }
    const values = toValues(latest);
    setBase({ version: latest.version, values });
    reset(values);
    setConflict(false);
    onSaved();
  };

  const title = item
    ? mode === 'report'
      ? t('plans.reportTitle', { number: item.number })
      : t('plans.editItemTitle', { number: item.number })
    : parent
      ? t('plans.addChildTitle', { number: parent.number })
      : t('plans.addItemTitle');

  return (
    <Modal opened onClose={onClose} title={title} size="xl" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {parent && !item && (
            <Text size="sm" c="dimmed">
              {t('plans.childOf', { number: parent.number, activity: parent.activity })}
            </Text>
          )}
          {mode === 'report' && item && (
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {item.number}. {item.activity}
              </Text>
              <Text size="xs" c="dimmed">
                {t('plans.reportHint')}
              </Text>
            </Stack>
          )}
          {mode === 'full' && (
            <>
              <Textarea
                label={t('plans.activity')}
                {...requiredProps}
                autosize
                minRows={2}
                maxRows={6}
                {...register('activity', {
                  validate: (v) => v.trim().length >= 3 || t('plans.activityRequired'),
                  maxLength: { value: 2000, message: t('form.tooLong', { max: 2000 }) },
                })}
                error={formState.errors.activity?.message}
                data-autofocus
              />
              <Grid gap="md">
                <PeriodFields
                  control={control}
                  start="startsOn"
                  end="endsOn"
                  startLabel={t('plans.startsOn')}
                  endLabel={t('plans.endsOn')}
                  endBeforeStart={t('plans.endBeforeStart')}
                  span={{ base: 12, sm: 6 }}
                />
              </Grid>
              <Controller
                name="responsibleOrganizationIds"
                control={control}
                render={({ field, fieldState }) => (
                  <MultiSelect
                    label={t('plans.responsibleOrganizations')}
                    description={t('plans.responsibleOrganizationsHint')}
                    data={members}
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
              <TextInput
                label={t('plans.responsiblePeople')}
                placeholder={t('plans.responsiblePeoplePlaceholder')}
                {...register('responsiblePeople', { maxLength: { value: 1000, message: t('form.tooLong', { max: 1000 }) } })}
                error={formState.errors.responsiblePeople?.message}
              />
              <Textarea
                label={t('plans.expectedResult')}
                autosize
                minRows={2}
                maxRows={6}
                {...register('expectedResult', { maxLength: { value: 5000, message: t('form.tooLong', { max: 5000 }) } })}
                error={formState.errors.expectedResult?.message}
              />
            </>
          )}
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                name="state"
                control={control}
                render={({ field, fieldState }) => (
                  <Select
                    label={t('plans.statusLabel')}
                    description={t('plans.overdueHint')}
                    data={STATES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
                    allowDeselect={false}
                    value={field.value}
                    onChange={(v) => {
                      field.onChange(v ?? 'planned');
                      if (v === 'done') setValue('progress', 100, { shouldValidate: true });
                    }}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                    error={fieldState.error?.message}
                    data-autofocus={mode === 'report' || undefined}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Controller
                name="progress"
                control={control}
                rules={{
                  validate: (v) => {
                    const n = Number(v);
                    if (v === '' || !Number.isInteger(n) || n < 0 || n > 100) return t('plans.progressRange');
                    if (state === 'done' && n !== 100) return t('plans.doneMeans100');
                    return true;
                  },
                }}
                render={({ field, fieldState }) => (
                  <NumberInput
                    label={t('plans.progressLabel')}
                    description={'\u00a0'}
                    min={0}
                    max={100}
                    step={10}
                    suffix=" %"
                    allowDecimal={false}
                    allowNegative={false}
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
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Controller
                name="evidenceKind"
                control={control}
                render={({ field }) => (
                  <Select
                    label={t('plans.evidence')}
                    data={[{ value: '', label: t('plans.noEvidence') }, ...EVIDENCE.map((k) => ({ value: k, label: t(`plans.evidenceKind.${k}`) }))]}
                    allowDeselect={false}
                    value={field.value}
                    onChange={(v) => field.onChange(v ?? '')}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                label={t('plans.evidenceReference')}
                placeholder={evidenceKind === 'link' ? 'https://' : t('plans.evidenceReferencePlaceholder')}
                disabled={!evidenceKind}
                {...register('evidenceReference', {
                  validate: (v) => {
                    const kind = getValues('evidenceKind');
                    if (!kind) return true;
                    if (!v.trim()) return t('plans.evidenceReferenceRequired');
                    if (kind === 'link' && !/^https?:\/\/\S+$/i.test(v.trim())) return t('plans.evidenceLinkFormat');
                    return true;
                  },
                })}
                error={formState.errors.evidenceReference?.message}
              />
            </Grid.Col>
          </Grid>
          {conflict && (
            <ConflictAlert title={t('plans.conflictTitle')} onReload={reload}>
              <Text size="sm">{t('plans.conflictText')}</Text>
            </ConflictAlert>
          )}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {item ? t('form.save') : t('plans.addItem')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
