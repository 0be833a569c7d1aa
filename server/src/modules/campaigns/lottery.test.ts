import { createHash, createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawLotterySeed, lotteryNumber, lotteryNumbers } from './lottery';

describe('the published lottery', () => {
  it('draws a 32-byte seed whose SHA-256 is the published hash', () => {
    const { seed, hash } = drawLotterySeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex')).toBe(hash);
    expect(drawLotterySeed().seed).not.toBe(seed);
  });

  it('gives each child the first 6 bytes of HMAC-SHA256(seed, child id) over 2^48, the same every time, all distinct', () => {
    const { seed } = drawLotterySeed();
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    const numbers = lotteryNumbers(seed, ids);
    for (const id of ids.slice(0, 50)) {
      const expected = createHmac('sha256', Buffer.from(seed, 'hex')).update(id).digest().readUIntBE(0, 6) / 2 ** 48;
      expect(numbers.get(id)).toBe(expected);
      expect(lotteryNumber(seed, id)).toBe(expected);
    }
    const values = [...numbers.values()];
    expect(new Set(values).size).toBe(ids.length);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(lotteryNumbers(seed, [...ids].reverse())).toEqual(numbers);
  });
});
