import { describe, expect, it } from 'vitest';
import { isValidInn, isValidOgrn } from './russian-identifiers';

describe('identifiers', () => {
  it('accepts a real INN and OGRN and rejects a changed digit', () => {
    // Sberbank's public identifiers.
    expect(isValidInn('7707083893')).toBe(true);
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('1027700132196')).toBe(false);
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(isValidInn('770708389')).toBe(false);
    expect(isValidInn('77070838a3')).toBe(false);
    expect(isValidOgrn('102770013219')).toBe(false);
  });
});
