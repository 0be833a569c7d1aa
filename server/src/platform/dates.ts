/** Building an Intl formatter costs far more than using one, and a busy server asks for the date on many requests. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone; the region's dates are local, instants are UTC. */
export function localDate(instant: Date, timeZone = 'Europe/Moscow'): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/** The calendar date `days` after (or before, when negative) an ISO date (YYYY-MM-DD). */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** «15 марта, 18:00» in the region's time. */
export const momentText = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone }).format(instant);
