import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { memberships } from '../accounts/schema';
import { organizations } from './schema';

describe('organization registry', () => {
  let t: TestApp;
  let operator: Session;
  let orgAdmin: Session;
  const created: Record<string, { id: string; version: number }> = {};

  const validOrganization = (overrides: Record<string, unknown> = {}) => ({
    kind: 'gymnasium',
    fullName: 'Муниципальное автономное общеобразовательное учреждение «Гимназия № 49»',
    shortName: 'Гимназия № 49',
    municipalityId: t.fixtures.municipalityId,
    address: 'г. Тюмень, ул. Ленина, 25',
    lat: 57.15,
    lon: 65.53,
    statuses: ['innovation_site'],
    description: 'Центр работы с одарёнными детьми, инновационная площадка.',
    ...overrides,
  });

  beforeAll(async () => {
    t = await openTestApp();
    operator = await t.signIn('operator');
    orgAdmin = await t.signIn('orgAdmin');
    for (const [key, body] of Object.entries({
      gymnasium: {},
      library: { kind: 'library', fullName: 'Центральная городская библиотека имени А. С. Пушкина', shortName: 'Библиотека им. Пушкина', statuses: [], description: 'Читальный зал и абонемент' },
      ёлочка: { kind: 'preschool', fullName: 'Детский сад «Ёлочка»', shortName: 'Детский сад «Ёлочка»', statuses: [], description: '' },
    })) {
      const response = await t.call('POST', '/api/organizations', { session: operator, body: validOrganization(body) });
      expect(response.statusCode, response.body).toBe(201);
      created[key] = response.json();
    }
  });
  afterAll(() => t.close());

  it('finds organisations by Russian word forms: «школы» finds «школа», «гимназии» finds «Гимназия»', async () => {
    const schools = (await t.call('GET', '/api/organizations?q=школы')).json();
    expect(schools.items.map((o: { shortName: string }) => o.shortName).sort()).toEqual(['СОШ № 1', 'СОШ № 2'].sort());
    const gymnasiums = (await t.call('GET', `/api/organizations?q=${encodeURIComponent('гимназии')}`)).json();
    expect(gymnasiums.items.map((o: { id: string }) => o.id)).toEqual([created.gymnasium.id]);
    const byPrefix = (await t.call('GET', `/api/organizations?q=${encodeURIComponent('библ')}`)).json();
    expect(byPrefix.items.map((o: { id: string }) => o.id)).toEqual([created.library.id]);
  });

  it('filters by kind, municipality and status, and sorts in Russian alphabetical order', async () => {
    const inOther = (await t.call('GET', `/api/organizations?municipalityId=${t.fixtures.otherMunicipalityId}`)).json();
    expect(inOther.items.map((o: { shortName: string }) => o.shortName)).toEqual(['СОШ № 2']);
    const innovation = (await t.call('GET', '/api/organizations?status=innovation_site')).json();
    expect(innovation.total).toBe(1);
    const libraries = (await t.call('GET', '/api/organizations?kind=library')).json();
    expect(libraries.items[0].municipalityName).toBe('Городской округ Первый');
    const names = (await t.call('GET', '/api/organizations?sort=name')).json().items.map((o: { shortName: string }) => o.shortName);
    expect(names).toEqual(['Библиотека им. Пушкина', 'Гимназия № 49', 'Детский сад «Ёлочка»', 'СОШ № 1', 'СОШ № 2']);
    const reversed = (await t.call('GET', '/api/organizations?sort=-name')).json().items.map((o: { shortName: string }) => o.shortName);
    expect(reversed).toEqual([...names].reverse());
  });

  it('paginates with a total count', async () => {
    const page2 = (await t.call('GET', '/api/organizations?sort=name&page=2&pageSize=2')).json();
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items.map((o: { shortName: string }) => o.shortName)).toEqual(['Детский сад «Ёлочка»', 'СОШ № 1']);
  });

  it('answers bad filters with a Russian problem', async () => {
    const response = await t.call('GET', '/api/organizations?kind=castle&pageSize=1000');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'pageSize']);
  });

  it('returns map markers only for organisations with coordinates', async () => {
    const map = (await t.call('GET', '/api/organizations/map?kind=school')).json();
    expect(map.items).toHaveLength(2);
    expect(map.items[0]).toEqual(expect.objectContaining({ lat: expect.any(Number), lon: expect.any(Number), shortName: expect.any(String) }));
  });

  it('shows a card with the permissions of the caller', async () => {
    const asAdmin = (await t.call('GET', `/api/organizations/${t.fixtures.ownOrganizationId}`, { session: orgAdmin })).json();
    expect(asAdmin.permissions).toEqual({ canEdit: true, canVerify: false, canArchive: false, canMerge: false });
    const anonymous = (await t.call('GET', `/api/organizations/${t.fixtures.ownOrganizationId}`)).json();
    expect(anonymous.permissions).toEqual({ canEdit: false, canVerify: false, canArchive: false, canMerge: false });
    expect(anonymous).not.toHaveProperty('searchVector');
    expect((await t.call('GET', '/api/organizations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('rejects invalid input field by field and writes nothing', async () => {
    const before = await t.handle.db.select().from(organizations);
    const response = await t.call('POST', '/api/organizations', {
      session: operator,
      body: validOrganization({ inn: '1234567890', email: 'not-an-email', lat: 95, fullName: '' }),
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'fullName', 'inn', 'lat']);
    expect(response.json().errors.find((e: { field: string }) => e.field === 'inn').message).toContain('ИНН');
    expect(await t.handle.db.select().from(organizations)).toHaveLength(before.length);
  });

  it('refuses a second organisation with the same INN and names the field', async () => {
    const response = await t.call('POST', '/api/organizations', { session: operator, body: validOrganization({ inn: '3900000016', shortName: 'Дубль' }) });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors).toEqual([{ field: 'inn', message: 'Организация с таким ИНН уже есть в реестре' }]);
  });

  it('lets an org admin edit the card of their own organisation, and audits before/after', async () => {
    const card = (await t.call('GET', `/api/organizations/${t.fixtures.ownOrganizationId}`)).json();
    const response = await t.call('PATCH', `/api/organizations/${card.id}`, { session: orgAdmin, body: { version: card.version, phone: '+7 (4012) 21-00-01', website: 'https://school1.example.ru' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ phone: '+7 (4012) 21-00-01', fullName: card.fullName, version: card.version + 1 });
    const [entry] = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'organization.updated'));
    expect((entry.before as { phone: string }).phone).toBe('');
    expect((entry.after as { phone: string }).phone).toBe('+7 (4012) 21-00-01');
    expect(entry.actorId).toBe(t.fixtures.actors.orgAdmin!.userId);
    expect(entry.actorIp).toBe('127.0.0.1');
  });

  it('keeps registry fields (statuses, INN, municipality) out of an org admin’s reach', async () => {
    const card = (await t.call('GET', `/api/organizations/${t.fixtures.ownOrganizationId}`)).json();
    const response = await t.call('PATCH', `/api/organizations/${card.id}`, { session: orgAdmin, body: { version: card.version, statuses: ['innovation_site'] } });
    expect(response.statusCode).toBe(403);
    const after = (await t.call('GET', `/api/organizations/${card.id}`)).json();
    expect(after.statuses).toEqual([]);
  });

  it('lets exactly one of two simultaneous edits of the same version win; the other gets 409', async () => {
    const card = (await t.call('GET', `/api/organizations/${created.library.id}`)).json();
    const [a, b] = await Promise.all([
      t.call('PATCH', `/api/organizations/${card.id}`, { session: operator, body: { version: card.version, headName: 'Петрова Анна Ивановна' } }),
      t.call('PATCH', `/api/organizations/${card.id}`, { session: operator, body: { version: card.version, headName: 'Сидорова Ольга Павловна' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().detail).toContain('другой пользователь');
    const final = (await t.call('GET', `/api/organizations/${card.id}`)).json();
    expect(final.version).toBe(card.version + 1);
  });

  it('verifies and archives; archived organisations leave the default list', async () => {
    const card = (await t.call('GET', `/api/organizations/${created.ёлочка.id}`)).json();
    const verified = await t.call('POST', `/api/organizations/${card.id}/verify`, { session: operator, body: { version: card.version } });
    expect(verified.json().state).toBe('verified');
    const again = await t.call('POST', `/api/organizations/${card.id}/verify`, { session: operator, body: { version: verified.json().version } });
    expect(again.statusCode).toBe(409);
    const archived = await t.call('POST', `/api/organizations/${card.id}/archive`, { session: operator, body: { version: verified.json().version } });
    expect(archived.json().state).toBe('archived');
    const list = (await t.call('GET', '/api/organizations?q=Ёлочка')).json();
    expect(list.total).toBe(0);
    expect((await t.call('GET', '/api/organizations?q=Ёлочка&state=all')).json().total).toBe(1);
  });

  it('merges a duplicate: members move over, identifiers are inherited, the duplicate is archived with a pointer', async () => {
    const duplicate = await t.call('POST', '/api/organizations', {
      session: operator,
      body: validOrganization({ shortName: 'Гимназия 49 (дубль)', inn: '7707083893', statuses: ['consultant'] }),
    });
    const duplicateId = duplicate.json().id;
    await t.handle.db.insert(memberships).values({ userId: t.fixtures.actors.teacher!.userId, organizationId: duplicateId, role: 'teacher' });
    const merged = await t.call('POST', `/api/organizations/${created.gymnasium.id}/merge`, { session: operator, body: { duplicateId } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ inn: '7707083893', statuses: ['innovation_site', 'consultant'] });
    const gone = (await t.call('GET', `/api/organizations/${duplicateId}`)).json();
    expect(gone).toMatchObject({ state: 'archived', mergedIntoId: created.gymnasium.id, inn: null });
    const moved = await t.handle.db.select().from(memberships).where(eq(memberships.organizationId, created.gymnasium.id));
    expect(moved.map((m) => m.userId)).toEqual([t.fixtures.actors.teacher!.userId]);
    const self = await t.call('POST', `/api/organizations/${created.gymnasium.id}/merge`, { session: operator, body: { duplicateId: created.gymnasium.id } });
    expect(self.statusCode).toBe(400);
  });
});

describe('organization fields', () => {
  it('treat null as a cleared text field and leave absent fields alone', async () => {
    const { organizationChanges } = await import('./fields');
    expect(organizationChanges.parse({ phone: null, website: null, inn: null })).toEqual({ phone: '', website: '', inn: null });
    expect(organizationChanges.parse({ shortName: ' Лицей ' })).toEqual({ shortName: 'Лицей' });
  });
});
