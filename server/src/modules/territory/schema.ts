import { doublePrecision, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The region the platform serves; one row. Its name, time zone and map view are data, not code. */
export const regions = pgTable('regions', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('Europe/Moscow'),
  centerLat: doublePrecision('center_lat').notNull(),
  centerLon: doublePrecision('center_lon').notNull(),
  zoom: integer('zoom').notNull().default(6),
});

export const municipalities = pgTable('municipalities', {
  id: uuid('id').primaryKey().defaultRandom(),
  regionId: uuid('region_id').notNull().references(() => regions.id),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ['city', 'district'] }).notNull(),
  /** The federal subject the municipality lies in, shown next to its name. */
  subjectName: text('subject_name').notNull().default(''),
  centerLat: doublePrecision('center_lat').notNull(),
  centerLon: doublePrecision('center_lon').notNull(),
  /** An archived municipality keeps its history but takes no new organisations or staff. */
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});
