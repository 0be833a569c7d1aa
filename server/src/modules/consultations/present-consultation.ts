import { asc, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { consultationPolicy } from './policy';
import { consultationRequests, consultationSlots } from './schema';

export type ConsultationRow = typeof consultationRequests.$inferSelect;
export type SlotRow = typeof consultationSlots.$inferSelect;

export interface ConsultationView {
  id: string;
  requester: { id: string; shortName: string };
  consultant: { id: string; shortName: string };
  network: { id: string; name: string } | null;
  topic: string;
  details: string;
  format: ConsultationRow['format'];
  state: ConsultationRow['state'];
  reason: string;
  eventId: string | null;
  slots: { id: string; startsAt: Date; endsAt: Date; place: string }[];
  createdAt: Date;
  updatedAt: Date;
  /** What the caller may do now. */
  actions: { propose: boolean; decline: boolean; accept: boolean; cancel: boolean };
}

/** Consultations as the API shows them: both schools' names, the partnership, the proposed times and the caller's next steps. */
export async function presentConsultations(db: Database, actor: Actor | null, rows: ConsultationRow[]): Promise<ConsultationView[]> {
  if (!rows.length) return [];
  const organizationIds = [...new Set(rows.flatMap((r) => [r.requesterOrganizationId, r.consultantOrganizationId]))];
  const networkIds = [...new Set(rows.flatMap((r) => (r.networkId ? [r.networkId] : [])))];
  const [names, networkNames, slots] = await Promise.all([
    db.select({ id: organizations.id, shortName: organizations.shortName }).from(organizations).where(inArray(organizations.id, organizationIds)),
    networkIds.length ? db.select({ id: networks.id, name: networks.name }).from(networks).where(inArray(networks.id, networkIds)) : [],
    db.select().from(consultationSlots).where(inArray(consultationSlots.requestId, rows.map((r) => r.id))).orderBy(asc(consultationSlots.startsAt)),
  ]);
  const name = new Map(names.map((n) => [n.id, n.shortName]));
  const network = new Map(networkNames.map((n) => [n.id, n.name]));
  return rows.map((row) => {
    const open = row.state === 'requested' || row.state === 'proposed';
    const answers = !!actor && consultationPolicy.answer(actor, row);
    const decides = !!actor && consultationPolicy.decide(actor, row);
    return {
      id: row.id,
      requester: { id: row.requesterOrganizationId, shortName: name.get(row.requesterOrganizationId) ?? '' },
      consultant: { id: row.consultantOrganizationId, shortName: name.get(row.consultantOrganizationId) ?? '' },
      network: row.networkId ? { id: row.networkId, name: network.get(row.networkId) ?? '' } : null,
      topic: row.topic,
      details: row.details,
      format: row.format,
      state: row.state,
      reason: row.reason,
      eventId: row.eventId,
      slots: slots.filter((s) => s.requestId === row.id).map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, place: s.place })),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      actions: { propose: answers && open, decline: answers && open, accept: decides && row.state === 'proposed', cancel: decides && open },
    };
  });
}

export async function presentConsultation(db: Database, actor: Actor | null, row: ConsultationRow): Promise<ConsultationView> {
  return (await presentConsultations(db, actor, [row]))[0];
}
