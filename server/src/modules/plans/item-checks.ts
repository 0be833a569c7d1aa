import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/client';
import type { FieldError } from '../../platform/problem';
import { networkDocuments } from '../documents/schema';
import { events } from '../events/schema';
import { activeMemberIds } from '../networks/access';
import { organizations } from '../organizations/schema';
import { type Evidence, evidenceErrors } from './plan-fields';

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/**
 * Checks what an item refers to: every organisation newly made responsible is an active member of the
 * network (one already on the item that has since left may stay), and evidence of kind «document» or «event» that
 * names one by id names one of this network's.
 */
export async function itemReferenceErrors(
  db: Database,
  networkId: string,
  input: { responsibleOrganizationIds?: string[]; previousOrganizationIds?: string[]; evidence?: Evidence | null },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const added = (input.responsibleOrganizationIds ?? []).filter((id) => !(input.previousOrganizationIds ?? []).includes(id));
  if (added.length) {
    const members = new Set(await activeMemberIds(db, networkId));
    const strangers = added.filter((id) => !members.has(id));
    if (strangers.length) {
      const names = await organizationNames(db, strangers);
      const list = strangers.map((id) => (names.has(id) ? `«${names.get(id)}»` : 'неизвестная организация')).join(', ');
      errors.push({ field: 'responsibleOrganizationIds', message: `Ответственными могут быть только действующие участники сети; не участвует: ${list}` });
    }
  }
  errors.push(...evidenceErrors(input.evidence));
  const evidence = input.evidence;
  if (evidence?.kind === 'document' && isUuid(evidence.reference)) {
    const [document] = await db
      .select({ id: networkDocuments.id })
      .from(networkDocuments)
      .where(and(eq(networkDocuments.id, evidence.reference), eq(networkDocuments.networkId, networkId)))
      .limit(1);
    if (!document) errors.push({ field: 'evidence.reference', message: 'Такого документа нет среди документов сети' });
  }
  if (evidence?.kind === 'event' && isUuid(evidence.reference)) {
    const [event] = await db.select({ id: events.id }).from(events).where(and(eq(events.id, evidence.reference), eq(events.networkId, networkId))).limit(1);
    if (!event) errors.push({ field: 'evidence.reference', message: 'Такого мероприятия нет среди мероприятий сети' });
  }
  return errors;
}

/** Short names of organisations by id. */
export async function organizationNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: organizations.id, shortName: organizations.shortName }).from(organizations).where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.shortName]));
}
