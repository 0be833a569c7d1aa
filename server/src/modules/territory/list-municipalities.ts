import type { Database } from '../../platform/db/client';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { municipalities, regions } from './schema';

export async function listMunicipalities(db: Database) {
  const rows = await db.select().from(municipalities);
  return rows.sort((a, b) => (russianSortKey(a.name) < russianSortKey(b.name) ? -1 : 1));
}

export async function getRegion(db: Database) {
  const [region] = await db.select().from(regions).limit(1);
  return region ?? null;
}
