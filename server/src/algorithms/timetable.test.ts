import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seed/synthetic-organizations';
import { type Clash, type TimetableEntry, classDates, findClashes, sharedWeekdays, weeklyGrid } from './timetable';

const slot = (weekday: number, from: string, to: string) => {
  const minute = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  return { weekday, startMinute: minute(from), endMinute: minute(to) };
};

const robotics: TimetableEntry = { id: 'robotics', startsOn: '2025-09-01', endsOn: '2026-05-31', slots: [slot(2, '15:00', '16:30'), slot(4, '15:00', '16:30')] };
const chess: TimetableEntry = { id: 'chess', startsOn: '2025-10-01', endsOn: '2025-12-20', slots: [slot(2, '16:00', '17:00')] };
const choir: TimetableEntry = { id: 'choir', startsOn: null, endsOn: null, slots: [slot(4, '16:30', '17:30'), slot(6, '10:00', '11:00')] };

describe('findClashes', () => {
  it('reports two classes overlapping on a weekday once, with the shared window', () => {
    expect(findClashes([robotics, chess, choir])).toEqual([{ first: 'robotics', second: 'chess', weekday: 2, startMinute: 960, endMinute: 990 }]);
  });

  it('does not count classes that only touch, or programmes whose dates do not meet', () => {
    const spring: TimetableEntry = { ...chess, id: 'spring', startsOn: '2026-06-01', endsOn: '2026-08-31' };
    expect(findClashes([robotics, spring])).toEqual([]);
    // Choir starts when robotics ends on Thursdays: back to back is not a clash.
    expect(findClashes([robotics, choir])).toEqual([]);
  });

  it('looks at the weekdays two short programmes really share', () => {
    // They share only Monday 2025-09-01 and Tuesday 2025-09-02: a Wednesday class never meets.
    const a: TimetableEntry = { id: 'a', startsOn: '2025-08-25', endsOn: '2025-09-02', slots: [slot(1, '10:00', '11:00'), slot(3, '10:00', '11:00')] };
    const b: TimetableEntry = { id: 'b', startsOn: '2025-09-01', endsOn: '2025-09-30', slots: [slot(1, '10:30', '11:30'), slot(3, '10:30', '11:30')] };
    expect(sharedWeekdays(a, b)).toEqual(new Set([1, 2]));
    expect(findClashes([a, b])).toEqual([{ first: 'a', second: 'b', weekday: 1, startMinute: 630, endMinute: 660 }]);
  });

  it('never flags two classes of the same programme', () => {
    const doubled: TimetableEntry = { id: 'x', startsOn: null, endsOn: null, slots: [slot(1, '10:00', '12:00'), slot(1, '11:00', '13:00')] };
    expect(findClashes([doubled])).toEqual([]);
  });
});

