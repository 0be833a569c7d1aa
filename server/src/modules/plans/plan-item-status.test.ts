import { describe, expect, it } from 'vitest';
import { localDate } from '../../platform/dates';
import { isOutsidePeriod, isOverdue, itemStatus, rollUpProgress } from './plan-item-status';

describe('localDate (the region\'s today)', () => {
  it('gives the date in Moscow, not in UTC: 22:30 UTC on 31 December is already 1 January there', () => {
    const lateEvening = new Date('2024-12-31T22:30:00Z');
    expect(localDate(lateEvening, 'Europe/Moscow')).toBe('2025-01-01');
    expect(localDate(lateEvening, 'UTC')).toBe('2024-12-31');
    expect(localDate(lateEvening)).toBe('2025-01-01');
    // Kaliningrad is an hour behind Moscow.
    expect(localDate(new Date('2024-12-31T21:30:00Z'), 'Europe/Moscow')).toBe('2025-01-01');
    expect(localDate(new Date('2024-12-31T21:30:00Z'), 'Europe/Kaliningrad')).toBe('2024-12-31');
  });
});

describe('isOverdue', () => {
  const today = '2025-03-15';

  it('is overdue once the end date has passed and the item is planned or in progress', () => {
    expect(isOverdue({ endsOn: '2025-03-14', state: 'planned' }, today)).toBe(true);
    expect(isOverdue({ endsOn: '2025-03-14', state: 'in_progress' }, today)).toBe(true);
  });

  it('is not overdue on the last day itself, nor before it', () => {
    expect(isOverdue({ endsOn: '2025-03-15', state: 'in_progress' }, today)).toBe(false);
    expect(isOverdue({ endsOn: '2025-12-31', state: 'planned' }, today)).toBe(false);
  });

  it('is never overdue when done or cancelled, or without an end date', () => {
    expect(isOverdue({ endsOn: '2020-01-01', state: 'done' }, today)).toBe(false);
    expect(isOverdue({ endsOn: '2020-01-01', state: 'cancelled' }, today)).toBe(false);
    expect(isOverdue({ endsOn: null, state: 'planned' }, today)).toBe(false);
  });

  it('turns at Moscow midnight, whatever the server clock zone', () => {
    const item = { endsOn: '2024-12-31', state: 'planned' as const };
    expect(isOverdue(item, localDate(new Date('2024-12-31T20:59:59Z'), 'Europe/Moscow'))).toBe(false);
    expect(isOverdue(item, localDate(new Date('2024-12-31T21:00:00Z'), 'Europe/Moscow'))).toBe(true);
  });
});

describe('itemStatus', () => {
  it('shows «overdue» in place of planned / in progress, and the stored state otherwise', () => {
    expect(itemStatus({ endsOn: '2025-01-01', state: 'in_progress' }, '2025-02-01')).toBe('overdue');
    expect(itemStatus({ endsOn: '2025-01-01', state: 'done' }, '2025-02-01')).toBe('done');
    expect(itemStatus({ endsOn: '2025-06-01', state: 'planned' }, '2025-02-01')).toBe('planned');
  });
});

describe('isOutsidePeriod', () => {
  const parent = { startsOn: '2025-09-01', endsOn: '2025-12-31' };
  it('flags a sub-item that starts before or ends after its parent', () => {
    expect(isOutsidePeriod({ startsOn: '2025-08-25', endsOn: '2025-09-10' }, parent)).toBe(true);
    expect(isOutsidePeriod({ startsOn: '2025-12-01', endsOn: '2026-01-15' }, parent)).toBe(true);
    expect(isOutsidePeriod({ startsOn: '2026-02-01', endsOn: null }, parent)).toBe(true);
  });
  it('accepts a sub-item inside, on the edges, or with open dates', () => {
    expect(isOutsidePeriod({ startsOn: '2025-09-01', endsOn: '2025-12-31' }, parent)).toBe(false);
    expect(isOutsidePeriod({ startsOn: null, endsOn: null }, parent)).toBe(false);
    expect(isOutsidePeriod({ startsOn: '2025-01-01', endsOn: '2030-01-01' }, { startsOn: null, endsOn: null })).toBe(false);
  });
});

describe('rollUpProgress', () => {
  it('averages the children, rounded to a whole percent', () => {
    expect(rollUpProgress(0, [{ state: 'done', progress: 100 }, { state: 'in_progress', progress: 50 }, { state: 'planned', progress: 0 }])).toBe(50);
    expect(rollUpProgress(0, [{ state: 'done', progress: 100 }, { state: 'planned', progress: 0 }, { state: 'planned', progress: 0 }])).toBe(33);
  });
  it('leaves cancelled children out, and keeps its own progress when nothing is left', () => {
    expect(rollUpProgress(0, [{ state: 'done', progress: 100 }, { state: 'cancelled', progress: 0 }])).toBe(100);
    expect(rollUpProgress(30, [{ state: 'cancelled', progress: 0 }])).toBe(30);
    expect(rollUpProgress(70, [])).toBe(70);
  });
});
