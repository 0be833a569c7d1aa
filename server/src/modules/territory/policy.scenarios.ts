import type { TestApp } from '../../../test/app';
import { type Scenario, nextSerial, only } from '../../../test/policy-matrix';
import { municipalities, regions } from './schema';

const operatorOnly = only({ operator: [true, true] });

/** A new municipality of the region, archived when asked; municipalities belong to nobody, so "own" and "other" are alike. */
async function freshMunicipality(t: TestApp, archived = false) {
  const [region] = await t.handle.db.select({ id: regions.id }).from(regions).limit(1);
  const [row] = await t.handle.db
    .insert(municipalities)
    .values({ regionId: region.id, name: `Муниципалитет матрицы ${nextSerial()}`, kind: 'district', centerLat: 54.8, centerLon: 20.9, archivedAt: archived ? new Date() : null })
    .returning();
  return row;
}

export const territoryScenarios: Record<string, Scenario> = {
  'POST /api/municipalities': {
    request: async () => ({ url: '/api/municipalities', body: { name: `Новый район ${nextSerial()}`, kind: 'district', subjectName: 'Тестовая область', centerLat: 54.6, centerLon: 21.1 } }),
    allowed: operatorOnly,
  },
  'PATCH /api/municipalities/:id': {
    request: async (t) => ({ url: `/api/municipalities/${(await freshMunicipality(t)).id}`, body: { name: `Переименованный район ${nextSerial()}` } }),
    allowed: operatorOnly,
  },
  'POST /api/municipalities/:id/archive': {
    request: async (t) => ({ url: `/api/municipalities/${(await freshMunicipality(t)).id}/archive` }),
    allowed: operatorOnly,
  },
  'POST /api/municipalities/:id/restore': {
    request: async (t) => ({ url: `/api/municipalities/${(await freshMunicipality(t, true)).id}/restore` }),
    allowed: operatorOnly,
  },
};