describe('weeklyGrid', () => {
  it('puts each weekday’s classes in order of time, Monday to Sunday', () => {
    const grid = weeklyGrid([choir, chess, robotics]);
    expect(Object.keys(grid)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(grid[2]).toEqual([
      { entryId: 'robotics', startMinute: 900, endMinute: 990 },
      { entryId: 'chess', startMinute: 960, endMinute: 1020 },
    ]);
    expect(grid[4].map((b) => b.entryId)).toEqual(['robotics', 'choir']);
    expect(grid[1]).toEqual([]);
  });
});

describe('classDates', () => {
  it('lists the days of the given weekdays between two dates, both ends included', () => {
    // 2025-09-01 was a Monday.
    expect(classDates([2, 4], '2025-09-01', '2025-09-11')).toEqual(['2025-09-02', '2025-09-04', '2025-09-09', '2025-09-11']);
    expect(classDates([1], '2025-09-01', '2025-09-01')).toEqual(['2025-09-01']);
    expect(classDates([1], '2025-09-02', '2025-09-01')).toEqual([]);
    expect(classDates([], '2025-09-01', '2026-09-01')).toEqual([]);
  });
});

/** Random entries in a 60-day window of dates, with coarse times so overlaps are common. */
function randomEntries(random: () => number): TimetableEntry[] {
  const pick = (n: number) => Math.floor(random() * n);
  const date = (day: number) => new Date(Date.UTC(2025, 8, 1 + day)).toISOString().slice(0, 10);
  return Array.from({ length: 1 + pick(6) }, (_, index) => {
    const from = pick(60);
    const to = from + pick(40);
    return {
      id: `e${index}`,
      startsOn: random() < 0.2 ? null : date(from),
      endsOn: random() < 0.2 ? null : date(to),
      slots: Array.from({ length: 1 + pick(4) }, () => {
        const start = pick(24) * 30;
        return { weekday: 1 + pick(7), startMinute: start, endMinute: start + 15 * (1 + pick(8)) };
      }),
    };
  });
}

/** The plain way: walk every day of the window and every minute of it, and see who is in class. */
function bruteForce(entries: TimetableEntry[]) {
  const weekdaysMet = (a: TimetableEntry, b: TimetableEntry) => {
    const met = new Set<number>();
    // Dates are within 2025-09-01 + 100 days; a generous window stands in for open ends.
    for (let day = -30; day < 140; day++) {
      const date = new Date(Date.UTC(2025, 8, 1 + day));
      const iso = date.toISOString().slice(0, 10);
      const inside = (e: TimetableEntry) => (e.startsOn === null || e.startsOn <= iso) && (e.endsOn === null || iso <= e.endsOn);
      if (inside(a) && inside(b)) met.add(((date.getUTCDay() + 6) % 7) + 1);
    }
    return met;
  };
  const minutes = new Set<string>();
  let pairs = 0;
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const met = weekdaysMet(entries[i], entries[j]);
      for (const weekday of met) {
        for (const x of entries[i].slots.filter((s) => s.weekday === weekday)) {
          for (const y of entries[j].slots.filter((s) => s.weekday === weekday)) {
            let overlapping = false;
            for (let m = 0; m < 1440; m++) {
              if (x.startMinute <= m && m < x.endMinute && y.startMinute <= m && m < y.endMinute) {
                overlapping = true;
                minutes.add(`${i}:${j}:${weekday}:${m}`);
              }
            }
            if (overlapping) pairs++;
          }
        }
      }
    }
  }
  return { minutes, pairs };
}

describe('findClashes against a minute-by-minute check', () => {
  it('finds exactly the clashing minutes, one clash per overlapping pair of classes, on 2,000 random timetables', () => {
    const random = seededRandom(20250901);
    for (let round = 0; round < 2000; round++) {
      const entries = randomEntries(random);
      const clashes = findClashes(entries);
      const expected = bruteForce(entries);
      const order = new Map(entries.map((e, index) => [e.id, index]));
      const reported = new Set<string>();
      for (const clash of clashes) {
        const [i, j] = [order.get(clash.first)!, order.get(clash.second)!];
        expect(i).toBeLessThan(j);
        expect(clash.startMinute).toBeLessThan(clash.endMinute);
        for (let m = clash.startMinute; m < clash.endMinute; m++) reported.add(`${i}:${j}:${clash.weekday}:${m}`);
      }
      expect(clashes.length, JSON.stringify(entries)).toBe(expected.pairs);
      expect(reported, JSON.stringify(entries)).toEqual(expected.minutes);
      // Each window is exactly the overlap of one class of each side.
      for (const clash of clashes) {
        const side = (id: string) => entries[order.get(id)!].slots.filter((s) => s.weekday === clash.weekday);
        const windows = side(clash.first).flatMap((x) =>
          side(clash.second).map((y) => [Math.max(x.startMinute, y.startMinute), Math.min(x.endMinute, y.endMinute)].join('-')),
        );
        expect(windows).toContain(`${clash.startMinute}-${clash.endMinute}`);
      }
    }
  });

  it('reports the same clashes whatever the order of slots within an entry', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 300; round++) {
      const entries = randomEntries(random);
      const reversed = entries.map((e) => ({ ...e, slots: [...e.slots].reverse() }));
      const key = (c: Clash) => `${c.first}${c.second}${c.weekday}${c.startMinute}${c.endMinute}`;
      expect(findClashes(reversed).map(key).sort()).toEqual(findClashes(entries).map(key).sort());
    }
  });
});
