import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { Problem, notFound, notSignedIn } from '../../platform/problem';
import { loadVisibleNetwork } from '../networks/access';
import { organizations } from '../organizations/schema';
import { auditedEvent } from './audited-event';
import { auditedSessions, checkEvent, replaceCoOrganizers, replaceSessions } from './event-checks';
import type { EventCreation, SessionInput } from './event-fields';
import { presentEvent } from './event-access';
import { eventPolicy } from './policy';
import { events } from './schema';

/**
 * A head of an organisation (or a coordinator of its network, for the network's event) describes an event; it starts
 * as a draft, seen only by the organisers' staff and those who manage it, until published.
 */
export async function createEvent(context: CommandContext, input: EventCreation) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const { sessions = [], coOrganizerIds = [], organizationId, ...fields } = input;
  const [organization] = await context.db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  if (!organization) throw notFound('Организация');
  const network = fields.networkId ? await loadVisibleNetwork(context.db, actor, fields.networkId) : null;
  authorize(actor, (a) => eventPolicy.create(a, organizationId, network));
  if (organization.state === 'archived') throw new Problem(409, 'Организация в архиве', `Организация «${organization.shortName}» в архиве и не может проводить мероприятия.`);
  const record = {
    ...fields,
    organizationId,
    startsAt: new Date(fields.startsAt),
    endsAt: new Date(fields.endsAt),
    registrationOpensAt: fields.registrationOpensAt ? new Date(fields.registrationOpensAt) : null,
    registrationClosesAt: fields.registrationClosesAt ? new Date(fields.registrationClosesAt) : null,
    gradeFrom: fields.gradeFrom ?? null,
    gradeTo: fields.gradeTo ?? null,
    lat: fields.lat ?? null,
    lon: fields.lon ?? null,
    capacity: fields.capacity ?? null,
    networkId: fields.networkId ?? null,
    planItemId: fields.planItemId ?? null,
    format: fields.format ?? 'in_person',
  };
  await checkEvent(context.db, record, sessions, coOrganizerIds, 'Мероприятие не создано.');
  const row = await context.db.transaction((tx) => insertEvent(tx, context, { ...record, state: 'draft', createdBy: actor.userId }, coOrganizerIds, sessions));
  return presentEvent(context.db, actor, row);
}

/**
 * Inserts a checked event (checkEvent) with its co-organisers and sessions inside the caller's transaction, and
 * audits it. Exported so that an accepted consultation becomes the event of both schools in the acceptance's own
 * transaction (consultations/accept-consultation.ts), on that command's authority: one way events are created.
 */
export async function insertEvent(
  tx: Database,
  context: Pick<CommandContext, 'actor' | 'ip'>,
  values: typeof events.$inferInsert,
  coOrganizerIds: string[] = [],
  sessions: SessionInput[] = [],
) {
  const [created] = await tx.insert(events).values(values).returning();
  await replaceCoOrganizers(tx, created.id, coOrganizerIds);
  await replaceSessions(tx, created.id, sessions);
  await recordAudit(tx, context, { action: 'event.created', entityType: 'event', entityId: created.id, after: auditedEvent(created, coOrganizerIds, await auditedSessions(tx, created.id)) });
  return created;
}
