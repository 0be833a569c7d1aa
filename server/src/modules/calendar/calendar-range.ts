import { type SQL, sql } from 'drizzle-orm';
import { invalid } from '../../platform/problem';
import { events } from '../events/schema';
import { regionTimezoneColumn } from '../territory/region-clock';

/** The longest period one calendar request covers: a month grid is six weeks; a longer list is paged by months. */
export const CALENDAR_MAX_DAYS = 62;

/** The days of a calendar, from and to inclusive, as the region's dates (YYYY-MM-DD). */
export interface CalendarDays {
  from: string;
  to: string;
}

/** Refuses a period that ends before it starts or is longer than CALENDAR_MAX_DAYS, before anything is read. */
export function checkCalendarDays({ from, to }: CalendarDays) {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1) throw invalid('Конец периода раньше начала: укажите «по» не раньше «с».', [{ field: 'to', message: 'Не раньше начала периода' }]);
  if (days > CALENDAR_MAX_DAYS)
    throw invalid(`Календарь показывает не больше ${CALENDAR_MAX_DAYS} дней за раз: выберите месяц, неделю или период короче.`, [
      { field: 'to', message: `Период — не больше ${CALENDAR_MAX_DAYS} дней` },
    ]);
}

/**
 * Events that overlap the days in the region's time zone (start before the last day ends, end after the first begins),
 * as the GiST range index `events_period_idx` answers it: the region's midnights are computed in the same statement.
 */
export function overlapsDays({ from, to }: CalendarDays): SQL {
  const start = sql`(${from}::date)::timestamp at time zone ${regionTimezoneColumn}`;
  const end = sql`(${to}::date + 1)::timestamp at time zone ${regionTimezoneColumn}`;
  return sql`tstzrange(${events.startsAt}, ${events.endsAt}) && tstzrange(${start}, ${end})`;
}
