import { and, eq, inArray, ne } from 'drizzle-orm';
import type { CommandContext } from '../platform/context';
import type { Database } from '../platform/db/client';
import { userRoles, users } from '../modules/accounts/schema';
import { loadActor } from '../modules/accounts/sessions';
import { homeSchoolKinds } from '../modules/families/child-fields';
import { CONSENT_TEXT_HASH, CONSENT_TEXT_VERSION } from '../modules/families/consent-text';
import { confirmHomeSchool } from '../modules/families/confirm-home-school';
import { createChild } from '../modules/families/create-child';
import { giveConsent } from '../modules/families/give-consent';
import { childConsents, children } from '../modules/families/schema';
import { demoOrganizations } from '../modules/organizations/demo/demo-region';
import { organizations } from '../modules/organizations/schema';
import { municipalities } from '../modules/territory/schema';
import { programmes } from '../modules/programmes/schema';

export const DEMO_GUARDIAN_EMAIL = 'guardian@orbita.demo';
/** Enough families that each town's programmes get a roster, a waitlist and students pages. */
const SYNTHETIC_FAMILIES = 45;
/** The demo director heads this lyceum, so the demo guardian's children show on its students page. */
const DEMO_SCHOOL_KEY = 'kld-lyceum-23';
const DEMO_DIRECTOR_EMAIL = 'director@orbita.demo';

export interface DemoChild {
  id: string;
  guardianUserId: string;
  grade: number;
  homeSchoolId: string;
}

/** [male, female] surname forms, first names and patronymics of the synthetic families. */
const surnames: [string, string][] = [
  ['Смирнов', 'Смирнова'], ['Иванов', 'Иванова'], ['Попов', 'Попова'], ['Соколов', 'Соколова'], ['Лебедев', 'Лебедева'],
  ['Козлов', 'Козлова'], ['Новиков', 'Новикова'], ['Морозов', 'Морозова'], ['Волков', 'Волкова'], ['Соловьёв', 'Соловьёва'],
  ['Васильев', 'Васильева'], ['Зайцев', 'Зайцева'], ['Павлов', 'Павлова'], ['Семёнов', 'Семёнова'], ['Голубев', 'Голубева'],
  ['Виноградов', 'Виноградова'], ['Богданов', 'Богданова'], ['Воробьёв', 'Воробьёва'], ['Фёдоров', 'Фёдорова'], ['Михайлов', 'Михайлова'],
];
const boys = ['Александр', 'Максим', 'Иван', 'Михаил', 'Матвей', 'Даниил', 'Егор', 'Кирилл', 'Тимофей', 'Лев'];
const girls = ['Анна', 'Мария', 'София', 'Виктория', 'Алиса', 'Полина', 'Ева', 'Варвара', 'Ксения', 'Милана'];
const mothers = ['Елена', 'Наталья', 'Ирина', 'Светлана', 'Юлия', 'Татьяна', 'Ольга', 'Екатерина', 'Анастасия', 'Марина'];
const patronymics = ['Александровна', 'Сергеевна', 'Андреевна', 'Викторовна', 'Игоревна', 'Олеговна', 'Дмитриевна', 'Николаевна', 'Павловна', 'Юрьевна'];

/**
 * Demo families. The demo guardian (Кузнецова Ольга Петровна) registers two children at the demo
 * director's lyceum through the same commands a parent uses, gives consent, and the director confirms
 * one of them — the other waits on the school's students page. Synthetic families follow, inserted
 * directly, with children in grades 5–9 at schools of the programmes' municipalities, so rosters and
 * students pages look real. Enrolling them is the caller's business; their ids are returned for that.
 */
