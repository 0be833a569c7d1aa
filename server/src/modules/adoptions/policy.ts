import type { Actor } from '../../platform/context';
import { isStaffOf } from '../../platform/policy';

/**
 * Who may do what with adoptions. Seeing one is seeing its practice (practices/access.ts `visiblePractices`).
 * An adoption is the school's own statement, like its inventory: the people who work in the adopting organisation
 * — its head and its staff — record it, its results and its end; not the operator, not the authority, not the
 * practice's authors.
 */
export const adoptionPolicy = {
  record: (actor: Actor, organizationId: string) => isStaffOf(actor, organizationId),
};

export const adoptionRefusal = 'Внедрение записывают руководитель и сотрудники организации, которая внедряет практику.';
