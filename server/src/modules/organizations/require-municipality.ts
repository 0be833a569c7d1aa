import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { invalid } from '../../platform/problem';
import { municipalities } from '../territory/schema';

/** The municipality an organisation is created in or moved to: one of the region's, and not archived. */
export async function requireMunicipality(db: Database, municipalityId: string) {
  const [found] = await db
    .select({ id: municipalities.id, name: municipalities.name, archivedAt: municipalities.archivedAt })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId))
    .limit(1);
  if (!found) throw invalid('Такого муниципалитета нет в регионе.', [{ field: 'municipalityId', message: 'Выберите муниципалитет из списка' }]);
  if (found.archivedAt) {
    throw invalid(`Муниципалитет «${found.name}» в архиве: в нём не создают новых организаций и не переносят в него существующие.`, [{ field: 'municipalityId', message: 'Муниципалитет в архиве — выберите другой' }]);
  }
}