export async function seedDemoFamilies(db: Database, programmeIds: Record<string, string>) {
  const [guardianUser] = await db.select().from(users).where(eq(users.email, DEMO_GUARDIAN_EMAIL));
  const [directorUser] = await db.select().from(users).where(eq(users.email, DEMO_DIRECTOR_EMAIL));
  const demoSchool = demoOrganizations.find((o) => o.key === DEMO_SCHOOL_KEY)!;
  const [lyceum] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.inn, demoSchool.inn!));

  const asGuardian: CommandContext = { db, actor: await loadActor(db, guardianUser), ip: 'seed' };
  const asDirector: CommandContext = { db, actor: await loadActor(db, directorUser), ip: 'seed' };
  const artyom = await createChild(asGuardian, { fullName: 'Кузнецов Артём Сергеевич', birthDate: '2013-04-17', grade: 7, homeSchoolId: lyceum.id });
  const darya = await createChild(asGuardian, { fullName: 'Кузнецова Дарья Сергеевна', birthDate: '2011-10-02', grade: 9, homeSchoolId: lyceum.id });
  for (const child of [artyom, darya]) await giveConsent(asGuardian, child.id, { textVersion: CONSENT_TEXT_VERSION });
  await confirmHomeSchool(asDirector, darya.id, { version: darya.version });
  const demoGuardianChildren: DemoChild[] = [artyom, darya].map((c) => ({ id: c.id, guardianUserId: guardianUser.id, grade: c.grade!, homeSchoolId: lyceum.id }));

  // Schools where the programmes are offered or held: families live near the programmes they enrol in.
  const ids = Object.values(programmeIds);
  const places = ids.length
    ? await db.select({ providerId: programmes.organizationId, venueId: programmes.venueOrganizationId }).from(programmes).where(inArray(programmes.id, ids))
    : [];
  const placeIds = [...new Set(places.flatMap((p) => (p.venueId ? [p.providerId, p.venueId] : [p.providerId])))];
  const municipalityIds = placeIds.length
    ? [...new Set((await db.select({ municipalityId: organizations.municipalityId }).from(organizations).where(inArray(organizations.id, placeIds))).map((o) => o.municipalityId))]
    : [];
  const schools = await db
    .select({ id: organizations.id, subject: municipalities.subjectName })
    .from(organizations)
    .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
    .where(
      and(
        inArray(organizations.kind, homeSchoolKinds.filter((kind) => kind !== 'preschool')),
        municipalityIds.length ? inArray(organizations.municipalityId, municipalityIds) : undefined,
        ne(organizations.state, 'archived'),
      ),
    )
    .orderBy(organizations.sortKey);
  // The director's lyceum first, so its students page shows synthetic students besides the demo family;
  // then one school of each of the region's parts in turn, so every part where programmes run has as many families.
  const byPart = new Map<string, string[]>();
  for (const school of schools) if (school.id !== lyceum.id) byPart.set(school.subject, [...(byPart.get(school.subject) ?? []), school.id]);
  const parts = [...byPart.values()];
  const schoolIds = [lyceum.id, ...Array.from({ length: SYNTHETIC_FAMILIES }, (_, i) => parts[i % parts.length][Math.floor(i / parts.length) % parts[i % parts.length].length])];

  const guardianRows = await db
    .insert(users)
    .values(
      Array.from({ length: SYNTHETIC_FAMILIES }, (_, i) => ({
        email: `family${String(i + 1).padStart(2, '0')}@families.orbita.demo`,
        // No password: synthetic parents never sign in.
        passwordHash: null,
        // Each round through the surnames shifts the first names, so no two parents share a full name in the people list.
        fullName: `${surnames[i % surnames.length][1]} ${mothers[(i + Math.floor(i / surnames.length)) % mothers.length]} ${patronymics[(i * 3) % patronymics.length]}`,
      })),
    )
    .returning({ id: users.id });
  await db.insert(userRoles).values(guardianRows.map((g) => ({ userId: g.id, role: 'guardian' as const })));
  const childValues = guardianRows.flatMap((guardian, i) => {
    const [male, female] = surnames[i % surnames.length];
    const count = i % 4 === 0 ? 2 : 1;
    return Array.from({ length: count }, (_, k) => {
      const girl = (i + k) % 2 === 1;
      // Each round through the surnames shifts the first names, so no two children share a full name.
      const name = i + k + 3 * Math.floor(i / surnames.length);
      const grade = 5 + ((i * 2 + k * 3) % 5);
      return {
        guardianUserId: guardian.id,
        fullName: `${girl ? female : male} ${girl ? girls[name % girls.length] : boys[name % boys.length]}`,
        grade,
        homeSchoolId: schoolIds[(i + k) % schoolIds.length],
        // Most schools have confirmed their students by autumn; a few are still waiting.
        homeSchoolConfirmedAt: (i + k) % 3 === 2 ? null : new Date('2026-09-05T09:00:00Z'),
      };
    });
  });
  const inserted = await db.insert(children).values(childValues).returning();
  await db.insert(childConsents).values(
    inserted.map((child) => ({ childId: child.id, guardianUserId: child.guardianUserId, textVersion: CONSENT_TEXT_VERSION, textHash: CONSENT_TEXT_HASH, givenFromIp: 'seed' })),
  );
  const otherChildren: DemoChild[] = inserted.map((c) => ({ id: c.id, guardianUserId: c.guardianUserId, grade: c.grade!, homeSchoolId: c.homeSchoolId! }));
  return { demoGuardianChildren, otherChildren };
}
