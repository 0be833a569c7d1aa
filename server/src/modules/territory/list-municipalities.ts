import type { Database } from '../../platform/db/client';
import { compareRussian } from '../../algorithms/russian-sort-key';
import { municipalities, regions } from './schema';

export async function listMunicipalities(db: Database) {
  const rows = await db.select().from(municipalities);
  return rows.sort((a, b) => compareRussian(a.name, b.name));
}

export async function getRegion(db: Database) {
  const [region] = await db.select().from(regions).limit(1);
  return region ?? null;
}
