import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CommandContext } from '../../platform/context';
import { visibleEvents } from '../events/access';
import { events } from '../events/schema';
import { loadVisibleNetwork } from '../networks/access';
import { organizations } from '../organizations/schema';
import { consultationRequests } from './schema';

/**
 * The partnership's record of consultations (seed 002): every consultation event of the network the caller may see
 * (visibleEvents), with the consultant and the school it was for, and how many were held and are coming.
 */
export async function listNetworkConsultations(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const requester = alias(organizations, 'requester');
  const rows = await context.db
    .select({
      eventId: events.id,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      state: events.state,
      consultant: { id: organizations.id, shortName: organizations.shortName },
      requester: { id: requester.id, shortName: requester.shortName },
      topic: consultationRequests.topic,
    })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .leftJoin(consultationRequests, eq(consultationRequests.eventId, events.id))
    .leftJoin(requester, eq(requester.id, consultationRequests.requesterOrganizationId))
    .where(and(eq(events.networkId, network.id), eq(events.kind, 'consultation'), visibleEvents(context.actor)))
    .orderBy(asc(events.startsAt))
    .limit(500);
  const now = context.now ?? new Date();
  const live = rows.filter((r) => r.state !== 'cancelled' && r.state !== 'draft');
  return {
    held: live.filter((r) => r.state === 'finished' || r.endsAt <= now).length,
    upcoming: live.filter((r) => r.state === 'published' && r.endsAt > now).length,
    items: rows.map((r) => ({ ...r, topic: r.topic ?? r.title, requester: r.requester?.id ? r.requester : null })),
  };
}
