/**
 * A child's weekly timetable across organisations (pure, no I/O): which classes clash and the grid
 * of a week. A class is a weekly slot (ISO weekday 1–7, minutes from midnight, end exclusive) of a
 * programme that runs between two dates; a missing date means the programme is open-ended that way.
 */

export interface WeeklySlot {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface TimetableEntry {
  id: string;
  /** ISO dates (YYYY-MM-DD), inclusive; null is open-ended. */
  startsOn: string | null;
  endsOn: string | null;
  slots: WeeklySlot[];
}

/** Two entries' classes overlapping on a weekday, in the window both occupy. `first` came before `second` in the input. */
export interface Clash {
  first: string;
  second: string;
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface GridBlock {
  entryId: string;
  startMinute: number;
  endMinute: number;
}

/** Weekday → the week's blocks, in order of start (then end, then input order). */
export type WeeklyGrid = Record<number, GridBlock[]>;

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const DAY_MS = 86_400_000;

const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
/** ISO weekday of a day number: 1970-01-01 (day 0) was a Thursday (4). */
const isoWeekdayOf = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;

/**
 * The weekdays on which both entries hold classes at all: every weekday when their date ranges share
 * a week or more, the weekdays of the shared days when they share less, none when they share no day.
 */
export function sharedWeekdays(a: Pick<TimetableEntry, 'startsOn' | 'endsOn'>, b: Pick<TimetableEntry, 'startsOn' | 'endsOn'>): Set<number> {
  const starts = [a.startsOn, b.startsOn].filter((d): d is string => d !== null).map(dayNumber);
  const ends = [a.endsOn, b.endsOn].filter((d): d is string => d !== null).map(dayNumber);
  const from = starts.length ? Math.max(...starts) : -Infinity;
  const to = ends.length ? Math.min(...ends) : Infinity;
  if (from > to) return new Set();
  if (to - from >= 6) return new Set(WEEKDAYS);
  const weekdays = new Set<number>();
  for (let day = from; day <= to; day++) weekdays.add(isoWeekdayOf(day));
  return weekdays;
}

interface PlacedSlot extends WeeklySlot {
  order: number;
  entryId: string;
}

/** Every slot of the entries, per weekday, sorted by start; the input order breaks ties so results are stable. */
function slotsByWeekday(entries: TimetableEntry[]): Map<number, PlacedSlot[]> {
  const byWeekday = new Map<number, PlacedSlot[]>();
  entries.forEach((entry, order) => {
    for (const slot of entry.slots) {
      const placed = { ...slot, order, entryId: entry.id };
      const day = byWeekday.get(slot.weekday);
      if (day) day.push(placed);
      else byWeekday.set(slot.weekday, [placed]);
    }
  });
  for (const day of byWeekday.values()) day.sort((x, y) => x.startMinute - y.startMinute || x.endMinute - y.endMinute || x.order - y.order);
  return byWeekday;
}

/**
 * Every pair of classes of two different entries that overlap in time on a weekday both entries
 * actually run on, once, with the window they share. Two slots of one entry never clash with each other.
 * Sorted by weekday, then start, then the entries' input order.
 */
export function findClashes(entries: TimetableEntry[]): Clash[] {
  const weekdaysOfPair = new Map<string, Set<number>>();
  const shared = (a: number, b: number) => {
    const key = `${a}:${b}`;
    let weekdays = weekdaysOfPair.get(key);
    if (!weekdays) weekdaysOfPair.set(key, (weekdays = sharedWeekdays(entries[a], entries[b])));
    return weekdays;
  };
  const clashes: Clash[] = [];
  for (const [weekday, slots] of slotsByWeekday(entries)) {
    for (let i = 0; i < slots.length; i++) {
      const current = slots[i];
      // Sorted by start: once a later slot starts at or after this one's end, no later one overlaps it either.
      for (let j = i + 1; j < slots.length && slots[j].startMinute < current.endMinute; j++) {
        const later = slots[j];
        if (later.order === current.order) continue;
        const [first, second] = current.order < later.order ? [current, later] : [later, current];
        if (!shared(first.order, second.order).has(weekday)) continue;
        clashes.push({
          first: first.entryId,
          second: second.entryId,
          weekday,
          startMinute: later.startMinute,
          endMinute: Math.min(current.endMinute, later.endMinute),
        });
      }
    }
  }
  const orderOf = new Map(entries.map((entry, index) => [entry.id, index]));
  return clashes.sort(
    (x, y) =>
      x.weekday - y.weekday ||
      x.startMinute - y.startMinute ||
      orderOf.get(x.first)! - orderOf.get(y.first)! ||
      orderOf.get(x.second)! - orderOf.get(y.second)! ||
      x.endMinute - y.endMinute,
  );
}

/** The week Monday to Sunday: each weekday's classes in order of time (empty days included). */
export function weeklyGrid(entries: TimetableEntry[]): WeeklyGrid {
  const byWeekday = slotsByWeekday(entries);
  return Object.fromEntries(
    WEEKDAYS.map((weekday) => [weekday, (byWeekday.get(weekday) ?? []).map(({ entryId, startMinute, endMinute }) => ({ entryId, startMinute, endMinute }))]),
  );
}

/** The dates from `from` to `to` (inclusive ISO dates) that fall on the given ISO weekdays: a programme's class days. */
export function classDates(weekdays: Iterable<number>, from: string, to: string): string[] {
  const wanted = new Set(weekdays);
  const dates: string[] = [];
  for (let day = dayNumber(from), last = dayNumber(to); day <= last; day++) {
    if (wanted.has(isoWeekdayOf(day))) dates.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  }
  return dates;
}
