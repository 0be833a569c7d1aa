import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { loadVisibleNetwork } from '../networks/access';
import { auditedEvent } from './audited-event';
import { auditedSessions, checkEvent, replaceCoOrganizers, replaceSessions } from './event-checks';
import type { EventChanges } from './event-fields';
import { lockManagedEvent, presentEvent } from './event-access';
import { lockEventSeats, promoteEventWaitlist } from './event-seats';
import { eventOrganizers, events } from './schema';

const instantOrNull = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

/**
 * Changes the named fields of an event if it is still at `version` (409 otherwise). Capacity never goes below the
 * seats already taken; raised capacity of a published event goes at once to the first in its line, in the same
 * transaction, so no seat stays empty while someone waits. A finished or cancelled event is not changed.
 */
export async function updateEvent(context: CommandContext, id: string, version: number, changes: EventChanges) {
  const { sessions, coOrganizerIds, ...fields } = changes;
  const row = await context.db.transaction(async (tx) => {
    const current = await lockManagedEvent(tx, context, id, version);
    if (current.state === 'finished' || current.state === 'cancelled') {
      throw new Problem(409, current.state === 'finished' ? 'Мероприятие завершено' : 'Мероприятие отменено', 'Завершённое или отменённое мероприятие не меняется.');
    }
    if (fields.networkId && fields.networkId !== current.networkId) await loadVisibleNetwork(tx, context.actor, fields.networkId);
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Record<string, unknown>;
    const record = {
      ...current,
      ...defined,
      startsAt: instantOrNull(fields.startsAt) ?? current.startsAt,
      endsAt: instantOrNull(fields.endsAt) ?? current.endsAt,
      registrationOpensAt: fields.registrationOpensAt === undefined ? current.registrationOpensAt : instantOrNull(fields.registrationOpensAt)!,
      registrationClosesAt: fields.registrationClosesAt === undefined ? current.registrationClosesAt : instantOrNull(fields.registrationClosesAt)!,
    } as typeof current;
    await checkEvent(tx, record, sessions, coOrganizerIds, 'Изменения не сохранены.');
    if (record.capacity !== null && record.capacity < current.seatsTaken) {
      throw new Problem(
        409,
        'Мест меньше, чем записано',
        `На мероприятие уже записано ${current.seatsTaken}, поэтому мест не может быть меньше ${current.seatsTaken}. Чтобы сократить число участников, сначала отмените записи в списке участников.`,
        { seatsTaken: current.seatsTaken },
      );
    }
    const beforeOrganizers = coOrganizerIds ? (await tx.select({ id: eventOrganizers.organizationId }).from(eventOrganizers).where(eq(eventOrganizers.eventId, id))).map((o) => o.id) : undefined;
    const beforeSessions = sessions ? await auditedSessions(tx, id) : undefined;
    const [updated] = await tx
      .update(events)
      .set({
        kind: record.kind,
        title: record.title,
        description: record.description,
        audiences: record.audiences,
        gradeFrom: record.gradeFrom,
        gradeTo: record.gradeTo,
        format: record.format,
        address: record.address,
        lat: record.lat,
        lon: record.lon,
        onlineUrl: record.onlineUrl,
        startsAt: record.startsAt,
        endsAt: record.endsAt,
        capacity: record.capacity,
        registrationOpensAt: record.registrationOpensAt,
        registrationClosesAt: record.registrationClosesAt,
        approvalRequired: record.approvalRequired,
        networkId: record.networkId,
        planItemId: record.planItemId,
        version: sql`${events.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(events.id, id))
      .returning();
    if (coOrganizerIds) await replaceCoOrganizers(tx, id, coOrganizerIds);
    if (sessions) await replaceSessions(tx, id, sessions);
    await recordAudit(tx, context, {
      action: 'event.updated',
      entityType: 'event',
      entityId: id,
      before: auditedEvent(current, beforeOrganizers, beforeSessions),
      after: auditedEvent(updated, coOrganizerIds, sessions ? await auditedSessions(tx, id) : undefined),
    });
    if (updated.state === 'published') {
      // More seats (of the event or of a section) go at once to those waiting.
      await lockEventSeats(tx, id);
      await promoteEventWaitlist(tx, context, id);
    }
    // Promotion took seats: answer with the row as it now stands.
    const [latest] = await tx.select().from(events).where(eq(events.id, id));
    return latest;
  });
  return presentEvent(context.db, context.actor, row);
}
