import { describe, expect, it } from 'vitest';
import { compareRussian } from './russian-sort-key';

const sortByKey = (names: string[]) => [...names].sort(compareRussian);

describe('russianSortKey', () => {
  it('orders Cyrillic names alphabetically with ё beside е and case ignored', () => {
    expect(sortByKey(['Ёлочка', 'яблоко', 'Гимназия', 'берёза', 'Ель', 'азбука'])).toEqual(['азбука', 'берёза', 'Гимназия', 'Ёлочка', 'Ель', 'яблоко']);
  });

  it('compares school numbers by value and ignores quotes', () => {
    expect(sortByKey(['СОШ № 39', 'СОШ № 9', 'СОШ № 100', '«Крепыш»'])).toEqual(['«Крепыш»', 'СОШ № 9', 'СОШ № 39', 'СОШ № 100']);
  });

  it('finds two names equal when only their case or ё differs, so a stable sort keeps their order', () => {
    expect(compareRussian('Ёлкина', 'елкина')).toBe(0);
    expect(compareRussian('Андреев', 'Борисов')).toBe(-1);
    expect(compareRussian('Борисов', 'Андреев')).toBe(1);
  });
});
