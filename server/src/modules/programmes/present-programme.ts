import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { distanceKm } from '../../algorithms/resource-matching';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { preparedQuery } from '../../platform/db/prepared';
import { visibleNetworks } from '../networks/access';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';
import type { ProgrammeRow } from './programme-access';
import { programmePolicy } from './policy';
import { programmeSlots, programmes } from './schema';

export interface Place {
  lat: number;
  lon: number;
}

/** Where classes take place: the partner's facility when one is named, else the provider itself. */
export const venueIdOf = (row: Pick<ProgrammeRow, 'organizationId' | 'venueOrganizationId'>) => row.venueOrganizationId ?? row.organizationId;

/** Great-circle kilometres from `origin` to the venue, one decimal; null when either has no coordinates. */
export function distanceFrom(origin: Place | null, venue: { lat: number | null; lon: number | null }): number | null {
  if (!origin || venue.lat === null || venue.lon === null) return null;
  return Math.round(distanceKm(origin.lat, origin.lon, venue.lat, venue.lon) * 10) / 10;
}

async function placesById(db: Database, ids: string[]): Promise<Map<string, PlaceView>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: organizations.id, shortName: organizations.shortName, address: organizations.address, lat: organizations.lat, lon: organizations.lon, municipalityName: municipalities.name })
    .from(organizations)
    .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
    .where(inArray(organizations.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}

async function slotsByProgramme(db: Database, programmeIds: string[]) {
  const rows = programmeIds.length
    ? await db
        .select()
        .from(programmeSlots)
        .where(inArray(programmeSlots.programmeId, programmeIds))
        .orderBy(asc(programmeSlots.weekday), asc(programmeSlots.startMinute))
    : [];
  const slots = new Map<string, SlotView[]>();
  for (const { programmeId, weekday, startMinute, endMinute } of rows) slots.set(programmeId, [...(slots.get(programmeId) ?? []), { weekday, startMinute, endMinute }]);
  return slots;
}

/** Where a programme is given, as its card and the catalogue show it. */
export interface PlaceView {
  id: string;
  shortName: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  municipalityName: string;
}
export type SlotView = { weekday: number; startMinute: number; endMinute: number };
/** A programme's row as its views read it: the search vector is never shown. */
export type ProgrammeViewRow = Omit<ProgrammeRow, 'searchVector'>;

/** One programme as the catalogue lists it, from its provider's and venue's places and its weekly classes. */
export function summarizeProgramme(row: ProgrammeViewRow, provider: PlaceView, venue: PlaceView, slots: SlotView[], origin: Place | null = null) {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    direction: row.direction,
    format: row.format,
    gradeFrom: row.gradeFrom,
    gradeTo: row.gradeTo,
    ageFrom: row.ageFrom,
    ageTo: row.ageTo,
    capacity: row.capacity,
    seatsTaken: row.seatsTaken,
    freeSeats: row.capacity - row.seatsTaken,
    enrolmentMode: row.enrolmentMode,
    state: row.state,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    provider: { id: provider.id, shortName: provider.shortName },
    venue: { id: venue.id, shortName: venue.shortName, address: venue.address, lat: venue.lat, lon: venue.lon },
    municipalityName: venue.municipalityName,
    slots,
    distanceKm: distanceFrom(origin, venue),
  };
}

/** Programmes as the catalogue lists them, in the order given, with the distance from `origin` when one is chosen. */
export async function presentProgrammes(db: Database, rows: ProgrammeViewRow[], origin: Place | null = null) {
  const [places, slots] = await Promise.all([placesById(db, rows.flatMap((r) => [r.organizationId, venueIdOf(r)])), slotsByProgramme(db, rows.map((r) => r.id))]);
  return rows.map((row) => summarizeProgramme(row, places.get(row.organizationId)!, places.get(venueIdOf(row))!, slots.get(row.id) ?? [], origin));
}
export type ProgrammeSummary = Awaited<ReturnType<typeof presentProgrammes>>[number];

const { searchVector: _vector, ...viewColumns } = getTableColumns(programmes);

/** An organisation as a place (PlaceView), by the id the SQL expression gives. */
const placeOf = (organizationId: string) =>
  sql<PlaceView>`(select json_build_object('id', o.id, 'shortName', o.short_name, 'address', o.address, 'lat', o.lat, 'lon', o.lon, 'municipalityName', m.name)
    from organizations o join municipalities m on m.id = o.municipality_id where o.id = ${sql.raw(organizationId)})`;

/** Programmes by id with their provider's and venue's places and weekly classes, in one round trip. */
const programmeViews = preparedQuery((db) =>
  db
    .select({
      ...viewColumns,
      provider: placeOf('programmes.organization_id'),
      venue: placeOf('coalesce(programmes.venue_organization_id, programmes.organization_id)'),
      slots: sql<SlotView[]>`coalesce((select json_agg(json_build_object('weekday', s.weekday, 'startMinute', s.start_minute, 'endMinute', s.end_minute) order by s.weekday, s.start_minute)
        from programme_slots s where s.programme_id = programmes.id), '[]'::json)`,
    })
    .from(programmes)
    .where(sql`${programmes.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('programme_views'),
);

/**
 * The programmes of `ids` that exist, in that order: each row (without its search vector) and the catalogue's view
 * of it (presentProgrammes' shape), all read in one query.
 */
export async function readProgrammeViews(db: Database, ids: string[], origin: Place | null = null): Promise<{ row: ProgrammeViewRow; summary: ProgrammeSummary }[]> {
  if (!ids.length) return [];
  const byId = new Map((await programmeViews(db).execute({ ids })).map((view) => [view.id, view]));
  return ids.flatMap((id) => {
    const view = byId.get(id);
    if (!view) return [];
    const { provider, venue, slots, ...row } = view;
    return [{ row, summary: summarizeProgramme(row, provider, venue, slots, origin) }];
  });
}

/**
 * One programme with everything its page shows; only the networks the caller may see are named. `summary` is the
 * catalogue's view of it when the caller has read it already (the card reads it with the row, getProgramme).
 */
export async function presentProgramme(db: Database, actor: Actor | null, row: ProgrammeViewRow, summary?: ProgrammeSummary) {
  const [[summarized], networkRows] = await Promise.all([
    summary ? [summary] : presentProgrammes(db, [row]),
    row.networkIds.length
      ? db.select({ id: networks.id, title: networks.name }).from(networks).where(and(inArray(networks.id, row.networkIds), visibleNetworks(actor)))
      : Promise.resolve([]),
  ]);
  return {
    ...summarized,
    description: row.description,
    requirements: row.requirements,
    teacherName: row.teacherName,
    networks: networkRows.sort((a, b) => a.title.localeCompare(b.title, 'ru')),
    venueOrganizationId: row.venueOrganizationId,
    version: row.version,
    canManage: !!actor && programmePolicy.manage(actor, row.organizationId),
  };
}
export type ProgrammeDetail = Awaited<ReturnType<typeof presentProgramme>>;

/** What the audit keeps of a programme: the row without its search vector, and its weekly classes. */
export function auditedProgramme(row: ProgrammeRow, slots?: { weekday: number; startMinute: number; endMinute: number }[]) {
  const { searchVector: _vector, ...kept } = row;
  return slots ? { ...kept, slots } : kept;
}
