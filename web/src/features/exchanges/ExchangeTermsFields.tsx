import { Grid, Textarea } from '@mantine/core';
import { type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PeriodFields } from '../../shared/components/DateField';
import { SelectField } from '../../shared/components/SelectField';
import { regionToday } from '../../shared/dates';
import { RESOURCE_CONDITIONS, type ResourceConditions } from '../inventory/types';
import '../inventory/strings';
import './strings';
import '../organizations/strings';

/** The fields of proposed terms as a form holds them: dates as YYYY-MM-DD or ''. */
export interface TermsValues {
  conditions: ResourceConditions;
  startsOn: string;
  endsOn: string;
  terms: string;
  message: string;
}

export const TERMS_FIELDS = ['conditions', 'startsOn', 'endsOn', 'terms', 'message'] as const;

/** The body the exchange routes take: empty dates are null, text trimmed, an empty message left out. */
export function termsPayload(v: TermsValues) {
  return {
    conditions: v.conditions,
    startsOn: v.startsOn || null,
    endsOn: v.endsOn || null,
    terms: v.terms.trim(),
    message: v.message.trim() || undefined,
  };
}

/**
 * Conditions, period, terms and a message: what a request proposes and what a counter-offer changes.
 * The form that holds them validates the period and shows the server's field errors.
 */
export function ExchangeTermsFields({
  control,
  register,
  errors,
  conditionsHint,
  messageHint,
  keptDays,
}: {
  control: Control<TermsValues>;
  register: UseFormRegister<TermsValues>;
  errors: FieldErrors<TermsValues>;
  /** under the conditions, e.g. what the resource's owner asks */
  conditionsHint?: string;
  messageHint: string;
  /** days the exchange or the need already has, accepted even when past; any other day must not be before today */
  keptDays: (string | null)[];
}) {
  const { t } = useTranslation();
  return (
    <Grid gap="sm">
      <Grid.Col span={12}>
        <SelectField
          control={control}
          name="conditions"
          label={t('exchanges.terms.conditions')}
          description={conditionsHint}
          data={RESOURCE_CONDITIONS.map((c) => ({ value: c, label: t(`inventory.conditions.${c}`) }))}
          data-autofocus
        />
      </Grid.Col>
      <PeriodFields
        control={control}
        start="startsOn"
        end="endsOn"
        startLabel={t('exchanges.terms.startsOn')}
        endLabel={t('exchanges.terms.endsOn')}
        endBeforeStart={t('exchanges.terms.endBeforeStart')}
        notBefore={{ day: regionToday(), message: t('exchanges.terms.inPast'), kept: keptDays }}
        span={{ base: 12, xs: 6 }}
      />
      <Grid.Col span={12}>
        <Textarea
          label={t('exchanges.terms.terms')}
          description={t('exchanges.terms.termsHint')}
          autosize
          minRows={2}
          maxRows={8}
          {...register('terms', { maxLength: { value: 5000, message: t('form.tooLong', { max: 5000 }) } })}
          error={errors.terms?.message}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <Textarea
          label={t('exchanges.terms.message')}
          description={messageHint}
          autosize
          minRows={2}
          maxRows={6}
          {...register('message', { maxLength: { value: 2000, message: t('form.tooLong', { max: 2000 }) } })}
          error={errors.message?.message}
        />
      </Grid.Col>
    </Grid>
  );
}
