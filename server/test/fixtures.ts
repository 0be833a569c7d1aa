import type { Actor } from '../src/platform/context';
import type { Database } from '../src/platform/db/client';
import { russianSortKey } from '../src/algorithms/russian-sort-key';
import { hashPassword } from '../src/modules/accounts/passwords';
import { type MembershipRole, type PlatformRole, memberships, userRoles, users } from '../src/modules/accounts/schema';
import { organizations } from '../src/modules/organizations/schema';
import { municipalities, regions } from '../src/modules/territory/schema';
import { loadActor } from '../src/modules/accounts/sessions';

export const FIXTURE_PASSWORD = 'fixture-password-1';

export type FixtureRole = 'anonymous' | 'operator' | 'authority' | 'authorityElsewhere' | 'expert' | 'guardian' | 'orgAdmin' | 'teacher' | 'otherOrgAdmin';

export interface Fixtures {
  municipalityId: string;
  otherMunicipalityId: string;
  /** The organisation of `orgAdmin` and `teacher`, in the authority's municipality. */
  ownOrganizationId: string;
  /** An organisation in the other municipality, administered by `otherOrgAdmin`. */
  otherOrganizationId: string;
  emails: Record<Exclude<FixtureRole, 'anonymous'>, string>;
  actors: Record<FixtureRole, Actor | null>;
}

/** A small region: two municipalities, one organisation in each, and one account per role. */
export async function seedFixtures(db: Database): Promise<Fixtures> {
  const [region] = await db.insert(regions).values({ name: 'Тестовая область', centerLat: 54.7, centerLon: 20.5, zoom: 8 }).returning();
  const [home, other] = await db
    .insert(municipalities)
    .values([
      { regionId: region.id, name: 'Городской округ Первый', kind: 'city', subjectName: 'Тестовая область', centerLat: 54.71, centerLon: 20.51 },
      { regionId: region.id, name: 'Второй район', kind: 'district', subjectName: 'Тестовая область', centerLat: 54.9, centerLon: 21.2 },
    ])
    .returning();
  const organization = (shortName: string, municipalityId: string, inn: string) => ({
    kind: 'school' as const,
    fullName: `Муниципальное общеобразовательное учреждение «Средняя общеобразовательная школа» (${shortName})`,
    shortName,
    sortKey: russianSortKey(shortName),
    inn,
    municipalityId,
    lat: 54.7,
    lon: 20.5,
  });
  const [own, otherOrg] = await db
    .insert(organizations)
    .values([organization('СОШ № 1', home.id, '3900000016'), organization('СОШ № 2', other.id, '3900000023')])
    .returning();

  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const account = async (key: string, platformRole: PlatformRole | null, municipalityId: string | null, membership?: { organizationId: string; role: MembershipRole }) => {
    const [user] = await db.insert(users).values({ email: `${key.toLowerCase()}@test.orbita`, passwordHash, fullName: `Пользователь ${key}`, municipalityId }).returning();
    if (platformRole) await db.insert(userRoles).values({ userId: user.id, role: platformRole });
    if (membership) await db.insert(memberships).values({ userId: user.id, ...membership });
    return user;
  };
  const accounts = {
    operator: await account('operator', 'operator', null),
    authority: await account('authority', 'authority', home.id),
    authorityElsewhere: await account('authorityElsewhere', 'authority', other.id),
    expert: await account('expert', 'expert', null),
    guardian: await account('guardian', 'guardian', null),
    orgAdmin: await account('orgAdmin', null, null, { organizationId: own.id, role: 'org_admin' }),
    teacher: await account('teacher', null, null, { organizationId: own.id, role: 'teacher' }),
    otherOrgAdmin: await account('otherOrgAdmin', null, null, { organizationId: otherOrg.id, role: 'org_admin' }),
  };
  const actors = { anonymous: null } as Record<FixtureRole, Actor | null>;
  const emails = {} as Fixtures['emails'];
  for (const [role, user] of Object.entries(accounts) as [Exclude<FixtureRole, 'anonymous'>, typeof users.$inferSelect][]) {
    actors[role] = await loadActor(db, user);
    emails[role] = user.email;
  }
  return { municipalityId: home.id, otherMunicipalityId: other.id, ownOrganizationId: own.id, otherOrganizationId: otherOrg.id, emails, actors };
}
