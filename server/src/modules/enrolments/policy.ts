import type { Actor } from '../../platform/context';
import { isStaffOf } from '../../platform/policy';
import { type ChildRow, guardsChild } from '../families/access';
import { headsOrganization } from '../networks/access';

/**
 * Who may do what with enrolments. A family acts for its own child only; a provider acts through its
 * heads, and its staff (heads and teachers) keep the roster. Nobody else, the operator included —
 * to them a child and its enrolments do not exist (404, see loadVisibleChild).
 */
export const enrolmentPolicy = {
  /** Enrolling a child or joining a waitlist: the child's guardian. */
  enrol: (actor: Actor, child: Pick<ChildRow, 'guardianUserId'>) => guardsChild(actor, child),
  /** Giving up a place or a place in line: the child's guardian. */
  withdraw: (actor: Actor, child: Pick<ChildRow, 'guardianUserId'>) => guardsChild(actor, child),
  /** Taking a child off a programme (with a reason the family is told): a head of the provider. */
  remove: (actor: Actor, providerOrganizationId: string) => headsOrganization(actor, providerOrganizationId),
  /** The roster and waitlist of a programme: the provider's staff. */
  viewRoster: (actor: Actor, providerOrganizationId: string) => isStaffOf(actor, providerOrganizationId),
};
