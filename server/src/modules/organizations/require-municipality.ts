import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { invalid } from '../../platform/problem';
import { municipalities } from '../territory/schema';

export async function requireMunicipality(db: Database, municipalityId: string) {
  const [found] = await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.id, municipalityId)).limit(1);
  if (!found) throw invalid('Такого муниципалитета нет в регионе.', [{ field: 'municipalityId', message: 'Выберите муниципалитет из списка' }]);
}
