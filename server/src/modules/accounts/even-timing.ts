import { setTimeout as sleep } from 'node:timers/promises';

/** How long the answers that must not tell whether an address has an account take at least; their work takes a few milliseconds. */
export const UNIFORM_ANSWER_MS = 300;

/**
 * Runs `work` and answers no sooner than `ms` after the start, so how long an answer took does not tell which
 * path it went (an address with an account or without one).
 */
export async function takingAtLeast<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = ms - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
