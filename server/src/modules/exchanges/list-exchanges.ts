import { type SQL, and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notSignedIn } from '../../platform/problem';
import type { ExchangeListQuery } from './exchange-fields';
import { exchangePolicy } from './policy';
import { presentExchanges } from './present-exchange';
import { resourceExchanges } from './schema';

/** The organisations whose exchanges the caller lists: the one named (if they head it), else every one they head. */
function administeredOrganizations(context: CommandContext, organizationId: string | undefined): string[] {
  if (!context.actor) throw notSignedIn();
  if (organizationId) {
    authorize(context.actor, (actor) => exchangePolicy.viewOrganization(actor, organizationId));
    return [organizationId];
  }
  return context.actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.organizationId);
}

/**
 * The exchanges of the organisations the caller heads, newest activity first: incoming (requests for
 * their resources), outgoing (their requests) or both. Without the history; one exchange has it.
 */
export async function listExchanges(context: CommandContext, query: ExchangeListQuery) {
  const organizationIds = administeredOrganizations(context, query.organizationId);
  if (!organizationIds.length) return { items: [] };
  const incoming = inArray(resourceExchanges.providerOrganizationId, organizationIds);
  const outgoing = inArray(resourceExchanges.requesterOrganizationId, organizationIds);
  const direction: Record<ExchangeListQuery['direction'], SQL | undefined> = { incoming, outgoing, all: or(incoming, outgoing) };
  const rows = await context.db
    .select()
    .from(resourceExchanges)
    .where(and(direction[query.direction], query.state ? eq(resourceExchanges.state, query.state) : undefined))
    .orderBy(desc(resourceExchanges.updatedAt), desc(resourceExchanges.id));
  return { items: await presentExchanges(context.db, context.actor, rows, { history: false }) };
}

/**
 * Badges of an organisation: incoming requests and counter-proposals waiting for its answer
 * (it owns the resource), and its own requests whose owner countered and now waits for it.
 */
export async function exchangeSummary(context: CommandContext, organizationId: string) {
  authorize(context.actor, (actor) => exchangePolicy.viewOrganization(actor, organizationId));
  const [counts] = await context.db
    .select({
      incomingAwaiting: sql<number>`(count(*) filter (where ${resourceExchanges.providerOrganizationId} = ${organizationId} and ${resourceExchanges.awaiting} = 'provider'))::int`,
      outgoingAwaiting: sql<number>`(count(*) filter (where ${resourceExchanges.requesterOrganizationId} = ${organizationId} and ${resourceExchanges.awaiting} = 'requester'))::int`,
    })
    .from(resourceExchanges)
    .where(or(eq(resourceExchanges.providerOrganizationId, organizationId), eq(resourceExchanges.requesterOrganizationId, organizationId)));
  return counts;
}
