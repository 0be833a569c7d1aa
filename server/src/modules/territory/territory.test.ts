import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { auditEntries } from '../../platform/audit/schema';

describe('municipalities', () => {
  let t: TestApp;
  let operator: Session;

  beforeAll(async () => {
    t = await openTestApp();
    operator = await t.signIn('operator');
  });
  afterAll(() => t.close());

  const names = async (query = '') => (await t.call('GET', `/api/municipalities${query}`)).json().items.map((m: { name: string }) => m.name);
  const school = (municipalityId: string, n: number) => ({ kind: 'school', fullName: `Школа территории № ${n}`, shortName: `Школа территории № ${n}`, municipalityId });

  it('the operator creates and renames a municipality; names are unique and coordinates checked', async () => {
    const created = await t.call('POST', '/api/municipalities', {
      session: operator,
      body: { name: 'Зеленоградский округ', kind: 'district', subjectName: 'Тестовая область', centerLat: 54.96, centerLon: 20.48 },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Зеленоградский округ', kind: 'district', subjectName: 'Тестовая область', centerLat: 54.96, centerLon: 20.48, archivedAt: null });
    expect(created.json().regionId).toBeUndefined();
    const id = created.json().id;

    const twice = await t.call('POST', '/api/municipalities', { session: operator, body: { name: 'Зеленоградский округ', kind: 'city', centerLat: 54, centerLon: 20 } });
    expect(twice.json()).toMatchObject({ status: 409, errors: [{ field: 'name' }] });
    const badPlace = await t.call('POST', '/api/municipalities', { session: operator, body: { name: 'Нигде', kind: 'town', centerLat: 120, centerLon: 20 } });
    expect(badPlace.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['centerLat', 'kind']);

    const renamed = await t.call('PATCH', `/api/municipalities/${id}`, { session: operator, body: { name: 'Зеленоградский муниципальный округ' } });
    expect(renamed.json()).toMatchObject({ name: 'Зеленоградский муниципальный округ', kind: 'district', centerLat: 54.96 });
    expect((await t.call('PATCH', `/api/municipalities/${id}`, { session: operator, body: { name: 'Второй район' } })).json()).toMatchObject({ status: 409, errors: [{ field: 'name' }] });
    const [entry] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, id), eq(auditEntries.action, 'municipality.updated')));
    expect(entry.before).toMatchObject({ name: 'Зеленоградский округ' });
    expect(entry.after).toMatchObject({ name: 'Зеленоградский муниципальный округ' });
    expect(await names()).toEqual(['Второй район', 'Городской округ Первый', 'Зеленоградский муниципальный округ']);
  });

  it('an archived municipality leaves the pickers, keeps its organisations and takes no new ones, until restored', async () => {
    const { id } = (await t.call('POST', '/api/municipalities', { session: operator, body: { name: 'Упразднённый район', kind: 'district', centerLat: 55, centerLon: 21 } })).json();
    const existing = await t.call('POST', '/api/organizations', { session: operator, body: school(id, 1) });
    expect(existing.statusCode).toBe(201);

    const archived = await t.call('POST', `/api/municipalities/${id}/archive`, { session: operator });
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await t.call('POST', `/api/municipalities/${id}/archive`, { session: operator })).json().archivedAt).toBe(archived.json().archivedAt);
    expect(await names()).not.toContain('Упразднённый район');
    const all = (await t.call('GET', '/api/municipalities?includeArchived=true')).json().items;
    expect(all.find((m: { id: string }) => m.id === id).archivedAt).toBe(archived.json().archivedAt);
    expect(all.find((m: { name: string }) => m.name === 'Второй район').archivedAt).toBeNull();

    const refused = await t.call('POST', '/api/organizations', { session: operator, body: school(id, 2) });
    expect(refused.json()).toMatchObject({ status: 400, errors: [{ field: 'municipalityId' }] });
    const mover = (await t.call('POST', '/api/organizations', { session: operator, body: school(t.fixtures.municipalityId, 3) })).json();
    const moved = await t.call('PATCH', `/api/organizations/${mover.id}`, { session: operator, body: { version: mover.version, municipalityId: id } });
    expect(moved.json()).toMatchObject({ status: 400, errors: [{ field: 'municipalityId' }] });
    // What is already there stays and can still be edited.
    expect((await t.call('GET', `/api/organizations/${existing.json().id}`)).json().municipalityName).toBe('Упразднённый район');
    expect((await t.call('PATCH', `/api/organizations/${existing.json().id}`, { session: operator, body: { version: existing.json().version, phone: '+7 401 000-00-00' } })).statusCode).toBe(200);

    const restored = await t.call('POST', `/api/municipalities/${id}/restore`, { session: operator });
    expect(restored.json().archivedAt).toBeNull();
    expect(await names()).toContain('Упразднённый район');
    expect((await t.call('POST', '/api/organizations', { session: operator, body: school(id, 4) })).statusCode).toBe(201);
    const actions = (await t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, id))).map((a) => a.action);
    expect(actions).toEqual(['municipality.created', 'municipality.archived', 'municipality.restored']);
  });

  it('is the operator’s alone', async () => {
    const authority = await t.signIn('authority');
    expect((await t.call('POST', '/api/municipalities', { session: authority, body: { name: 'Чужой район', kind: 'district', centerLat: 55, centerLon: 21 } })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/municipalities/${t.fixtures.municipalityId}/archive`, { session: authority })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/municipalities/${t.fixtures.municipalityId}/archive`)).statusCode).toBe(401);
    expect((await t.call('POST', '/api/municipalities/00000000-0000-4000-8000-000000000000/archive', { session: operator })).statusCode).toBe(404);
  });
});
