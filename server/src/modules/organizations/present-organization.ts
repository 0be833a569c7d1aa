import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { municipalities } from '../territory/schema';
import { organizations } from './schema';

type OrganizationRow = typeof organizations.$inferSelect;

/** The public shape of an organisation; internal columns (search vector, sort key) stay inside. */
export function presentOrganization(row: OrganizationRow, municipalityName: string) {
  const { searchVector: _vector, sortKey: _key, ...visible } = row;
  return { ...visible, municipalityName };
}

export type OrganizationView = ReturnType<typeof presentOrganization>;

export async function presentOrganizations(db: Database, rows: OrganizationRow[]): Promise<OrganizationView[]> {
  if (!rows.length) return [];
  const ids = [...new Set(rows.map((r) => r.municipalityId))];
  const names = new Map(
    (await db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities).where(inArray(municipalities.id, ids))).map((m) => [m.id, m.name]),
  );
  return rows.map((row) => presentOrganization(row, names.get(row.municipalityId) ?? ''));
}

export async function loadOrganization(db: Database, id: string): Promise<OrganizationRow | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row ?? null;
}

/** Audit snapshots leave out derived columns. */
export function auditSnapshot(row: OrganizationRow) {
  const { searchVector: _vector, sortKey: _key, ...snapshot } = row;
  return snapshot;
}
