import { useState } from 'react';
import {
  Alert,
  Button,
  Chip,
  Grid,
  Group,
  Input,
  Modal,
  NumberInput,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage, isStaleVersion } from '../../shared/api/errors';
import { ConflictAlert } from '../../shared/components/ConflictAlert';
import { PeriodFields } from '../../shared/components/DateField';
import { requiredProps } from '../../shared/components/required';
import { SelectField } from '../../shared/components/SelectField';
import { fetchInventory, inventoryApi, inventoryKeys } from './api';
import { COMMON_TAGS } from './labels';
import {
  NEED_PRIORITIES,
  RESOURCE_CATEGORIES,
  RESOURCE_CONDITIONS,
  RESOURCE_MOBILITIES,
  WEEKDAYS,
  type InventoryItem,
  type InventoryKind,
  type Need,
  type Offer,
  type ResourceCategory,
} from './types';
import './strings';
import '../organizations/strings';
import { ModalActions } from '../../shared/components/ModalActions';

/** As many directions as the server keeps for one row. */
const MAX_TAGS = 20;

export interface ItemValues {
  category: string;
  title: string;
  description: string;
  tags: string[];
  conditions: string;
  mobility: string;
  /** Chip values are strings */
  weekdays: string[];
  capacity: number | string;
  priority: string;
  /** YYYY-MM-DD, or '' */
  availableFrom: string;
  availableTo: string;
  neededFrom: string;
  neededTo: string;
}

const FIELDS = [
  'category',
  'title',
  'description',
  'tags',
  'conditions',
  'mobility',
  'weekdays',
  'capacity',
  'priority',
  'availableFrom',
  'availableTo',
  'neededFrom',
  'neededTo',
];

export function emptyValues(category: ResourceCategory | null, title = ''): ItemValues {
  return {
    category: category ?? '',
    title,
    description: '',
    tags: [],
    conditions: 'free',
    mobility: 'on_site',
    weekdays: [],
    capacity: '',
    priority: 'medium',
    availableFrom: '',
    availableTo: '',
    neededFrom: '',
    neededTo: '',
  };
}

function toValues(kind: InventoryKind, item: InventoryItem): ItemValues {
  if (kind === 'offer') {
    const o = item as Offer;
    return {
      ...emptyValues(o.category, o.title),
      description: o.description,
      tags: [...o.tags],
      conditions: o.conditions,
      mobility: o.mobility,
      weekdays: o.weekdays.map(String),
      capacity: o.capacity ?? '',
      availableFrom: o.availableFrom ?? '',
      availableTo: o.availableTo ?? '',
    };
  }
  const n = item as Need;
  return {
    ...emptyValues(n.category, n.title),
    description: n.description,
    tags: [...n.tags],
    priority: n.priority,
    neededFrom: n.neededFrom ?? '',
    neededTo: n.neededTo ?? '',
  };
}

function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}

/** Form values → the API body of an offer or a need. */
export function toPayload(kind: InventoryKind, v: ItemValues): Record<string, unknown> {
  const common = { category: v.category, title: v.title.trim(), description: v.description.trim(), tags: normaliseTags(v.tags) };
  if (kind === 'offer') {
    return {
      ...common,
      conditions: v.conditions,
      mobility: v.mobility,
      weekdays: v.weekdays.map(Number).sort((a, b) => a - b),
      availableFrom: v.availableFrom || null,
      availableTo: v.availableTo || null,
      capacity: v.capacity === '' ? null : Number(v.capacity),
    };
  }
  return { ...common, priority: v.priority, neededFrom: v.neededFrom || null, neededTo: v.neededTo || null };
}

function changedFields(kind: InventoryKind, before: ItemValues, after: ItemValues): Record<string, unknown> {
  const a = toPayload(kind, before);
  const b = toPayload(kind, after);
  return Object.fromEntries(Object.entries(b).filter(([k, value]) => JSON.stringify(value) !== JSON.stringify(a[k])));
}

/**
 * Adds or edits one offer or need: the same form for both kinds, the need's fields (priority,
 * period) or the offer's (conditions, mobility, days, period, capacity) shown by kind.
 */
