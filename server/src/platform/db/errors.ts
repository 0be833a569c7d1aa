/** The PostgreSQL error behind a driver or Drizzle wrapper, if any (node-postgres and PGlite both carry the SQLSTATE in `code`). */
export function pgError(error: unknown): { code: string; constraint?: string; detail?: string; table?: string; column?: string } | null {
  let current = error as { code?: unknown; severity?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    // `severity` tells a server's error from a system one whose code also has five letters (EPIPE).
    if (typeof current.code === 'string' && typeof current.severity === 'string') return current as { code: string };
    current = current.cause as typeof current;
  }
  return null;
}

export function uniqueViolation(error: unknown): string | null {
  const pg = pgError(error);
  return pg?.code === '23505' ? (pg.constraint ?? '') : null;
}

/** The duplicated key of a unique violation, from PostgreSQL's «Key (a, b)=(x, y) already exists.»: "x, y". */
export function violatingKey(error: unknown): string | null {
  const detail = pgError(error)?.detail;
  return typeof detail === 'string' ? (detail.match(/\)=\((.*)\)/)?.[1] ?? null) : null;
}

/** Drizzle's message is «Failed query: <sql>\nparams: <values>»: the SQL may be logged, the values never. */
export const withoutQueryParameters = (message: string) => message.split(/\r?\nparams:/)[0].slice(0, 2000);
