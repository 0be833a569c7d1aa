import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { organizations } from '../organizations/schema';
import type { ChildRelation, ChildRow } from './access';
import { childConsents } from './schema';

/** A child as the API shows it to someone who may see it, with the home school's name and the consent in force. */
export async function presentChild(db: Database, child: ChildRow, relation: ChildRelation) {
  const [homeSchool] = child.homeSchoolId
    ? await db.select({ id: organizations.id, shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, child.homeSchoolId)).limit(1)
    : [];
  const [consent] = await db
    .select({ id: childConsents.id, textVersion: childConsents.textVersion, givenAt: childConsents.givenAt })
    .from(childConsents)
    .where(and(eq(childConsents.childId, child.id), isNull(childConsents.withdrawnAt)))
    .orderBy(desc(childConsents.givenAt))
    .limit(1);
  return {
    id: child.id,
    fullName: child.fullName,
    birthDate: child.birthDate,
    grade: child.grade,
    homeSchool: homeSchool ?? null,
    homeSchoolConfirmedAt: child.homeSchoolConfirmedAt,
    consent: consent ?? null,
    version: child.version,
    relation,
  };
}
