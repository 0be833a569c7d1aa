import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../platform/audit/record-audit';
import type { CommandContext } from '../platform/context';
import type { Database } from '../platform/db/client';
import { russianSortKey } from '../algorithms/russian-sort-key';
import { createUser } from '../modules/accounts/create-user';
import { userRoles, users } from '../modules/accounts/schema';
import { organizations } from '../modules/organizations/schema';
import { municipalities, regions } from '../modules/territory/schema';
import { demoAccounts, demoMunicipalities, demoOrganizations, demoRegion } from '../modules/organizations/demo/demo-region';
import { demoHeads } from './demo-heads';
import { seedDemoExchanges, seedDemoInventory } from './seed-demo-inventory';
import { seedDemoNetworks } from './seed-demo-networks';
import { seedDemoConsultations, seedDemoEventMaterials } from './seed-demo-consultations';
import { seedDemoCouncilVotes } from './seed-demo-council-votes';
import { seedDemoProgrammes } from './seed-demo-programmes';
import { seedDemoFamilies } from './seed-demo-families';
import { seedDemoEnrolments } from './seed-demo-enrolments';
import { seedDemoCampaign } from './seed-demo-campaigns';
import { seedDemoPeople } from './seed-demo-people';
import { seedDemoEvents } from './seed-demo-events';
import { seedDemoCertificates } from './seed-demo-certificates';
import { seedDemoPractices } from './seed-demo-practices';
import { seedDemoAdoptions } from './seed-demo-adoptions';
import { seedDemoPracticeReviews } from './seed-demo-practice-reviews';
import { generateOrganizations } from './synthetic-organizations';

export async function isDatabaseEmpty(db: Database) {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(regions);
  return Number(count) === 0;
}

/** Loads the demo region built from the seed documents: municipalities, organisations and one account per role. */
export async function seedDemoRegion(context: CommandContext) {
  const { db } = context;
  const [region] = await db.insert(regions).values(demoRegion).returning();
  const insertedMunicipalities = await db
    .insert(municipalities)
    .values(demoMunicipalities.map(({ key: _key, ...m }) => ({ ...m, regionId: region.id })))
    .returning();
  const municipalityIds = new Map(demoMunicipalities.map((m, i) => [m.key, insertedMunicipalities[i].id]));
  const insertedOrganizations = await db
    .insert(organizations)
    .values(
      demoOrganizations.map(({ key: _key, municipality, website, ...o }) => ({
        ...o,
        website: website ?? '',
        municipalityId: municipalityIds.get(municipality)!,
        sortKey: russianSortKey(o.shortName),
        state: 'verified' as const,
      })),
    )
    .returning({ id: organizations.id });
  const organizationIds = new Map(demoOrganizations.map((o, i) => [o.key, insertedOrganizations[i].id]));
  for (const account of demoAccounts) {
    await createUser(context, {
      email: account.email,
      password: account.password,
      fullName: account.fullName,
      platformRoles: account.platformRole ? [account.platformRole] : [],
      municipalityId: account.municipality ? municipalityIds.get(account.municipality)! : null,
      memberships: account.memberships.map((m) => ({ organizationId: organizationIds.get(m.organization)!, role: m.role })),
    });
  }
  const operator = demoAccounts.find((a) => a.platformRole === 'operator')!;
  const heads = await demoHeads(db, organizationIds, operator.password);
  // Inventories before the networks: the launched network's inventory step is proven by its members' records.
  const inventory = await seedDemoInventory(db, heads);
  const networkIds = await seedDemoNetworks(db, heads, operator.email, operator.password);
  await seedDemoCouncilVotes(db, heads, networkIds, operator.email);
  const exchanges = await seedDemoExchanges(db, heads, inventory, networkIds, operator.password);
  // Seed 002: the Kekin gymnasium's consultations for Поречская школа (one held, one awaiting a choice of time, one new).
  const consultations = await seedDemoConsultations(db, heads, networkIds);
  // Programmes after the networks (a programme is offered in its provider's networks), families after the programmes (they live near them).
  const { programmeIds } = await seedDemoProgrammes(db, heads, networkIds);
  const families = await seedDemoFamilies(db, programmeIds);
  const enrolled = await seedDemoEnrolments(db, heads, programmeIds, families);
  await seedDemoCampaign(db, heads, programmeIds);
  // People last: one invitation takes a teacher of the lyceum into a second school, which the seeds above do not expect.
  const people = await seedDemoPeople(db, heads, municipalityIds, operator.password);
  const events = await seedDemoEvents(db, heads, networkIds, operator.password);
  // The Altai seminar after the door: attendance and certificates (the check-in and certificates areas).
  await seedDemoCertificates(db, heads, events);
  // …and its resource package and survey answers (the materials and feedback areas).
  await seedDemoEventMaterials(db, heads, events);
  // The library of practices (issue 17): published, submitted and draft practices of the seeds' schools.
  const practices = await seedDemoPractices(db, heads);
  // …and who adopts them: the Kekin gymnasium's satellites and schools of three other regions.
  const adoptions = await seedDemoAdoptions(db, heads);
  // …and their expert review: a region rubric, a round with two composites published and one practice under review.
  await seedDemoPracticeReviews(db, operator.email);
  const counts = {
    municipalities: insertedMunicipalities.length,
    organizations: insertedOrganizations.length,
    accounts: demoAccounts.length,
    networks: networkIds.size,
    offers: inventory.offerIds.size,
    needs: inventory.needIds.size,
    exchanges: exchanges.exchanges,
    consultations: consultations.consultations,
    programmes: Object.keys(programmeIds).length,
    children: families.demoGuardianChildren.length + families.otherChildren.length,
    enrolments: enrolled.enrolments,
    invitations: people.invitations,
    events: Object.keys(events).length,
    practices: practices.practices,
    adoptions: adoptions.adoptions,
  };
  await recordAudit(db, context, { action: 'region.seeded_demo', entityType: 'region', entityId: region.id, after: counts });
  return counts;
}

