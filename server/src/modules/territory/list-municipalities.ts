import { isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { compareRussian } from '../../algorithms/russian-sort-key';
import { municipalities, regions } from './schema';

/** The region's municipalities by name; archived ones only when asked for (history, the operator's list), not in pickers. */
export async function listMunicipalities(db: Database, options: { includeArchived?: boolean } = {}) {
  const rows = await db
    .select()
    .from(municipalities)
    .where(options.includeArchived ? undefined : isNull(municipalities.archivedAt));
  return rows.sort((a, b) => compareRussian(a.name, b.name));
}

export async function getRegion(db: Database) {
  const [region] = await db.select().from(regions).limit(1);
  return region ?? null;
}
