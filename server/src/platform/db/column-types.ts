import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL's full-text document type, for generated search columns. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Raw bytes (an uploaded file); Buffer in and out. Backups carry it as base64 (backup.ts). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
