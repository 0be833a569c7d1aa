// Types of the HTTP API (docs/API.md). Keep in step with the contract.

import type { HighlightSegment } from '../components/Highlighted';

export type PlatformRole = 'operator' | 'authority' | 'expert' | 'guardian';

export type MembershipRole = 'org_admin' | 'staff_admin' | 'deputy_head' | 'coordinator' | 'teacher' | 'programme_teacher';

export interface Membership {
  organizationId: string;
  organizationName: string;
  role: MembershipRole;
}

export interface Me {
  id: string;
  email: string;
  fullName: string;
  /** Region-wide roles; one account may hold several. */
  platformRoles: PlatformRole[];
  municipalityId: string | null;
  memberships: Membership[];
}

export interface MeResponse {
  user: Me | null;
  csrfToken: string | null;
}

export interface Region {
  name: string;
  timezone: string;
  centerLat: number;
  centerLon: number;
  zoom: number;
  tileUrl: string;
  tileAttribution: string;
}

export interface Municipality {
  id: string;
  name: string;
  kind: 'city' | 'district';
  subjectName: string;
  centerLat: number | null;
  centerLon: number | null;
}

export const ORGANIZATION_KINDS = [
  'school',
  'lyceum',
  'gymnasium',
  'preschool',
  'supplementary',
  'college',
  'university',
  'ngo',
  'library',
  'museum',
  'culture',
  'sports',
  'enterprise',
  'authority',
  'methodical_centre',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const ORGANIZATION_STATUSES = [
  'base_school',
  'innovation_site',
  'low_results',
  'adverse_conditions',
  'resilient',
  'consultant',
] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

export const ORGANIZATION_STATES = ['unverified', 'verified', 'archived'] as const;
export type OrganizationState = (typeof ORGANIZATION_STATES)[number];

export interface Organization {
  id: string;
  kind: OrganizationKind;
  fullName: string;
  shortName: string;
  inn: string | null;
  ogrn: string | null;
  externalId: string | null;
  municipalityId: string;
  municipalityName: string;
  statuses: OrganizationStatus[];
  state: OrganizationState;
  mergedIntoId: string | null;
  /** text fields are '' when not given */
  address: string;
  lat: number | null;
  lon: number | null;
  headName: string;
  phone: string;
  email: string;
  website: string;
  description: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** In a list searched with a query: the found words of these fields (shared/components/Highlighted). */
  highlight?: { shortName?: HighlightSegment[]; fullName?: HighlightSegment[]; address?: HighlightSegment[] };
}

export interface OrganizationPermissions {
  canEdit: boolean;
  canVerify: boolean;
  canArchive: boolean;
  canMerge: boolean;
}

export type OrganizationWithPermissions = Organization & { permissions: OrganizationPermissions };

export interface Page<T> {
  items: T[];
  /** Exact, or above a thousand rows the server's estimate when `totalIsEstimate` (shown as «около N»). */
  total: number;
  totalIsEstimate?: boolean;
  page: number;
  pageSize: number;
}

/** A page of a list paged by cursor: the cursors of the pages beside it (opaque; null at an end) and its number, to show. */
export interface CursorPage<T> extends Page<T> {
  next: string | null;
  previous: string | null;
}

export interface MapItem {
  id: string;
  shortName: string;
  kind: OrganizationKind;
  statuses: OrganizationStatus[];
  lat: number;
  lon: number;
}

/** Fields a client may send when creating or editing an organisation. */
export type OrganizationInput = Omit<
  Organization,
  'id' | 'state' | 'version' | 'mergedIntoId' | 'municipalityName' | 'createdAt' | 'updatedAt'
>;

export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportPreview {
  id: string;
  fileName: string;
  status: 'previewed' | 'running' | 'done' | 'failed';
  total: number;
  toCreate: number;
  toUpdate: number;
  processed: number;
  errors: ImportRowError[];
  failure: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorIp: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** the object's name, when the log may show it (never a child's) */
  entityName: string | null;
  before: unknown;
  after: unknown;
}
