import { describe, expect, it } from 'vitest';
import { ineligibility } from './eligibility';

const open = { gradeFrom: null, gradeTo: null, ageFrom: null, ageTo: null };

describe('who may join a programme', () => {
  it('checks a grade range against the grade, inclusive at both ends', () => {
    const programme = { ...open, gradeFrom: 5, gradeTo: 9 };
    expect(ineligibility(programme, { grade: 5, birthDate: null }, '2026-09-01')).toBeNull();
    expect(ineligibility(programme, { grade: 9, birthDate: null }, '2026-09-01')).toBeNull();
    expect(ineligibility(programme, { grade: 4, birthDate: null }, '2026-09-01')).toBe('Программа для 5–9 классов, а ребёнок учится в 4 классе.');
    expect(ineligibility({ ...open, gradeFrom: 10 }, { grade: 8, birthDate: null }, '2026-09-01')).toBe('Программа для учеников с 10 класса, а ребёнок учится в 8 классе.');
  });

  it('checks an age range against the age on the given day', () => {
    const programme = { ...open, ageFrom: 7, ageTo: 12 };
    expect(ineligibility(programme, { grade: null, birthDate: '2019-09-01' }, '2026-09-01')).toBeNull();
    expect(ineligibility(programme, { grade: null, birthDate: '2019-09-02' }, '2026-09-01')).toBe('Программа для детей 7–12 лет, а ребёнку на начало занятий полных лет: 6.');
    // The birthday itself counts.
    expect(ineligibility({ ...open, ageFrom: 12 }, { grade: null, birthDate: '2014-09-01' }, '2026-09-01')).toBeNull();
  });

  it('needs every limit it can check to hold, and asks for what the card lacks', () => {
    const both = { gradeFrom: 5, gradeTo: 9, ageFrom: 10, ageTo: 15 };
    expect(ineligibility(both, { grade: 6, birthDate: '2010-01-01' }, '2026-09-01')).toMatch(/для детей 10–15 лет/);
    expect(ineligibility(both, { grade: 6, birthDate: null }, '2026-09-01')).toBeNull();
    expect(ineligibility({ ...open, gradeFrom: 5, gradeTo: 9 }, { grade: null, birthDate: '2014-01-01' }, '2026-09-01')).toBe(
      'Программа для 5–9 классов: укажите класс ребёнка в его карточке.',
    );
    expect(ineligibility({ ...open, ageTo: 12 }, { grade: 3, birthDate: null }, '2026-09-01')).toBe('Программа для детей до 12 лет: укажите дату рождения ребёнка в его карточке.');
    expect(ineligibility(open, { grade: null, birthDate: null }, '2026-09-01')).toBeNull();
  });
});
