import { inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { type FieldError, invalid } from '../../platform/problem';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';
import { type Role, type RoleTarget, isMembershipRole } from './roles';

/** A role as a form or a spreadsheet row asks for it. */
export interface RoleRequest {
  role: Role;
  organizationId?: string | null;
  municipalityId?: string | null;
}

/** A checked role target with the names a letter or a list shows. */
export interface PlacedRole {
  target: RoleTarget;
  organizationName: string | null;
  municipalityName: string | null;
}

/** The organisations and municipalities some role requests name, loaded once for any number of them. */
export interface Places {
  organizations: Map<string, { name: string; municipalityId: string; archived: boolean }>;
  municipalities: Map<string, { name: string; archived: boolean }>;
}

const CHUNK = 1000;

export async function loadPlaces(db: Database, organizationIds: Iterable<string>): Promise<Places> {
  const ids = [...new Set(organizationIds)];
  const places: Places = { organizations: new Map(), municipalities: new Map() };
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .select({ id: organizations.id, name: organizations.shortName, municipalityId: organizations.municipalityId, state: organizations.state })
      .from(organizations)
      .where(inArray(organizations.id, ids.slice(i, i + CHUNK)));
    for (const row of rows) places.organizations.set(row.id, { name: row.name, municipalityId: row.municipalityId, archived: row.state === 'archived' });
  }
  // A region has tens of municipalities: all of them cost less than a second query shape.
  for (const row of await db.select({ id: municipalities.id, name: municipalities.name, archivedAt: municipalities.archivedAt }).from(municipalities)) {
    places.municipalities.set(row.id, { name: row.name, archived: row.archivedAt !== null });
  }
  return places;
}

/**
 * Checks the place a role is asked for: an organisation for its roles, a municipality for an authority,
 * none for the operator and experts. A new role needs a place that is not archived; taking a role away does not.
 */
export function checkRoleTarget(request: RoleRequest, places: Places, purpose: 'grant' | 'revoke'): PlacedRole | { errors: FieldError[] } {
  const { role } = request;
  const open = purpose === 'revoke';
  if (role === 'guardian') return { errors: [{ field: 'role', message: 'Родители регистрируются сами: эту роль не выдают' }] };
  if (isMembershipRole(role)) {
    if (!request.organizationId) return { errors: [{ field: 'organizationId', message: 'Выберите организацию' }] };
    const organization = places.organizations.get(request.organizationId);
    if (!organization) return { errors: [{ field: 'organizationId', message: 'Такой организации нет в реестре' }] };
    const municipality = places.municipalities.get(organization.municipalityId);
    if (!open && (organization.archived || municipality?.archived)) {
      return { errors: [{ field: 'organizationId', message: `«${organization.name}» в архиве: новых сотрудников в ней не назначают` }] };
    }
    return {
      target: { role, organizationId: request.organizationId, municipalityId: organization.municipalityId },
      organizationName: organization.name,
      municipalityName: municipality?.name ?? null,
    };
  }
  if (role === 'authority') {
    if (!request.municipalityId) return { errors: [{ field: 'municipalityId', message: 'Выберите муниципалитет' }] };
    const municipality = places.municipalities.get(request.municipalityId);
    if (!municipality) return { errors: [{ field: 'municipalityId', message: 'Такого муниципалитета нет в регионе' }] };
    if (!open && municipality.archived) return { errors: [{ field: 'municipalityId', message: `«${municipality.name}» в архиве: новых сотрудников в нём не назначают` }] };
    return { target: { role, organizationId: null, municipalityId: request.municipalityId }, organizationName: null, municipalityName: municipality.name };
  }
  return { target: { role, organizationId: null, municipalityId: null }, organizationName: null, municipalityName: null };
}

/** `checkRoleTarget` for one request, throwing its field errors as a 400. */
export async function resolveRoleTarget(db: Database, request: RoleRequest, purpose: 'grant' | 'revoke'): Promise<PlacedRole> {
  const checked = checkRoleTarget(request, await loadPlaces(db, request.organizationId ? [request.organizationId] : []), purpose);
  if ('errors' in checked) throw invalid('Проверьте роль и место работы.', checked.errors);
  return checked;
}
