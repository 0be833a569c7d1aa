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
