import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

// The last region's time zone this browser learnt, so that a page opened without network (the check-in page at the
// door) shows times as it did online; not personal.
const REMEMBERED_TIMEZONE = 'orbita.region-timezone';

function rememberedTimezone(): string | null {
  try {
    return localStorage.getItem(REMEMBERED_TIMEZONE);
  } catch {
    return null; // no storage (disabled, or not a browser)
  }
}

let regionTimezone: string | null = rememberedTimezone();

/** Times are stored in UTC and shown in the region's time zone (set once /api/region is known; until then, the last one known). */
export function setRegionTimezone(tz: string | null | undefined): void {
  if (!tz) return;
  regionTimezone = tz;
  try {
    localStorage.setItem(REMEMBERED_TIMEZONE, tz);
  } catch {
    // kept for this page only
  }
}

function inZone(value: string | Date) {
  const d = dayjs(value);
  if (!regionTimezone) return d;
  try {
    return d.tz(regionTimezone);
  } catch {
    return d;
  }
}

/** Today in the region as YYYY-MM-DD: the earliest day a form accepts for what is still to come. */
export function regionToday(): string {
  return inZone(new Date()).format('YYYY-MM-DD');
}

/** 12 марта 2025 */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return inZone(value).format('D MMMM YYYY');
}

/** 12.03.2025 14:05 */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return inZone(value).format('DD.MM.YYYY HH:mm');
}

/** ISO string for a machine-readable <time dateTime>. */
export function isoString(value: string | Date): string {
  return dayjs(value).toISOString();
}

/** Midnight of a YYYY-MM-DD day (plus `addDays`) in the region's time zone, as an ISO instant. */
export function dayStart(day: string, addDays = 0): string {
  const base = regionTimezone ? dayjs.tz(day, regionTimezone) : dayjs(day);
  return base.add(addDays, 'day').toISOString();
}

/** A calendar day stored as YYYY-MM-DD (no time, no zone): 12 марта 2025. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const d = dayjs(day.slice(0, 10));
  return d.isValid() ? d.format('D MMMM YYYY') : day;
}

/** A calendar day in short form: 12.03.2025. */
export function formatDayShort(day: string | null | undefined): string {
  if (!day) return '—';
  const d = dayjs(day.slice(0, 10));
  return d.isValid() ? d.format('DD.MM.YYYY') : day;
}

/**
 * A period of calendar days (YYYY-MM-DD, either end open): «01.09.2025 — 31.05.2026», «01.09.2025»
 * for one day, «с 01.09.2025», «по 31.05.2026»; null when neither end is set.
 */
export function periodText(from: string | null | undefined, to: string | null | undefined, t: TFunction): string | null {
  if (from && to) {
    return from.slice(0, 10) === to.slice(0, 10) ? formatDayShort(from) : t('dates.periodRange', { from: formatDayShort(from), to: formatDayShort(to) });
  }
  if (from) return t('dates.periodFrom', { date: formatDayShort(from) });
  if (to) return t('dates.periodTo', { date: formatDayShort(to) });
  return null;
}

/** A wall-clock time typed in the region (an <input type="datetime-local"> value) as ISO 8601 with the region's offset. */
export function regionLocalToIso(local: string): string {
  const d = regionTimezone ? dayjs.tz(local, regionTimezone) : dayjs(local);
  return d.format('YYYY-MM-DDTHH:mm:ssZ');
}

/** An instant as the region's wall-clock time, the value of an <input type="datetime-local">: 2026-03-15T18:00. */
export function isoToRegionLocal(value: string | null | undefined): string {
  return value ? inZone(value).format('YYYY-MM-DDTHH:mm') : '';
}

/** An instant's time of day in the region: 14:05. */
export function formatClock(value: string | Date): string {
  return inZone(value).format('HH:mm');
}

/** Whether two instants fall on one day in the region. */
export function sameRegionDay(a: string | Date, b: string | Date): boolean {
  return inZone(a).format('YYYY-MM-DD') === inZone(b).format('YYYY-MM-DD');
}
