/**
 * Failed sign-ins counted per account, beside the per-address limit: a guesser spread over many addresses still
 * meets a wall at one account. Kept in memory, as Orbita runs as one process: a restart forgets the counts (a
 * guesser gains one window at most), and no table is needed. The map is bounded; past its size the entries
 * touched longest ago go first, so a flood of made-up addresses costs memory it cannot grow.
 *
 * Keys are addresses as typed (lower-cased), whether or not an account has them, so a lock tells nothing about
 * which addresses are registered.
 */
export interface SignInThrottleOptions {
  /** Failures within `windowMs` that lock the address. */
  maxFailures: number;
  windowMs: number;
  /** How long a lock lasts from the failure that set it. */
  lockMs: number;
  /** At most one letter to the owner per this long, however often the account is locked. */
  letterEveryMs: number;
  maxTracked: number;
  now?: () => number;
}

export const SIGN_IN_THROTTLE: SignInThrottleOptions = {
  maxFailures: 10,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  letterEveryMs: 24 * 3600_000,
  maxTracked: 50_000,
};

interface Entry {
  /** Times of the failures still inside the window, oldest first. */
  failures: number[];
  lockedUntil: number;
  letterSentAt: number;
}

export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: SignInThrottleOptions = SIGN_IN_THROTTLE) {
    this.now = options.now ?? Date.now;
  }

  /** Until when the address is locked, or null when sign-in may be tried. */
  lockedUntil(email: string): Date | null {
    const entry = this.entries.get(email);
    return entry && entry.lockedUntil > this.now() ? new Date(entry.lockedUntil) : null;
  }

  /**
   * Counts a failure. Says whether it locked the address and whether the owner should be told now (at most
   * once per `letterEveryMs`).
   */
  recordFailure(email: string): { locked: boolean; tellOwner: boolean } {
    const now = this.now();
    const entry = this.entries.get(email) ?? { failures: [], lockedUntil: 0, letterSentAt: -Infinity };
    entry.failures = entry.failures.filter((at) => at > now - this.options.windowMs);
    entry.failures.push(now);
    let locked = false;
    let tellOwner = false;
    if (entry.failures.length >= this.options.maxFailures) {
      entry.failures = [];
      entry.lockedUntil = now + this.options.lockMs;
      locked = true;
      if (entry.letterSentAt <= now - this.options.letterEveryMs) {
        entry.letterSentAt = now;
        tellOwner = true;
      }
    }
    this.touch(email, entry);
    return { locked, tellOwner };
  }

  /** A correct password clears the count; a letter already sent still holds back the next one. */
  recordSuccess(email: string) {
    const entry = this.entries.get(email);
    if (!entry) return;
    if (entry.letterSentAt > this.now() - this.options.letterEveryMs) this.touch(email, { ...entry, failures: [], lockedUntil: 0 });
    else this.entries.delete(email);
  }

  get size() {
    return this.entries.size;
  }

  /** Moves the entry to the newest end and drops the oldest past the bound. */
  private touch(email: string, entry: Entry) {
    this.entries.delete(email);
    this.entries.set(email, entry);
    while (this.entries.size > this.options.maxTracked) this.entries.delete(this.entries.keys().next().value!);
  }
}