export function InventoryItemModal({
  kind,
  organizationId,
  item,
  initial,
  onClose,
  onSaved,
}: {
  kind: InventoryKind;
  organizationId: string;
  /** null: a new row */
  item: InventoryItem | null;
  /** starting values of a new row (category chosen, a title typed inline) */
  initial?: ItemValues;
  onClose: () => void;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // what the user started editing from; replaced only by an explicit reload after a conflict
  const [base, setBase] = useState(() => ({
    version: item?.version ?? 0,
    values: item ? toValues(kind, item) : (initial ?? emptyValues(null)),
  }));
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, control, handleSubmit, reset, setError: setFieldError, formState } = useForm<ItemValues>({
    defaultValues: base.values,
    mode: 'onTouched',
  });
  const isOffer = kind === 'offer';

  const submit = handleSubmit(async (values) => {
    setError(null);
    setConflict(false);
    try {
      if (item) {
        const changes = changedFields(kind, base.values, values);
        if (Object.keys(changes).length === 0) {
          onClose();
          return;
        }
        await inventoryApi.update(kind, item.id, { version: base.version, ...changes });
      } else {
        await inventoryApi.create(kind, organizationId, toPayload(kind, values));
      }
      void qc.invalidateQueries({ queryKey: inventoryKeys.all });
      notifications.show({
        color: 'green',
        message: item ? t('form.saved') : isOffer ? t('inventory.offerAdded') : t('inventory.needAdded'),
      });
      onSaved?.();
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) {
        setConflict(true);
        return;
      }
      const hasFields = err instanceof ApiError && err.fieldErrors.length > 0;
      const rest = applyFieldErrors(err, setFieldError, FIELDS);
      setError(hasFields && !rest.length ? t('errors.fixFields') : rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  const reload = async () => {
    const fresh = await qc.fetchQuery({
      queryKey: inventoryKeys.organization(organizationId, true),
      queryFn: () => fetchInventory(organizationId, true),
      staleTime: 0,
    });
    const latest = (isOffer ? fresh.offers : fresh.needs).find((row) => row.id === item?.id);
    if (!latest) {
      setError(t('inventory.gone'));
      return;
    }
    const values = toValues(kind, latest);
    setBase({ version: latest.version, values });
    reset(values);
    setConflict(false);
  };

  const title = item
    ? isOffer
      ? t('inventory.editOfferTitle')
      : t('inventory.editNeedTitle')
    : isOffer
      ? t('inventory.newOfferTitle')
      : t('inventory.newNeedTitle');
  const categoryOptions = RESOURCE_CATEGORIES.map((c) => ({ value: c, label: `${t(`inventory.categories.${c}`)} — ${t(`inventory.categoryHints.${c}`)}` }));
  const maxLen = (max: number) => ({ value: max, message: t('form.tooLong', { max }) });
  const fromField = isOffer ? 'availableFrom' : 'neededFrom';
  const toField = isOffer ? 'availableTo' : 'neededTo';

  return (
    <Modal opened onClose={onClose} title={title} size="xl" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SelectField
            control={control}
            name="category"
            rules={{ required: t('inventory.categoryRequired') }}
            label={t('inventory.category')}
            {...requiredProps}
            data={categoryOptions}
          />
          <TextInput
            label={t('inventory.title')}
            description={isOffer ? t('inventory.offerTitleHint') : t('inventory.needTitleHint')}
            {...requiredProps}
            {...register('title', {
              validate: (v) => v.trim().length >= 3 || t('inventory.titleRequired'),
              maxLength: maxLen(300),
            })}
            error={formState.errors.title?.message}
            data-autofocus
          />
          <Textarea
            label={t('inventory.description')}
            description={isOffer ? t('inventory.offerDescriptionHint') : t('inventory.needDescriptionHint')}
            autosize
            minRows={2}
            maxRows={8}
            {...register('description', { maxLength: maxLen(5000) })}
            error={formState.errors.description?.message}
          />
          <Controller
            name="tags"
            control={control}
            render={({ field, fieldState }) => (
              <TagsInput
                label={t('inventory.tags')}
                description={t('inventory.tagsHint')}
                data={COMMON_TAGS}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                name={field.name}
                error={fieldState.error?.message}
                splitChars={[',', ';']}
                maxTags={MAX_TAGS}
                isDuplicate={(value, current) => current.some((tag) => tag.toLowerCase() === value.trim().toLowerCase())}
                acceptValueOnBlur
                clearable
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          {isOffer ? (
            <>
              <Grid gap="md">
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <SelectField
                    control={control}
                    name="conditions"
                    label={t('inventory.conditionsLabel')}
                    data={RESOURCE_CONDITIONS.map((c) => ({ value: c, label: t(`inventory.conditions.${c}`) }))}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <SelectField
                    control={control}
                    name="mobility"
                    label={t('inventory.mobilityLabel')}
                    data={RESOURCE_MOBILITIES.map((m) => ({ value: m, label: t(`inventory.mobilityOption.${m}`) }))}
                  />
                </Grid.Col>
              </Grid>
              <Controller
                name="weekdays"
                control={control}
                render={({ field, fieldState }) => (
                  <Input.Wrapper label={t('inventory.weekdays')} description={t('inventory.weekdaysHint')} error={fieldState.error?.message}>
                    <Chip.Group multiple value={field.value} onChange={field.onChange}>
                      <Group gap={6} mt={6} role="group" aria-label={t('inventory.weekdays')}>
                        {WEEKDAYS.map((d) => (
                          <Chip key={d} value={String(d)} size="sm">
                            {t(`inventory.weekdayShort.${d}`)}
                          </Chip>
                        ))}
                      </Group>
                    </Chip.Group>
                  </Input.Wrapper>
                )}
              />
            </>
          ) : (
            <SelectField
              control={control}
              name="priority"
              label={t('inventory.priorityLabel')}
              description={t('inventory.priorityHint')}
              data={NEED_PRIORITIES.map((p) => ({ value: p, label: t(`inventory.priority.${p}`) }))}
            />
          )}
          <Grid gap="md">
            <PeriodFields
              control={control}
              start={fromField}
              end={toField}
              startLabel={isOffer ? t('inventory.availableFrom') : t('inventory.neededFrom')}
              endLabel={isOffer ? t('inventory.availableTo') : t('inventory.neededTo')}
              endBeforeStart={t('inventory.endBeforeStart')}
              span={{ base: 6, sm: isOffer ? 4 : 6 }}
            />
            {isOffer && (
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Controller
                  name="capacity"
                  control={control}
                  rules={{
                    validate: (v) => v === '' || (Number.isInteger(Number(v)) && Number(v) >= 0) || t('inventory.capacityRange'),
                  }}
                  render={({ field, fieldState }) => (
                    <NumberInput
                      label={t('inventory.capacity')}
                      min={0}
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
            )}
          </Grid>
          <Text size="xs" c="dimmed" mt={-8}>
            {isOffer ? t('inventory.offerPeriodHint') : t('inventory.needPeriodHint')}
          </Text>
          {conflict && (
            <ConflictAlert title={t('inventory.conflictTitle')} onReload={reload}>
              <Text size="sm">{t('inventory.conflictText')}</Text>
            </ConflictAlert>
          )}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {item ? t('form.save') : t('inventory.add')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
