import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/column-types';
import { users } from '../accounts/schema';
import { events } from './schema';

/** A file uploaded to the event, a link (a presentation online, a folder) or a recording (a video's address or a short file). */
export const materialKinds = ['file', 'link', 'recording'] as const;
export type MaterialKind = (typeof materialKinds)[number];

/**
 * The event's materials — seed 002's resource package: what the organiser attaches, mostly after the event. A link
 * or a recording online has `url`; an uploaded file has its name, the content type the server recognised in its
 * bytes (never the one the browser sent), its size and SHA-256, and its bytes in `event_material_files`, so
 * listing materials never reads them.
 */
export const eventMaterials = pgTable(
  'event_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: materialKinds }).notNull(),
    title: text('title').notNull(),
    url: text('url'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    byteSize: integer('byte_size'),
    sha256: text('sha256'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('event_materials_url_or_file', sql`(${t.url} is null) <> (${t.fileName} is null)`),
    index('event_materials_event_idx').on(t.eventId, t.createdAt),
  ],
);

/** The bytes of an uploaded material; in the database, so app servers keep no files of their own. */
export const eventMaterialFiles = pgTable('event_material_files', {
  materialId: uuid('material_id')
    .primaryKey()
    .references(() => eventMaterials.id, { onDelete: 'cascade' }),
  content: bytea('content').notNull(),
});
