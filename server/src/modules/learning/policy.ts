import type { Actor } from '../../platform/context';
import { isStaffOf } from '../../platform/policy';

/**
 * Who may do what with learning records. The provider's staff (heads and teachers, who teach the
 * programme) keep its attendance and results; the home school's staff see what their confirmed
 * students do elsewhere. A child's own path is shown to whoever may see the child (families/access.ts).
 */
export const learningPolicy = {
  /** Marking attendance and recording results of a programme: its provider's heads and teachers. */
  keepRecords: (actor: Actor, providerOrganizationId: string) => isStaffOf(actor, providerOrganizationId),
  /** A school's students' programmes elsewhere, their attendance and results: the school's heads and teachers. */
  viewStudentsProgress: (actor: Actor, schoolId: string) => isStaffOf(actor, schoolId),
};
