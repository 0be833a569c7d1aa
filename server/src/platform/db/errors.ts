/** The PostgreSQL error behind a driver or Drizzle wrapper, if any. */
function pgError(error: unknown): { code?: string; constraint?: string } | null {
  let current = error as { code?: string; constraint?: string; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string') return current;
    current = current.cause as typeof current;
  }
  return null;
}

export function uniqueViolation(error: unknown): string | null {
  const pg = pgError(error);
  return pg?.code === '23505' ? (pg.constraint ?? '') : null;
}
