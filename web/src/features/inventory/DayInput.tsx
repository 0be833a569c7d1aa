import { TextInput, type TextInputProps } from '@mantine/core';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const DAY = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A typed day → YYYY-MM-DD: «1.9.2026», «01.09.2026», «01/09/2026» and ISO are read; '' → null;
 * anything else (or 31.02) → undefined.
 */
export function parseDay(text: string): string | null | undefined {
  const s = text.trim();
  if (!s) return null;
  const iso = ISO_DAY.exec(s);
  const ru = DAY.exec(s);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : ru ? [ru[3], ru[2].padStart(2, '0'), ru[1].padStart(2, '0')] : [];
  if (!y) return undefined;
  const value = `${y}-${m}-${d}`;
  // dayjs rolls 31.02 over into March; a real day formats back to itself
  return dayjs(value).format('YYYY-MM-DD') === value ? value : undefined;
}

/** YYYY-MM-DD → ДД.ММ.ГГГГ for the input; '' for no day. */
export function dayText(iso: string | null | undefined): string {
  return iso ? dayjs(iso.slice(0, 10)).format('DD.MM.YYYY') : '';
}

/** A day field's check: a real day, and (given the period's start) not before the start. */
export function checkDay(text: string, t: TFunction, startText?: string): true | string {
  const day = parseDay(text);
  if (day === undefined) return t('inventory.dayFormat');
  const start = startText === undefined ? null : parseDay(startText);
  if (day && start && day < start) return t('inventory.endBeforeStart');
  return true;
}

/**
 * A calendar day typed in Russian format (ДД.ММ.ГГГГ) whatever the browser's language, unlike
 * <input type="date">, which follows the browser's locale.
 */
export function DayInput(props: TextInputProps) {
  const { t } = useTranslation();
  return <TextInput inputMode="numeric" autoComplete="off" placeholder={t('inventory.dayPlaceholder')} maxLength={10} {...props} />;
}
