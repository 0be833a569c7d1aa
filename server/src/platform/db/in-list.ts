import { type SQL, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** `column in (…the list…)` with the whole list as one JSON parameter, so 50,000 values stay one query. */
export const inList = (column: AnyPgColumn, values: string[]): SQL => inArray(column, sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`);
