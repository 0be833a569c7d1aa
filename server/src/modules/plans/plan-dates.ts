/**
 * Dates of plan items as people write them in Russian plans, and back. Pure functions.
 * Accepted: 01.09.2024, 1.9.24, 2024-09-01, an Excel date, «сентябрь 2024» (the whole month),
 * «2024» (the whole year); a period «сентябрь – декабрь 2024», «01.09.2024 – 31.05.2025», «с …», «до …».
 */

export type DateSide = 'start' | 'end';
export type DateReading = { value: string | null } | { error: string };

const monthStems: [RegExp, number][] = [
  [/^янв/, 1],
  [/^фев/, 2],
  [/^мар/, 3],
  [/^апр/, 4],
  [/^ма[йяе]/, 5],
  [/^июн/, 6],
  [/^июл/, 7],
  [/^авг/, 8],
  [/^сен/, 9],
  [/^окт/, 10],
  [/^ноя/, 11],
  [/^дек/, 12],
];

const monthNames = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function monthOf(word: string): number | null {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (!/^[а-яё]+$/.test(lower)) return null;
  return monthStems.find(([stem]) => stem.test(lower))?.[1] ?? null;
}

const clean = (text: string) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim().replace(/(\d)\s*(г\.?|года|год)$/i, '$1');

const dateHint = 'Пишите дату как 01.09.2024 (или месяц: «сентябрь 2024»)';

/** One date; a month or a year stands for its first day at the start of a period and its last day at the end. */
export function parsePlanDate(cell: string, side: DateSide): DateReading {
  const text = clean(cell);
  if (!text) return { value: null };
  let match = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (match) return checked(isoDate(+match[1], +match[2], +match[3]), cell);
  match = text.match(/^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/);
  if (match) return checked(isoDate(match[3].length === 2 ? 2000 + +match[3] : +match[3], +match[2], +match[1]), cell);
  match = text.match(/^(\d{5})$/);
  if (match && +match[1] >= 20000 && +match[1] <= 80000) {
    // An Excel date serial that reached us as a number: days since 1899-12-30.
    return { value: new Date(Date.UTC(1899, 11, 30) + +match[1] * 86_400_000).toISOString().slice(0, 10) };
  }
  match = text.match(/^(\d{4})$/);
  if (match) return checked(side === 'start' ? isoDate(+match[1], 1, 1) : isoDate(+match[1], 12, 31), cell);
  match = text.match(/^([а-яё]+\.?)\s+(\d{4})$/i);
  if (match && monthOf(match[1])) {
    const year = +match[2];
    const month = monthOf(match[1])!;
    return checked(isoDate(year, month, side === 'start' ? 1 : daysIn(year, month)), cell);
  }
  return { error: `«${cell.trim()}» — не дата. ${dateHint}` };
}

function checked(value: string | null, cell: string): DateReading {
  return value ? { value } : { error: `Такой даты нет: «${cell.trim()}». ${dateHint}` };
}

export type PeriodReading = { value: { startsOn: string | null; endsOn: string | null } } | { error: string };

/** A period in one cell, as in a plan-graph's «Сроки» column: «апрель – сентябрь 2009», «01.09.2024 – 31.05.2025», «с …», «до …». */
export function parsePlanPeriod(cell: string): PeriodReading {
  const text = clean(cell);
  if (!text) return { value: { startsOn: null, endsOn: null } };
  const from = text.match(/^с\s+(.+)$/i);
  if (from) {
    const start = parsePlanDate(from[1], 'start');
    return 'error' in start ? start : { value: { startsOn: start.value, endsOn: null } };
  }
  const until = text.match(/^(до|по)\s+(.+)$/i);
  if (until) {
    const end = parsePlanDate(until[2], 'end');
    return 'error' in end ? end : { value: { startsOn: null, endsOn: end.value } };
  }
  // A dash with spaces around it, or an en/em dash anywhere («2007–2009»); ISO dates keep their hyphens.
  const parts = text.split(/\s+[-–—]\s+|\s*[–—]\s*/).filter(Boolean);
  if (parts.length === 1) {
    const start = parsePlanDate(parts[0], 'start');
    const end = parsePlanDate(parts[0], 'end');
    if ('error' in start) return start;
    if ('error' in end) return end;
    return { value: { startsOn: start.value, endsOn: end.value } };
  }
  if (parts.length !== 2) return { error: `Не удалось прочитать сроки «${cell.trim()}». Пишите «01.09.2024 – 31.05.2025» или «сентябрь – декабрь 2024»` };
  let [first, second] = parts;
  // «апрель – сентябрь 2009»: the year written once at the end belongs to both months.
  const trailingYear = second.match(/\s(\d{4})$/)?.[1];
  if (trailingYear && monthOf(first) && !/\d/.test(first)) first = `${first} ${trailingYear}`;
  const start = parsePlanDate(first, 'start');
  if ('error' in start) return start;
  const end = parsePlanDate(second, 'end');
  if ('error' in end) return end;
  return { value: { startsOn: start.value, endsOn: end.value } };
}

/** 2024-09-01 → 01.09.2024 */
export function formatRussianDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}.${month}.${year}`;
}

const isFirstOfMonth = (iso: string) => iso.endsWith('-01');
const isLastOfMonth = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return day === daysIn(year, month);
};
const monthYear = (iso: string) => `${monthNames[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/**
 * A period as a plan-graph writes it: whole months and years by name («сентябрь – декабрь 2024», «2024»),
 * other dates in full («01.09.2024 – 15.10.2024»). The result reads back with parsePlanPeriod.
 */
export function formatPlanPeriod(startsOn: string | null, endsOn: string | null): string {
  if (!startsOn && !endsOn) return '—';
  if (!endsOn) return `с ${formatRussianDate(startsOn!)}`;
  if (!startsOn) return `до ${formatRussianDate(endsOn)}`;
  if (isFirstOfMonth(startsOn) && isLastOfMonth(endsOn)) {
    const [startYear, endYear] = [startsOn.slice(0, 4), endsOn.slice(0, 4)];
    if (startsOn.slice(5, 7) === '01' && endsOn.slice(5, 7) === '12') return startYear === endYear ? startYear : `${startYear}–${endYear}`;
    if (startsOn.slice(0, 7) === endsOn.slice(0, 7)) return capitalize(monthYear(startsOn));
    if (startYear === endYear) return capitalize(`${monthNames[Number(startsOn.slice(5, 7)) - 1]} – ${monthYear(endsOn)}`);
    return capitalize(`${monthYear(startsOn)} – ${monthYear(endsOn)}`);
  }
  if (startsOn === endsOn) return formatRussianDate(startsOn);
  return `${formatRussianDate(startsOn)} – ${formatRussianDate(endsOn)}`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
