import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { resourceNeeds } from '../inventory/schema';
import { organizations } from '../organizations/schema';
import { loadVisiblePractice } from '../practices/access';
import { practiceOrganizations } from '../practices/schema';
import { municipalities } from '../territory/schema';
import { adoptionPolicy } from './policy';
import { practiceAdoptionNeeds, practiceAdoptions } from './schema';

/**
 * «Кто внедрил» on a practice's card: every school that records adopting it — where it is (municipality, point for
 * the map), since when, what it changes, what came of it — to whoever sees the practice. The needs each adoption
 * answers are shown to the signed-in only, as needs themselves are. For a signed-in caller, also the organisations
 * they may adopt it for (they work there, it is not theirs, not yet adopted) with those organisations' open needs.
 */
export async function listPracticeAdoptions(context: CommandContext, practiceId: string) {
  const { db, actor } = context;
  const practice = await loadVisiblePractice(db, actor, practiceId);
  const rows = await db
    .select({
      id: practiceAdoptions.id,
      version: practiceAdoptions.version,
      state: practiceAdoptions.state,
      startedOn: practiceAdoptions.startedOn,
      changes: practiceAdoptions.changes,
      results: practiceAdoptions.results,
      resultsOn: practiceAdoptions.resultsOn,
      figures: practiceAdoptions.figures,
      stoppedOn: practiceAdoptions.stoppedOn,
      stopReason: practiceAdoptions.stopReason,
      organization: { id: organizations.id, shortName: organizations.shortName, lat: organizations.lat, lon: organizations.lon, kind: organizations.kind },
      municipality: { id: municipalities.id, name: municipalities.name },
    })
    .from(practiceAdoptions)
    .innerJoin(organizations, eq(organizations.id, practiceAdoptions.organizationId))
    .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
    .where(eq(practiceAdoptions.practiceId, practiceId))
    .orderBy(desc(practiceAdoptions.startedOn), asc(organizations.sortKey));
  const needs =
    actor && rows.length
      ? await db
          .select({ adoptionId: practiceAdoptionNeeds.adoptionId, id: resourceNeeds.id, title: resourceNeeds.title, category: resourceNeeds.category })
          .from(practiceAdoptionNeeds)
          .innerJoin(resourceNeeds, eq(resourceNeeds.id, practiceAdoptionNeeds.needId))
          .where(
            inArray(
              practiceAdoptionNeeds.adoptionId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(resourceNeeds.title))
      : [];
  return {
    adoptions: rows.map((row) => ({
      ...row,
      needs: actor ? needs.filter((n) => n.adoptionId === row.id).map(({ adoptionId: _adoption, ...need }) => need) : null,
      canUpdate: !!actor && adoptionPolicy.record(actor, row.organization.id),
    })),
    adoptableOrganizations: practice.state === 'published' ? await adoptableOrganizations(context, practiceId, rows.map((r) => r.organization.id)) : [],
  };
}

/** The organisations the caller works in that may still adopt the practice, each with its open needs to pick from. */
async function adoptableOrganizations(context: CommandContext, practiceId: string, adopted: string[]) {
  const { db, actor } = context;
  if (!actor) return [];
  const owners = await db.select({ id: practiceOrganizations.organizationId }).from(practiceOrganizations).where(eq(practiceOrganizations.practiceId, practiceId));
  const excluded = [...adopted, ...owners.map((o) => o.id)];
  const candidates = [...new Set(actor.memberships.map((m) => m.organizationId))].filter((id) => !excluded.includes(id));
  if (!candidates.length) return [];
  const orgs = await db
    .select({ id: organizations.id, shortName: organizations.shortName })
    .from(organizations)
    .where(inArray(organizations.id, candidates))
    .orderBy(asc(organizations.sortKey));
  const openNeeds = await db
    .select({ organizationId: resourceNeeds.organizationId, id: resourceNeeds.id, title: resourceNeeds.title, category: resourceNeeds.category })
    .from(resourceNeeds)
    .where(and(inArray(resourceNeeds.organizationId, candidates), eq(resourceNeeds.state, 'active')))
    .orderBy(asc(resourceNeeds.title));
  return orgs.map((org) => ({ ...org, needs: openNeeds.filter((n) => n.organizationId === org.id).map(({ organizationId: _org, ...need }) => need) }));
}
