import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { insertEvent } from '../events/create-event';
import { checkEvent } from '../events/event-checks';
import type { ConsultationRow, SlotRow } from './present-consultation';

/**
 * The event an accepted consultation becomes: kind consultation, led by the consultant school with the requester as
 * co-organiser, in their partnership, at the chosen time, published at once (both schools' calendars show it). It
 * is judged and created by the events area's own checkEvent and insertEvent, inside the acceptance's transaction.
 */
export async function insertConsultationEvent(tx: Database, context: Pick<CommandContext, 'actor' | 'ip'>, consultation: ConsultationRow, slot: SlotRow) {
  const record = {
    kind: 'consultation' as const,
    title: `Консультация: ${consultation.topic}`.slice(0, 300),
    description: consultation.details,
    audiences: ['heads' as const, 'teachers' as const],
    format: consultation.format,
    address: slot.place,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    organizationId: consultation.consultantOrganizationId,
    networkId: consultation.networkId,
    planItemId: null,
    capacity: null,
    gradeFrom: null,
    gradeTo: null,
    registrationOpensAt: null,
    registrationClosesAt: null,
    lat: null,
    lon: null,
  };
  const coOrganizers = [consultation.requesterOrganizationId];
  await checkEvent(tx, record, [], coOrganizers, 'Консультацию не удалось назначить.');
  return insertEvent(tx, context, { ...record, state: 'published', publishedAt: new Date(), createdBy: context.actor?.userId ?? null }, coOrganizers);
}
