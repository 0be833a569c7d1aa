import { useState } from 'react';
import { Alert, Anchor, Button, Grid, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { exchangeKeys } from '../exchanges/api';
import { inventoryApi, inventoryKeys } from './api';
import { DayInput, checkDay, dayText, parseDay } from './DayInput';
import { RESOURCE_CONDITIONS, type Need, type OrganizationRef, type Suggestion } from './types';

interface RequestValues {
  networkId: string;
  conditions: string;
  startsOn: string;
  endsOn: string;
  terms: string;
  message: string;
}

const FIELDS = ['networkId', 'conditions', 'startsOn', 'endsOn', 'terms', 'message'];

/** A 409 for a second live request names the existing exchange. */
function existingExchangeId(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  const id = (err.problem as { exchangeId?: unknown }).exchangeId;
  return typeof id === 'string' ? id : null;
}

/** Asks the offer's owner for the resource on behalf of the need's organisation (POST /api/exchanges). */
export function ExchangeRequestModal({
  need,
  suggestion,
  networkNames,
  onClose,
}: {
  need: Need & { organization: OrganizationRef };
  suggestion: Suggestion;
  /** names of the networks the two organisations share, by id */
  networkNames: ReadonlyMap<string, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [existingId, setExistingId] = useState<string | null>(null);
  const { offer } = suggestion;
  const sharedNetworks = suggestion.reasons.sharedNetworkIds.map((id) => ({ value: id, label: networkNames.get(id) ?? t('inventory.unnamedNetwork') }));
  const { register, control, handleSubmit, getValues, setError: setFieldError, formState } = useForm<RequestValues>({
    defaultValues: {
      networkId: sharedNetworks[0]?.value ?? '',
      conditions: offer.conditions,
      startsOn: dayText(need.neededFrom),
      endsOn: dayText(need.neededTo),
      terms: '',
      message: '',
    },
    mode: 'onTouched',
  });

  const submit = handleSubmit(async (v) => {
    setError(null);
    setExistingId(null);
    try {
      const exchange = await inventoryApi.requestExchange({
        offerId: offer.id,
        requesterOrganizationId: need.organizationId,
        needId: need.id,
        networkId: v.networkId || undefined,
        conditions: v.conditions,
        startsOn: parseDay(v.startsOn) ?? null,
        endsOn: parseDay(v.endsOn) ?? null,
        terms: v.terms.trim(),
        message: v.message.trim(),
      });
      void qc.invalidateQueries({ queryKey: inventoryKeys.all });
      void qc.invalidateQueries({ queryKey: exchangeKeys.all });
      notifications.show({ color: 'green', message: t('inventory.requestSent') });
      navigate(`/exchanges/${exchange.id}`);
    } catch (err) {
      const existing = existingExchangeId(err);
      if (existing) {
        setExistingId(existing);
        void qc.invalidateQueries({ queryKey: inventoryKeys.all });
        return;
      }
      const hasFields = err instanceof ApiError && err.fieldErrors.length > 0;
      const rest = applyFieldErrors(err, setFieldError, FIELDS);
      setError(hasFields && !rest.length ? t('errors.fixFields') : rest.length ? rest.join('; ') : errorMessage(err, t));
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('inventory.requestTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {t('inventory.requestIntro', { requester: need.organization.shortName, provider: suggestion.organization.shortName, title: offer.title })}
          </Text>
          {sharedNetworks.length > 0 && (
            <Controller
              name="networkId"
              control={control}
              render={({ field, fieldState }) => (
                <Select
                  label={t('inventory.requestNetwork')}
                  description={t('inventory.requestNetworkHint')}
                  data={sharedNetworks}
                  allowDeselect={false}
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  name={field.name}
                  error={fieldState.error?.message}
                  comboboxProps={{ withinPortal: true }}
                />
              )}
            />
          )}
          <Controller
            name="conditions"
            control={control}
            render={({ field, fieldState }) => (
              <Select
                label={t('inventory.conditionsLabel')}
                description={t('inventory.requestConditionsHint', { conditions: t(`inventory.conditions.${offer.conditions}`).toLowerCase() })}
                data={RESOURCE_CONDITIONS.map((c) => ({ value: c, label: t(`inventory.conditions.${c}`) }))}
                allowDeselect={false}
                value={field.value}
                onChange={(v) => field.onChange(v ?? offer.conditions)}
                onBlur={field.onBlur}
                ref={field.ref}
                name={field.name}
                error={fieldState.error?.message}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          <Grid gap="md">
            <Grid.Col span={6}>
              <DayInput
                label={t('inventory.requestStartsOn')}
                {...register('startsOn', { deps: ['endsOn'], validate: (v) => checkDay(v, t) })}
                error={formState.errors.startsOn?.message}
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <DayInput
                label={t('inventory.requestEndsOn')}
                {...register('endsOn', { validate: (v) => checkDay(v, t, getValues('startsOn')) })}
                error={formState.errors.endsOn?.message}
              />
            </Grid.Col>
          </Grid>
          <Textarea
            label={t('inventory.requestTerms')}
            placeholder={t('inventory.requestTermsPlaceholder')}
            autosize
            minRows={2}
            maxRows={6}
            {...register('terms', { maxLength: { value: 5000, message: t('form.tooLong', { max: 5000 }) } })}
            error={formState.errors.terms?.message}
            data-autofocus
          />
          <Textarea
            label={t('inventory.requestMessage')}
            placeholder={t('inventory.requestMessagePlaceholder')}
            autosize
            minRows={2}
            maxRows={6}
            {...register('message', { maxLength: { value: 5000, message: t('form.tooLong', { max: 5000 }) } })}
            error={formState.errors.message?.message}
          />
          {existingId && (
            <Alert color="orange" variant="light" role="alert" title={t('inventory.requestDuplicate')}>
              <Anchor component={Link} to={`/exchanges/${existingId}`} size="sm">
                {t('inventory.requestOpenExisting')}
              </Anchor>
            </Alert>
          )}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('inventory.requestSend')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
