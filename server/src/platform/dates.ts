/** The calendar date (YYYY-MM-DD) of an instant in a time zone; the region's dates are local, instants are UTC. */
export function localDate(instant: Date, timeZone = 'Europe/Moscow'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
