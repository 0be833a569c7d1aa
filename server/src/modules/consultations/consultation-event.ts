import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { eventOrganizers, events } from '../events/schema';
import type { ConsultationRow, SlotRow } from './present-consultation';

/**
 * The event an accepted consultation becomes: kind consultation, led by the consultant school with the requester as
 * co-organiser, in their partnership, at the chosen time, published at once (both schools' calendars show it).
 * TODO(H1): create it through the events area's insertEvent once it is on main, not by this insert.
 */
export async function insertConsultationEvent(tx: Database, context: Pick<CommandContext, 'actor' | 'ip'>, consultation: ConsultationRow, slot: SlotRow) {
  const now = new Date();
  const [event] = await tx
    .insert(events)
    .values({
      kind: 'consultation',
      title: `Консультация: ${consultation.topic}`,
      description: consultation.details,
      audiences: ['heads', 'teachers'],
      format: consultation.format,
      address: slot.place,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      organizationId: consultation.consultantOrganizationId,
      networkId: consultation.networkId,
      state: 'published',
      publishedAt: now,
      createdBy: context.actor?.userId ?? null,
    })
    .returning();
  await tx.insert(eventOrganizers).values({ eventId: event.id, organizationId: consultation.requesterOrganizationId });
  await recordAudit(tx, context, { action: 'event.created', entityType: 'event', entityId: event.id, after: { ...event, coOrganizerIds: [consultation.requesterOrganizationId] } });
  return event;
}
