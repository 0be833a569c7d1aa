import type { Actor } from '../../platform/context';
import { hasPlatformRole, isStaffOf } from '../../platform/policy';
import { headsOrganization } from '../networks/access';
import { type ChildRow, guardsChild } from './access';

/**
 * Who may do what with children's records. A child's data is the family's: only the guardian
 * registers, changes, exports and deletes it and gives or withdraws consent. A school's staff see
 * the children who name it as their school; its head confirms they are its students. Nobody else,
 * the operator included (to them a child does not exist, see access.ts).
 */
export const familyPolicy = {
  /** Registering a child: a guardian account. */
  register: (actor: Actor) => hasPlatformRole(actor, 'guardian'),
  /** Changing, exporting, deleting a child, giving or withdrawing consent: its guardian. */
  manage: (actor: Actor, child: Pick<ChildRow, 'guardianUserId'>) => guardsChild(actor, child),
  /** The list of children naming the school as theirs (name, grade, confirmed): its heads and teachers. */
  viewStudents: (actor: Actor, schoolId: string) => isStaffOf(actor, schoolId),
  /** Confirming that a child is the school's student: a head of the school. */
  confirmStudent: (actor: Actor, schoolId: string) => headsOrganization(actor, schoolId),
};
