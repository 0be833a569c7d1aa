import type { Actor } from '../../platform/context';
import { hasMembership, hasPlatformRole, isAuthorityOf, isOperator } from '../../platform/policy';

interface OrganizationRef {
  id: string;
  municipalityId: string;
}

const managesRegistryOf = (actor: Actor, municipalityId: string) => isOperator(actor) || isAuthorityOf(actor, municipalityId);

/** Fields of the card that its own org admins keep; statuses, identifiers and placement are the registry keepers'. */
export const cardFields = ['fullName', 'shortName', 'address', 'lat', 'lon', 'headName', 'phone', 'email', 'website', 'description'] as const;

export const organizationPolicy = {
  create: (actor: Actor, target: { municipalityId: string }) => managesRegistryOf(actor, target.municipalityId),
  update: (actor: Actor, org: OrganizationRef) => managesRegistryOf(actor, org.municipalityId) || hasMembership(actor, org.id),
  /** Whether the actor may change registry fields (kind, statuses, identifiers, municipality), not only the card. */
  updateRegistryFields: (actor: Actor, org: OrganizationRef) => managesRegistryOf(actor, org.municipalityId),
  verify: (actor: Actor) => isOperator(actor),
  archive: (actor: Actor, org: OrganizationRef) => managesRegistryOf(actor, org.municipalityId),
  merge: (actor: Actor) => isOperator(actor),
  import: (actor: Actor) => isOperator(actor) || hasPlatformRole(actor, 'authority'),
};

export function organizationPermissions(actor: Actor | null, org: OrganizationRef & { state: string }) {
  const active = org.state !== 'archived';
  return {
    canEdit: !!actor && active && organizationPolicy.update(actor, org),
    canVerify: !!actor && org.state === 'unverified' && organizationPolicy.verify(actor),
    canArchive: !!actor && active && organizationPolicy.archive(actor, org),
    canMerge: !!actor && active && organizationPolicy.merge(actor),
  };
}
