// Types of the people API (docs/API.md, «People and access»). Keep in step with server/src/modules/people.
import type { MembershipRole, Municipality, PlatformRole } from '../../shared/api/types';

/** Platform roles an invitation may carry: a guardian registers on their own, never by invitation. */
export const INVITABLE_PLATFORM_ROLES = ['operator', 'authority', 'expert'] as const satisfies readonly PlatformRole[];
export type InvitablePlatformRole = (typeof INVITABLE_PLATFORM_ROLES)[number];

/** Roles inside an organisation, highest first. */
export const MEMBERSHIP_ROLES = ['org_admin', 'staff_admin', 'deputy_head', 'coordinator', 'teacher', 'programme_teacher'] as const satisfies readonly MembershipRole[];

export type AnyRole = PlatformRole | MembershipRole;

export function isMembershipRole(role: string): role is MembershipRole {
  return (MEMBERSHIP_ROLES as readonly string[]).includes(role);
}

/** One branch of the grant tree, as GET /people/grantable answers it (server people/policy.ts, grantScopes). */
export type GrantScope =
  | { place: 'anywhere'; roles: AnyRole[] }
  | { place: 'authority-of'; municipalityId: string; roles: AnyRole[] }
  | { place: 'organizations-of'; municipalityId: string; roles: AnyRole[] }
  | { place: 'organization'; organizationId: string; roles: AnyRole[] };

export interface NamedRef {
  id: string;
  name: string;
}

export interface PersonMembership {
  organizationId: string;
  organizationName: string;
  role: MembershipRole;
}

export interface Person {
  id: string;
  fullName: string;
  email: string;
  platformRoles: PlatformRole[];
  municipality: NamedRef | null;
  memberships: PersonMembership[];
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  lastSeenAt: string | null;
}

export const INVITATION_STATES = ['pending', 'expired', 'accepted', 'revoked'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export interface Invitation {
  id: string;
  email: string;
  fullName: string;
  role: AnyRole;
  organization: NamedRef | null;
  municipality: NamedRef | null;
  state: InvitationState;
  createdAt: string;
  expiresAt: string;
  lastSentAt: string;
  sendCount: number;
  invitedBy: { id: string; fullName: string };
  acceptedAt: string | null;
  ageDays: number;
}

/** What the acceptance page learns from the link's token (GET /invitations/by-token/:token). */
export interface InvitationPreview {
  state: 'pending' | 'expired' | 'used' | 'revoked';
  fullName: string;
  email: string;
  /** `council_seat`: a seat on a network's council for a person outside its member organisations, no role at all */
  role: AnyRole | 'council_seat';
  organizationId: string | null;
  organizationName: string | null;
  municipalityId: string | null;
  municipalityName: string | null;
  expiresAt: string;
  accountExists: boolean;
  councilSeat: { networkId: string; networkName: string; kind: string } | null;
  ssoEnabled: boolean;
}

export interface InvitationInput {
  email: string;
  fullName: string;
  role: AnyRole;
  organizationId?: string;
  municipalityId?: string;
}

/** A role and where it applies, as the grant and revoke routes take it. */
export interface RoleGrant {
  role: AnyRole;
  organizationId?: string;
  municipalityId?: string;
}

export interface StaffMember {
  id: string;
  fullName: string;
  email: string;
  roles: MembershipRole[];
  disabledAt: string | null;
  lastSeenAt: string | null;
}

export interface OrganizationStaff {
  members: StaffMember[];
  invitations: Invitation[];
}

export interface ManagedMunicipality extends Municipality {
  archivedAt: string | null;
}

export interface MunicipalityInput {
  name: string;
  kind: Municipality['kind'];
  subjectName: string;
  centerLat: number;
  centerLon: number;
}
