import { describe, expect, it } from 'vitest';
import { russianSortKey } from './russian-sort-key';

const sortByKey = (names: string[]) => [...names].sort((a, b) => (russianSortKey(a) < russianSortKey(b) ? -1 : 1));

describe('russianSortKey', () => {
  it('orders Cyrillic names alphabetically with ё beside е and case ignored', () => {
    expect(sortByKey(['Ёлочка', 'яблоко', 'Гимназия', 'берёза', 'Ель', 'азбука'])).toEqual(['азбука', 'берёза', 'Гимназия', 'Ёлочка', 'Ель', 'яблоко']);
  });

  it('compares school numbers by value and ignores quotes', () => {
    expect(sortByKey(['СОШ № 39', 'СОШ № 9', 'СОШ № 100', '«Крепыш»'])).toEqual(['«Крепыш»', 'СОШ № 9', 'СОШ № 39', 'СОШ № 100']);
  });
});
