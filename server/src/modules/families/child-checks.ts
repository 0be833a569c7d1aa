import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import type { FieldError } from '../../platform/problem';
import { organizations } from '../organizations/schema';
import { homeSchoolKinds } from './child-fields';

/** What is wrong with naming this organisation as a child's school: unknown, archived, or not a school. */
export async function homeSchoolErrors(db: Database, homeSchoolId: string | null): Promise<FieldError[]> {
  if (!homeSchoolId) return [];
  const [school] = await db
    .select({ kind: organizations.kind, state: organizations.state, shortName: organizations.shortName })
    .from(organizations)
    .where(eq(organizations.id, homeSchoolId))
    .limit(1);
  if (!school) return [{ field: 'homeSchoolId', message: 'Такой школы нет в реестре' }];
  if (school.state === 'archived') return [{ field: 'homeSchoolId', message: `«${school.shortName}» в архиве реестра` }];
  if (!homeSchoolKinds.includes(school.kind)) return [{ field: 'homeSchoolId', message: `«${school.shortName}» — не школа и не детский сад` }];
  return [];
}
