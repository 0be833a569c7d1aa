import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { preparedQuery } from '../../platform/db/prepared';
import { notFound } from '../../platform/problem';
import { canSeeProgramme } from './policy';
import { type PlaceView, type SlotView, presentProgramme, summarizeProgramme } from './present-programme';
import { programmes } from './schema';

const { searchVector: _vector, ...viewColumns } = getTableColumns(programmes);

/** An organisation as a place (present-programme's PlaceView), by the id the SQL expression gives. */
const placeOf = (organizationId: string) =>
  sql<PlaceView>`(select json_build_object('id', o.id, 'shortName', o.short_name, 'address', o.address, 'lat', o.lat, 'lon', o.lon, 'municipalityName', m.name)
    from organizations o join municipalities m on m.id = o.municipality_id where o.id = ${sql.raw(organizationId)})`;

/** The programme, its provider and venue and its weekly classes in one round trip (the networks it names follow only when it names some). */
const programmeCard = preparedQuery((db) =>
  db
    .select({
      ...viewColumns,
      provider: placeOf('programmes.organization_id'),
      venue: placeOf('coalesce(programmes.venue_organization_id, programmes.organization_id)'),
      slots: sql<SlotView[]>`coalesce((select json_agg(json_build_object('weekday', s.weekday, 'startMinute', s.start_minute, 'endMinute', s.end_minute) order by s.weekday, s.start_minute)
        from programme_slots s where s.programme_id = programmes.id), '[]'::json)`,
    })
    .from(programmes)
    .where(eq(programmes.id, sql.placeholder('id')))
    .limit(1)
    .prepare('programme_card'),
);

/** One programme with everything its page shows: published ones to everyone, drafts and archived ones to the provider's staff (404 otherwise). */
export async function getProgramme(context: CommandContext, id: string) {
  const [card] = await programmeCard(context.db).execute({ id });
  if (!card || !canSeeProgramme(context.actor, card)) throw notFound('Программа');
  const { provider, venue, slots, ...row } = card;
  return presentProgramme(context.db, context.actor, row, summarizeProgramme(row, provider, venue, slots));
}
