import type { Actor } from '../../platform/context';
import { hasPlatformRole } from '../../platform/policy';
import { type ChildRow, guardsChild } from '../families/access';
import { type NetworkRow, headsOrganization, managesNetwork } from '../networks/access';
import type { EventAudience } from './schema';

type Registrant = { userId: string | null; childId: string | null; onBehalfOfOrganizationId: string | null; requestedBy: string | null };

/**
 * Who may do what with events. Managing an event (editing, publishing, cancelling, finishing, approving
 * registrations, the roster) is THE rule of events/access.ts, `managedEvents`, asked in SQL — not repeated here.
 * These predicates are the rest: who may create an event on an organisation's or a network's behalf, and who acts
 * for a registration.
 */
export const eventPolicy = {
  /**
   * Creating an event on behalf of an organisation: its heads; a network's event also by the network's
   * coordinators (the managing organisation's heads, the covering authority, the operator).
   */
  create: (actor: Actor, organizationId: string, network: Pick<NetworkRow, 'managingOrganizationId' | 'municipalityIds'> | null) =>
    headsOrganization(actor, organizationId) || (!!network && managesNetwork(actor, network)),
  /** Registering oneself: any signed-in adult the audience admits (see `selfAudienceRefusal`). */
  registerSelf: (_actor: Actor) => true,
  /** Registering a child: the child's guardian. */
  registerChild: (actor: Actor, child: Pick<ChildRow, 'guardianUserId'>) => guardsChild(actor, child),
  /** Registering a group of students: a head of their school. */
  registerGroup: (actor: Actor, organizationId: string) => headsOrganization(actor, organizationId),
  /**
   * Cancelling a registration: the person registered, a child's guardian, the head of the school that registered
   * the group; the organisers cancel through rejection (`managedEvents`).
   */
  cancel: (actor: Actor, registration: Registrant, child: Pick<ChildRow, 'guardianUserId'> | null) =>
    registration.userId === actor.userId ||
    (!!child && guardsChild(actor, child)) ||
    (!!registration.onBehalfOfOrganizationId && headsOrganization(actor, registration.onBehalfOfOrganizationId)),
};

/** The audiences an adult belongs to: heads (an org admin), teachers (staff of an organisation), parents (a guardian), the public. */
export function adultAudiences(actor: Actor): EventAudience[] {
  const mine: EventAudience[] = ['public'];
  if (actor.memberships.some((m) => m.role === 'org_admin')) mine.push('heads');
  if (actor.memberships.length) mine.push('teachers');
  if (hasPlatformRole(actor, 'guardian')) mine.push('parents');
  return mine;
}
