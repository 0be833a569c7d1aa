import { Grid, type GridColProps } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import { Controller, get, type Control, type ControllerProps, type FieldPathByValue, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

/**
 * What a typed day may look like: 01.09.2026, 1.9.2026 and the like, 01092026 (a phone's digit pad
 * has no dot), or a pasted 2026-09-01.
 */
const TYPED_DAY = ['DD.MM.YYYY', 'D.M.YYYY', 'D.MM.YYYY', 'DD.M.YYYY', 'DDMMYYYY', 'YYYY-MM-DD'];

/** A typed day → YYYY-MM-DD; null while it is not a whole real day (01.09.20, 31.02.2026). */
export function parseTypedDay(text: string): string | null {
  const day = dayjs(text.trim(), TYPED_DAY, true);
  return day.isValid() ? day.format('YYYY-MM-DD') : null;
}

export type DateFieldProps = Omit<DateInputProps, 'value' | 'defaultValue' | 'onChange'> & {
  /** YYYY-MM-DD, or '' for no day */
  value: string;
  onChange: (day: string) => void;
};

/**
 * A calendar day: typed as ДД.ММ.ГГГГ or picked in a calendar in the interface's language
 * (DatesProvider in App), whatever the browser's locale; the value is the YYYY-MM-DD the API takes.
 */
export function DateField({ value, onChange, ...props }: DateFieldProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat="DD.MM.YYYY"
      dateParser={parseTypedDay}
      placeholder={t('dates.placeholder')}
      clearable
      inputMode="numeric"
      ariaLabels={{
        previousMonth: t('dates.previousMonth'),
        nextMonth: t('dates.nextMonth'),
        previousYear: t('dates.previousYear'),
        nextYear: t('dates.nextYear'),
        previousDecade: t('dates.previousDecade'),
        nextDecade: t('dates.nextDecade'),
        monthLevelControl: t('dates.chooseMonth'),
        yearLevelControl: t('dates.chooseYear'),
      }}
      clearButtonProps={{ 'aria-label': t('dates.clear') }}
      {...props}
      value={value || null}
      onChange={(day) => onChange(day ?? '')}
    />
  );
}

/** One day field of a react-hook-form form. */
function DayController<T extends FieldValues>({
  control,
  name,
  label,
  rules,
}: {
  control: Control<T>;
  name: FieldPathByValue<T, string>;
  label: string;
  rules: ControllerProps<T, FieldPathByValue<T, string>>['rules'];
}) {
  return (
    <Controller
      control={control}
      name={name}
      rules={rules}
      render={({ field, fieldState }) => <DateField label={label} {...field} error={fieldState.error?.message} />}
    />
  );
}

/**
 * A period's start and end in a react-hook-form form: two day fields in two grid columns (put them
 * in a <Grid>), the end checked not to fall before the start with the form's own message.
 */
export function PeriodFields<T extends FieldValues>({
  control,
  start,
  end,
  startLabel,
  endLabel,
  endBeforeStart,
  notBefore,
  span,
}: {
  control: Control<T>;
  start: FieldPathByValue<T, string>;
  end: FieldPathByValue<T, string>;
  startLabel: string;
  endLabel: string;
  endBeforeStart: string;
  /** For what is still to come: no day before `day` (today), except one the record already has (`kept`). */
  notBefore?: { day: string; message: string; kept?: (string | null | undefined)[] };
  span: GridColProps['span'];
}) {
  const notPast = (day: string) => !notBefore || !day || day >= notBefore.day || notBefore.kept?.includes(day) || notBefore.message;
  return (
    <>
      <Grid.Col span={span}>
        <DayController control={control} name={start} label={startLabel} rules={{ deps: [end], validate: notPast }} />
      </Grid.Col>
      <Grid.Col span={span}>
        <DayController
          control={control}
          name={end}
          label={endLabel}
          rules={{
            validate: (day: string, all: T) => {
              const from: string = get(all, start);
              return (!day || !from || day >= from || endBeforeStart) === true ? notPast(day) : endBeforeStart;
            },
          }}
        />
      </Grid.Col>
    </>
  );
}
