import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * The published lottery of a campaign. A 32-byte seed is drawn when the window opens and only its
 * SHA-256 is shown; at allocation the seed is revealed, and anyone can check it against the hash and
 * recompute every child's number: the first 6 bytes of HMAC-SHA256(seed, child id) as a fraction of 2^48.
 */
export function drawLotterySeed(): { seed: string; hash: string } {
  const seed = randomBytes(32).toString('hex');
  return { seed, hash: lotterySeedHash(seed) };
}

/** SHA-256 of the seed's bytes (the seed is written in hex). */
export const lotterySeedHash = (seed: string) => createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex');

/** A child's number in [0, 1): smaller goes first among children with the same priority. */
export function lotteryNumber(seed: string, childId: string): number {
  return createHmac('sha256', Buffer.from(seed, 'hex')).update(childId).digest().readUIntBE(0, 6) / 2 ** 48;
}

/**
 * Every child's number, all distinct. Two equal numbers (a chance of about n²/2^49) are told apart by
 * child id: the later id gets a step of 2^-52, smaller than the 2^-48 between any two drawn numbers.
 */
export function lotteryNumbers(seed: string, childIds: readonly string[]): Map<string, number> {
  const drawn = childIds.map((id) => ({ id, value: lotteryNumber(seed, id) }));
  drawn.sort((a, b) => a.value - b.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const numbers = new Map<string, number>();
  let run = 0;
  for (let i = 0; i < drawn.length; i++) {
    run = i > 0 && drawn[i].value === drawn[i - 1].value ? run + 1 : 0;
    numbers.set(drawn[i].id, drawn[i].value + run * 2 ** -52);
  }
  return numbers;
}
