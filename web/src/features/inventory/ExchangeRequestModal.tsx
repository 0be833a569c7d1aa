import { useState } from 'react';
import { Alert, Anchor, Button, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { exchangeApi, exchangeKeys } from '../exchanges/api';
import { ExchangeTermsFields, TERMS_FIELDS, termsPayload, type TermsValues } from '../exchanges/ExchangeTermsFields';
import { inventoryKeys } from './api';
import type { Need, OrganizationRef, Suggestion } from './types';
import './strings';
import { ModalActions } from '../../shared/components/ModalActions';

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
  // the network is no term of the exchange: it only says where the agreement and the plan item go
  const [networkId, setNetworkId] = useState<string | null>(sharedNetworks[0]?.value ?? null);
  const { register, control, handleSubmit, setError: setFieldError, formState } = useForm<TermsValues>({
    defaultValues: {
      conditions: offer.conditions,
      startsOn: need.neededFrom ?? '',
      endsOn: need.neededTo ?? '',
      terms: '',
      message: '',
    },
    mode: 'onTouched',
  });

  const submit = handleSubmit(async (v) => {
    setError(null);
    setExistingId(null);
    try {
      const exchange = await exchangeApi.create({
        offerId: offer.id,
        requesterOrganizationId: need.organizationId,
        needId: need.id,
        networkId: networkId ?? undefined,
        ...termsPayload(v),
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
      const rest = applyFieldErrors(err, setFieldError, TERMS_FIELDS);
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
            <Select
              label={t('inventory.requestNetwork')}
              description={t('inventory.requestNetworkHint')}
              data={sharedNetworks}
              allowDeselect={false}
              value={networkId}
              onChange={setNetworkId}
            />
          )}
          <ExchangeTermsFields
            control={control}
            register={register}
            errors={formState.errors}
            conditionsHint={t('inventory.requestConditionsHint', { conditions: t(`inventory.conditions.${offer.conditions}`).toLowerCase() })}
            messageHint={t('inventory.requestMessageHint')}
            keptDays={[need.neededFrom]}
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
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={formState.isSubmitting}>
              {t('inventory.requestSend')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </Modal>
  );
}
