import { describe, expect, it } from 'vitest';
import { countOf, pluralForm } from './plural';

const exchanges = { one: 'обмен', few: 'обмена', many: 'обменов' };

describe('Russian plural forms', () => {
  it('chooses the form Intl.PluralRules gives for the count', () => {
    expect([0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map((n) => countOf(n, exchanges))).toEqual([
      '0 обменов',
      '1 обмен',
      '2 обмена',
      '4 обмена',
      '5 обменов',
      '11 обменов',
      '12 обменов',
      '14 обменов',
      '21 обмен',
      '22 обмена',
      '25 обменов',
      '101 обмен',
      '111 обменов',
    ]);
  });

  it('uses the few form for fractions unless another is given', () => {
    expect(pluralForm(1.5, exchanges)).toBe('обмена');
    expect(pluralForm(1.5, { ...exchanges, other: 'обмена (дробь)' })).toBe('обмена (дробь)');
  });
});
