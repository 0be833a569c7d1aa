import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { memberships } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { resourceOffers } from './schema';

describe('inventory: resources and needs of an organisation', () => {
  let t: TestApp;
  let head: Session;
  let ownId: string;
  let otherId: string;

  beforeAll(async () => {
    t = await openTestApp();
    head = await t.signIn('orgAdmin');
    ownId = t.fixtures.ownOrganizationId;
    otherId = t.fixtures.otherOrganizationId;
  });
  afterAll(() => t.close());

  const offerCount = async () => Number((await t.handle.db.select({ n: count() }).from(resourceOffers))[0].n);
  const auditCount = async () => Number((await t.handle.db.select({ n: count() }).from(auditEntries))[0].n);
  const robotics = {
    category: 'facilities',
    title: 'Лаборатория робототехники',
    description: 'Наборы LEGO Education и Arduino, 12 рабочих мест',
    tags: [' Робототехника ', 'программирование', 'робототехника', ''],
    conditions: 'exchange',
    mobility: 'on_site',
    weekdays: [5, 1, 3, 3],
    availableFrom: '2025-09-01',
    availableTo: '2026-05-31',
    capacity: 12,
  };

  it('lets the head record a resource: tags normalised, weekdays sorted, audited', async () => {
    const response = await t.call('POST', `/api/organizations/${ownId}/offers`, { session: head, body: robotics });
    expect(response.statusCode, response.body).toBe(201);
    const offer = response.json();
    expect(offer).toMatchObject({
      organizationId: ownId,
      category: 'facilities',
      tags: ['робототехника', 'программирование'],
      weekdays: [1, 3, 5],
      availableFrom: '2025-09-01',
      availableTo: '2026-05-31',
      capacity: 12,
      state: 'active',
      version: 1,
    });
    expect(Object.keys(offer).sort()).toEqual(
      ['id', 'organizationId', 'category', 'title', 'description', 'tags', 'conditions', 'mobility', 'weekdays', 'availableFrom', 'availableTo', 'capacity', 'state', 'version', 'updatedAt'].sort(),
    );
    const [entry] = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, offer.id));
    expect(entry).toMatchObject({ action: 'resource_offer.created', entityType: 'resource_offer', actorId: t.fixtures.actors.orgAdmin!.userId });
  });

  it('refuses bad input field by field in Russian and writes nothing', async () => {
    const before = [await offerCount(), await auditCount()];
    const response = await t.call('POST', `/api/organizations/${ownId}/offers`, {
      session: head,
      body: { category: 'pool', title: 'Ба', tags: Array.from({ length: 21 }, (_, i) => `тег ${i}`), weekdays: [0, 8], capacity: -1, availableFrom: '01.09.2025' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const messages = Object.fromEntries(response.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(messages).toMatchObject({
      category: expect.stringContaining('Выберите категорию'),
      title: 'Назовите ресурс (не короче 3 символов)',
      tags: 'Не больше 20 направлений',
      'weekdays.0': 'День недели — от 1 (пн) до 7 (вс)',
      'weekdays.1': 'День недели — от 1 (пн) до 7 (вс)',
      capacity: 'Вместимость не может быть отрицательной',
      availableFrom: 'Доступно с: дата в формате ГГГГ-ММ-ДД',
    });
    const longTag = await t.call('POST', `/api/organizations/${ownId}/needs`, { session: head, body: { category: 'staff', title: 'Учитель химии', tags: ['х'.repeat(61)] } });
    expect(longTag.json().errors).toEqual([{ field: 'tags', message: 'Каждое направление — не длиннее 60 символов' }]);
    const reversed = await t.call('POST', `/api/organizations/${ownId}/offers`, { session: head, body: { ...robotics, availableFrom: '2026-06-01', availableTo: '2026-05-31' } });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toEqual([{ field: 'availableTo', message: 'Окончание не может быть раньше начала' }]);
    expect([await offerCount(), await auditCount()]).toEqual(before);
  });

  it('edits under optimistic concurrency: the stale form gets 409, a no-op keeps the version, the period is judged on the merged record', async () => {
    const offer = (await t.call('POST', `/api/organizations/${ownId}/offers`, { session: head, body: { category: 'facilities', title: 'Бассейн' } })).json();
    expect(offer).toMatchObject({ conditions: 'free', mobility: 'on_site', tags: [], weekdays: [], capacity: null, description: '' });
    const edited = await t.call('PATCH', `/api/offers/${offer.id}`, { session: head, body: { version: 1, capacity: 20, availableTo: '2026-05-31' } });
    expect(edited.json()).toMatchObject({ version: 2, capacity: 20, availableTo: '2026-05-31' });

    const stale = await t.call('PATCH', `/api/offers/${offer.id}`, { session: head, body: { version: 1, capacity: 25 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain('уже изменил другой пользователь');

    const same = await t.call('PATCH', `/api/offers/${offer.id}`, { session: head, body: { version: 2, capacity: 20, title: 'Бассейн' } });
    expect(same.json().version).toBe(2);

    const afterEnd = await t.call('PATCH', `/api/offers/${offer.id}`, { session: head, body: { version: 2, availableFrom: '2026-06-01' } });
    expect(afterEnd.statusCode).toBe(400);
    expect(afterEnd.json().errors).toEqual([{ field: 'availableTo', message: 'Окончание не может быть раньше начала' }]);

    // Two heads pressing «save» at once: one wins, the other is told.
    const [a, b] = await Promise.all([
      t.call('PATCH', `/api/offers/${offer.id}`, { session: head, body: { version: 2, capacity: 30 } }),
      t.call('PATCH', `/api/offers/${offer.id}`, { session: head, body: { version: 2, capacity: 40 } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [row] = await t.handle.db.select().from(resourceOffers).where(eq(resourceOffers.id, offer.id));
    expect(row.version).toBe(3);
  });

  it('archives and restores a need once; archived rows show only when asked for; needs are hidden from anonymous callers', async () => {
    const need = (await t.call('POST', `/api/organizations/${ownId}/needs`, { session: head, body: { category: 'staff', title: 'Учитель химии для олимпиадников', tags: ['Химия'], priority: 'high', neededFrom: '2025-10-01' } })).json();
    expect(need).toMatchObject({ priority: 'high', tags: ['химия'], neededFrom: '2025-10-01', neededTo: null, state: 'active' });
    const [a, b] = await Promise.all([
      t.call('POST', `/api/needs/${need.id}/archive`, { session: head, body: { version: 1 } }),
      t.call('POST', `/api/needs/${need.id}/archive`, { session: head, body: { version: 1 } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const again = await t.call('POST', `/api/needs/${need.id}/archive`, { session: head, body: { version: 2 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('Запись уже в архиве.');

    const current = (await t.call('GET', `/api/organizations/${ownId}/inventory`, { session: head })).json();
    expect(current.needs.map((n: { id: string }) => n.id)).not.toContain(need.id);
    const all = (await t.call('GET', `/api/organizations/${ownId}/inventory?archived=true`, { session: head })).json();
    expect(all.needs.find((n: { id: string }) => n.id === need.id)).toMatchObject({ state: 'archived' });
    expect(all.permissions).toEqual({ edit: true });

    const restored = await t.call('POST', `/api/needs/${need.id}/restore`, { session: head, body: { version: 2 } });
    expect(restored.json()).toMatchObject({ state: 'active', version: 3 });

    const anonymous = (await t.call('GET', `/api/organizations/${ownId}/inventory`)).json();
    expect(anonymous.organization).toMatchObject({ id: ownId, shortName: 'СОШ № 1', municipalityName: 'Городской округ Первый', lat: 54.7, lon: 20.5 });
    expect(anonymous.offers.length).toBeGreaterThan(0);
    expect(anonymous.needs).toEqual([]);
    expect(anonymous.permissions).toEqual({ edit: false });
    const teacher = (await t.call('GET', `/api/organizations/${ownId}/inventory`, { session: await t.signIn('teacher') })).json();
    expect(teacher.needs.map((n: { id: string }) => n.id)).toContain(need.id);
    expect(teacher.permissions).toEqual({ edit: false });
  });

  it('lets only the organisation’s own head edit: not another head, its teacher, the authority or the operator', async () => {
    const body = { category: 'social', title: 'Родительский клуб' };
    for (const role of ['otherOrgAdmin', 'teacher', 'authority', 'operator'] as const) {
      const response = await t.call('POST', `/api/organizations/${ownId}/offers`, { session: await t.signIn(role), body });
      expect(response.statusCode, role).toBe(403);
    }
    expect((await t.call('POST', `/api/organizations/${ownId}/offers`, { body })).statusCode).toBe(401);
    const theirs = await t.call('POST', `/api/organizations/${otherId}/needs`, { session: await t.signIn('otherOrgAdmin'), body: { category: 'social', title: 'Волонтёры' } });
    expect(theirs.statusCode).toBe(201);
    const notMine = await t.call('PATCH', `/api/needs/${theirs.json().id}`, { session: head, body: { version: 1, title: 'Чужая правка' } });
    expect(notMine.statusCode).toBe(403);
    expect((await t.call('GET', `/api/needs/00000000-0000-4000-8000-000000000000/suggestions`, { session: head })).statusCode).toBe(404);
  });

  it('keeps an archived organisation’s inventory as it is', async () => {
    const [archived] = await t.handle.db
      .insert(organizations)
      .values({ kind: 'school', fullName: 'Закрытая школа', shortName: 'Закрытая школа', sortKey: 'закрытая', municipalityId: t.fixtures.municipalityId, state: 'archived' })
      .returning();
    await t.handle.db.insert(memberships).values({ userId: t.fixtures.actors.orgAdmin!.userId, organizationId: archived.id, role: 'org_admin' });
    // The actor's memberships are read at sign-in: a fresh session sees the new one.
    const fresh = await t.call('POST', '/api/auth/sign-in', { body: { email: t.fixtures.emails.orgAdmin, password: FIXTURE_PASSWORD } });
    const session = { cookie: fresh.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrfToken: fresh.json().csrfToken };
    const response = await t.call('POST', `/api/organizations/${archived.id}/offers`, { session, body: { category: 'social', title: 'Музей школы' } });
    expect(response.statusCode).toBe(409);
    expect(response.json().title).toBe('Организация в архиве');
  });

  it('finds resources in the public catalogue by Russian stems, tags and filters, only active ones of live organisations', async () => {
    const other = await t.signIn('otherOrgAdmin');
    await t.call('POST', `/api/organizations/${otherId}/offers`, { session: other, body: { category: 'staff', title: 'Учитель химии', description: 'Готовит к олимпиадам', tags: ['химия'], conditions: 'paid' } });
    const archivedOffer = (await t.call('POST', `/api/organizations/${otherId}/offers`, { session: other, body: { category: 'facilities', title: 'Кабинет робототехники' } })).json();
    await t.call('POST', `/api/offers/${archivedOffer.id}/archive`, { session: other, body: { version: 1 } });

    const titles = async (query: string) => {
      const response = await t.call('GET', `/api/offers?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.map((i: { title: string }) => i.title);
    };
    expect(await titles(`q=${encodeURIComponent('робототехника')}`)).toEqual(['Лаборатория робототехники']);
    expect(await titles(`q=${encodeURIComponent('олимпиада')}`)).toEqual(['Учитель химии']);
    // A tag word and a title word together.
    expect(await titles(`q=${encodeURIComponent('лаборатория программирование')}`)).toEqual(['Лаборатория робототехники']);
    expect(await titles(`q=${encodeURIComponent('робо')}`)).toEqual(['Лаборатория робототехники']);
    expect(await titles(`municipalityId=${t.fixtures.otherMunicipalityId}`)).toEqual(['Учитель химии']);
    expect(await titles('conditions=paid')).toEqual(['Учитель химии']);
    expect((await titles('category=facilities')).sort()).toEqual(['Бассейн', 'Лаборатория робототехники']);

    const page = (await t.call('GET', '/api/offers?pageSize=1&page=2')).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
    expect(page.items[0].organization).toMatchObject({ shortName: expect.any(String), municipalityName: expect.any(String) });
    expect((await t.call('GET', '/api/offers?category=pool')).statusCode).toBe(400);
  });
});
