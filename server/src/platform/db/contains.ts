import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** `column` contains `text`, ignoring case; % and _ in the text are matched literally. */
export const containsText = (column: AnyPgColumn, text: string): SQL => sql`${column} ilike ${`%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`;
