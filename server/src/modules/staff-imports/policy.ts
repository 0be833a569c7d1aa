import type { Actor } from '../../platform/context';
import { hasPlatformRole, isOperator } from '../../platform/policy';
import { peoplePolicy, seesStaffOf } from '../people/policy';

/**
 * Who may load a staff list. Each row is then checked against the grant tree (`grantableBy`): the file may
 * name only organisations and roles the importer could invite to one by one.
 */
export const staffImportPolicy = {
  /** A list across organisations: the operator (the whole region) and authorities (their municipality's organisations). */
  importRegionWide: (actor: Actor) => isOperator(actor) || hasPlatformRole(actor, 'authority'),
  /** One organisation's list: whoever keeps its staff — the operator, its authority, its head or staff admin. */
  importForOrganization: (actor: Actor, organization: { id: string; municipalityId: string }) => seesStaffOf(actor, organization),
  /** Anyone who may invite at all; only the author commits their own preview, and every row is checked again. */
  commit: (actor: Actor) => peoplePolicy.manage(actor),
};
