/**
 * A fresh Idempotency-Key. `crypto.randomUUID` exists only on secure pages (HTTPS, localhost); a school's
 * server on a plain-HTTP address still has `getRandomValues`, and 16 random bytes serve as well.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