/** Adds `count` synthetic organisations to the region's municipalities (creating a synthetic region in an empty database). */
export async function seedSyntheticOrganizations(context: CommandContext, count: number) {
  const { db } = context;
  let targets = await db.select().from(municipalities);
  if (!targets.length) {
    const [region] = await db.insert(regions).values({ name: 'Синтетический регион', centerLat: 56.0, centerLon: 40.0, zoom: 7 }).returning();
    targets = await db
      .insert(municipalities)
      .values(Array.from({ length: 20 }, (_, i) => ({ regionId: region.id, name: `Муниципальный район ${i + 1}`, kind: 'district' as const, centerLat: 55 + (i % 5) * 0.5, centerLon: 38 + Math.floor(i / 5) * 0.8 })))
      .returning();
  }
  const [{ existing }] = await db.select({ existing: sql<number>`count(*)::int` }).from(organizations);
  const rows = generateOrganizations(count, targets, Number(existing) + 1).map(({ municipalityName: _name, ...o }) => ({
    ...o,
    sortKey: russianSortKey(o.shortName),
  }));
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(organizations).values(rows.slice(i, i + 1000));
    await recordAudit(tx, context, { action: 'organization.seeded_synthetic', entityType: 'organization', entityId: null, after: { count } });
  });
  return { organizations: rows.length };
}

/** Creates the first operator account from configuration when the platform has none yet. */
export async function ensureInitialOperator(context: CommandContext, operator: { email: string; password: string } | null) {
  if (!operator) return false;
  const [existing] = await context.db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'operator')).limit(1);
  if (existing) return false;
  await createUser(context, { ...operator, fullName: 'Оператор платформы', platformRoles: ['operator'], municipalityId: null, memberships: [] });
  return true;
}
