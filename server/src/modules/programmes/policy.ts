import type { Actor } from '../../platform/context';
import { isStaffOf } from '../../platform/policy';
import { headsOrganization } from '../networks/access';
import type { ProgrammeState } from './schema';

type Provided = { organizationId: string; state: ProgrammeState };

/**
 * Who may do what with programmes. The catalogue of published programmes is public (no sign-in). A
 * programme is its provider's statement: only the provider's heads (org admins) create, edit, publish
 * and archive it — not the operator, not an authority; the provider's teachers also see its drafts.
 */
export const programmePolicy = {
  /** Creating, editing, publishing and archiving the organisation's programmes: its heads. */
  manage: (actor: Actor, organizationId: string) => headsOrganization(actor, organizationId),
  /** Drafts and archived programmes: the provider's staff, heads and teachers. */
  seeUnpublished: (actor: Actor, organizationId: string) => isStaffOf(actor, organizationId),
};

/** Published programmes are everyone's to see; the rest only their provider's staff's. */
export const canSeeProgramme = (actor: Actor | null, programme: Provided) =>
  programme.state === 'published' || (!!actor && programmePolicy.seeUnpublished(actor, programme.organizationId));
