import { describe, expect, it } from 'vitest';
import { formatPlanPeriod, parsePlanDate, parsePlanPeriod } from './plan-dates';

describe('parsePlanDate', () => {
  it('reads the ways dates are written in Russian plans', () => {
    expect(parsePlanDate('01.09.2024', 'start')).toEqual({ value: '2024-09-01' });
    expect(parsePlanDate('1.9.24', 'start')).toEqual({ value: '2024-09-01' });
    expect(parsePlanDate('2024-09-01', 'end')).toEqual({ value: '2024-09-01' });
    expect(parsePlanDate('31.05.2025 г.', 'end')).toEqual({ value: '2025-05-31' });
    expect(parsePlanDate('45536', 'start')).toEqual({ value: '2024-09-01' }); // an Excel date serial
    expect(parsePlanDate('', 'start')).toEqual({ value: null });
  });

  it('takes a month or a year as its first day at the start and its last day at the end', () => {
    expect(parsePlanDate('сентябрь 2024', 'start')).toEqual({ value: '2024-09-01' });
    expect(parsePlanDate('Февраль 2024', 'end')).toEqual({ value: '2024-02-29' });
    expect(parsePlanDate('мая 2025', 'end')).toEqual({ value: '2025-05-31' });
    expect(parsePlanDate('2025', 'end')).toEqual({ value: '2025-12-31' });
  });

  it('explains in Russian what is wrong', () => {
    expect(parsePlanDate('31.02.2025', 'end')).toEqual({ error: expect.stringContaining('Такой даты нет') });
    expect(parsePlanDate('в течение года', 'end')).toEqual({ error: expect.stringContaining('не дата') });
  });
});

describe('parsePlanPeriod', () => {
  it('reads the «Сроки» of the seed plan-graph', () => {
    expect(parsePlanPeriod('Апрель – сентябрь 2009')).toEqual({ value: { startsOn: '2009-04-01', endsOn: '2009-09-30' } });
    expect(parsePlanPeriod('Август 2007 – август 2009')).toEqual({ value: { startsOn: '2007-08-01', endsOn: '2009-08-31' } });
    expect(parsePlanPeriod('2007–2009')).toEqual({ value: { startsOn: '2007-01-01', endsOn: '2009-12-31' } });
    expect(parsePlanPeriod('01.09.2024 - 31.05.2025')).toEqual({ value: { startsOn: '2024-09-01', endsOn: '2025-05-31' } });
    expect(parsePlanPeriod('до 31.05.2025')).toEqual({ value: { startsOn: null, endsOn: '2025-05-31' } });
    expect(parsePlanPeriod('с 01.09.2024')).toEqual({ value: { startsOn: '2024-09-01', endsOn: null } });
    expect(parsePlanPeriod('В течение года (еженедельно)')).toHaveProperty('error');
  });
});

describe('formatPlanPeriod', () => {
  it('writes whole months and years by name, other dates in full, and reads back the same', () => {
    const cases: [string | null, string | null, string][] = [
      ['2024-09-01', '2024-12-31', 'Сентябрь – декабрь 2024'],
      ['2024-09-01', '2025-05-31', 'Сентябрь 2024 – май 2025'],
      ['2025-03-01', '2025-03-31', 'Март 2025'],
      ['2025-01-01', '2025-12-31', '2025'],
      ['2024-01-01', '2025-12-31', '2024–2025'],
      ['2024-09-02', '2024-09-20', '02.09.2024 – 20.09.2024'],
      ['2024-09-02', '2024-09-02', '02.09.2024'],
      ['2024-09-02', null, 'с 02.09.2024'],
      [null, '2024-09-20', 'до 20.09.2024'],
    ];
    for (const [startsOn, endsOn, text] of cases) {
      expect(formatPlanPeriod(startsOn, endsOn)).toBe(text);
      expect(parsePlanPeriod(text)).toEqual({ value: { startsOn, endsOn } });
    }
    expect(formatPlanPeriod(null, null)).toBe('—');
  });
});
