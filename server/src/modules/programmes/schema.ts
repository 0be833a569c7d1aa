import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tsvector } from '../../platform/db/column-types';
import { users } from '../accounts/schema';
import { organizations } from '../organizations/schema';

/** Элективный курс, профильный курс, внеурочная деятельность, дополнительное образование. */
export const programmeKinds = ['elective', 'profile_course', 'extracurricular', 'supplementary'] as const;
export type ProgrammeKind = (typeof programmeKinds)[number];

/** The six directions of supplementary education: техническая, естественнонаучная, социально-гуманитарная, художественная, физкультурно-спортивная, туристско-краеведческая. */
export const programmeDirections = ['technical', 'natural_science', 'social', 'arts', 'sports', 'tourism'] as const;
export type ProgrammeDirection = (typeof programmeDirections)[number];

export const programmeFormats = ['on_site', 'distance', 'mixed'] as const;
export type ProgrammeFormat = (typeof programmeFormats)[number];

/** How seats are given: first come, first served (open), or by a preference campaign's allocation. */
export const enrolmentModes = ['open', 'campaign'] as const;
export type EnrolmentMode = (typeof enrolmentModes)[number];

/** Only published programmes are in the public catalogue and take enrolments. */
export const programmeStates = ['draft', 'published', 'archived'] as const;
export type ProgrammeState = (typeof programmeStates)[number];

/** A network programme (сетевая образовательная программа) one organisation offers to students of every member school. */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The provider: the organisation that teaches and keeps the roster. */
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    kind: text('kind', { enum: programmeKinds }).notNull(),
    direction: text('direction', { enum: programmeDirections }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    requirements: text('requirements').notNull().default(''),
    /** School grades 1–11 the programme is for; null ends mean open-ended. */
    gradeFrom: smallint('grade_from'),
    gradeTo: smallint('grade_to'),
    /** Ages in years, for programmes that admit by age rather than grade (supplementary education). */
    ageFrom: smallint('age_from'),
    ageTo: smallint('age_to'),
    format: text('format', { enum: programmeFormats }).notNull().default('on_site'),
    /** Where classes take place when it is a partner's facility; null means at the provider. */
    venueOrganizationId: uuid('venue_organization_id').references(() => organizations.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    capacity: integer('capacity').notNull(),
    /** Seats held by enrolled students; taken and freed only by single conditional UPDATEs, so it never passes capacity. */
    seatsTaken: integer('seats_taken').notNull().default(0),
    teacherName: text('teacher_name').notNull().default(''),
    enrolmentMode: text('enrolment_mode', { enum: enrolmentModes }).notNull().default('open'),
    /** Networks the programme is offered in (сетевая форма); empty means offered to everyone. */
    networkIds: uuid('network_ids').array().notNull().default(sql`'{}'::uuid[]`),
    state: text('state', { enum: programmeStates }).notNull().default('draft'),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`orbita_search_vector(title, 'A') || orbita_search_vector(description, 'B') || orbita_search_vector(requirements, 'C') || orbita_search_vector(teacher_name, 'C')`,
      ),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('programmes_seats_within_capacity', sql`${t.seatsTaken} >= 0 and ${t.seatsTaken} <= ${t.capacity}`),
    check('programmes_dates_ordered', sql`${t.startsOn} <= ${t.endsOn}`),
    index('programmes_organization_idx').on(t.organizationId),
    index('programmes_search_idx').using('gin', t.searchVector),
    index('programmes_networks_idx').using('gin', t.networkIds),
  ],
);

/** A weekly class: ISO weekday 1–7, minutes from midnight in the region's time zone. */
export const programmeSlots = pgTable(
  'programme_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
    startMinute: smallint('start_minute').notNull(),
    endMinute: smallint('end_minute').notNull(),
  },
  (t) => [
    check('programme_slots_valid', sql`${t.weekday} between 1 and 7 and ${t.startMinute} >= 0 and ${t.startMinute} < ${t.endMinute} and ${t.endMinute} <= 1440`),
    index('programme_slots_programme_idx').on(t.programmeId),
  ],
);
