import type { TestApp } from '../../../test/app';
import type { Target } from '../../../test/policy-matrix';
import { nextSerial } from '../../../test/policy-matrix';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { organizations } from '../organizations/schema';
import { insertPractice } from '../practices/practice.testkit';
import { recordAdoption } from './record-adoption';

/** A school nobody of the fixtures works in: the author of the practices others adopt. */
export async function authorSchool(t: TestApp) {
  const shortName = `Школа-автор ${nextSerial()}`;
  const [org] = await t.handle.db
    .insert(organizations)
    .values({ kind: 'school', fullName: `${shortName} полное`, shortName, sortKey: russianSortKey(shortName), municipalityId: t.fixtures.otherMunicipalityId, lat: 54.9, lon: 21.2 })
    .returning();
  return org;
}

/** A published practice of a fresh author school. */
export async function adoptablePractice(t: TestApp) {
  return insertPractice(t, (await authorSchool(t)).id, { publish: true });
}

/** "own": the fixtures' own organisation (orgAdmin, teacher); "other": otherOrgAdmin's. */
export const adopterOf = (t: TestApp, target: Target) => (target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId);

/** An adoption of a fresh practice by the target's organisation, recorded through the command by its head. */
export async function insertAdoption(t: TestApp, target: Target) {
  const practice = await adoptablePractice(t);
  const actor = t.fixtures.actors[target === 'own' ? 'orgAdmin' : 'otherOrgAdmin'];
  return recordAdoption({ db: t.handle.db, actor, ip: null }, practice.id, { organizationId: adopterOf(t, target), startedOn: '2025-09-01', changes: 'Уроки математики ведём по модели практики', needIds: [] });
}
