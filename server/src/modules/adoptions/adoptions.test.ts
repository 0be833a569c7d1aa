import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { organizationWithHead } from '../../../test/network-fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { memberships } from '../accounts/schema';
import { resourceNeeds } from '../inventory/schema';
import { networkMembers, networks } from '../networks/schema';
import { notifications } from '../notifications/schema';
import { insertPractice } from '../practices/practice.testkit';
import { practices } from '../practices/schema';
import { adoptablePractice, authorSchool } from './adoption.testkit';
import { practiceAdoptions } from './schema';

describe('adoption of practices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  const need = async (organizationId: string, title: string) =>
    (await t.handle.db.insert(resourceNeeds).values({ organizationId, category: 'methodical', title }).returning())[0];
  const countOf = async (practiceId: string) => (await t.handle.db.select({ n: practices.adoptionCount }).from(practices).where(eq(practices.id, practiceId)))[0].n;
  const adoptionsOf = (practiceId: string) => t.handle.db.select().from(practiceAdoptions).where(eq(practiceAdoptions.practiceId, practiceId));
  const adopt = async (practiceId: string, body: object, session = t.signIn('teacher')) =>
    t.call('POST', `/api/practices/${practiceId}/adoptions`, { session: await session, body: { organizationId: t.fixtures.ownOrganizationId, startedOn: '2025-09-01', changes: 'Учителя математики стажируются у авторов и ведут совместные уроки', ...body } });

  it('a teacher records that the school adopts a practice, answering its own need; the authors are told; results follow', async () => {
    const author = await organizationWithHead(t, 'Гимназия-автор', null);
    const practice = await insertPractice(t, author.org.id, { publish: true });
    const ownNeed = await need(t.fixtures.ownOrganizationId, 'Работа с разноуровневым классом');

    const recorded = await adopt(practice.id, { needIds: [ownNeed.id] });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const adoption = recorded.json();
    expect(adoption).toMatchObject({ state: 'adopting', startedOn: '2025-09-01', organizationId: t.fixtures.ownOrganizationId });
    expect(await countOf(practice.id)).toBe(1);

    const told = await t.handle.db.select().from(notifications).where(eq(notifications.userId, author.user.id));
    expect(told).toEqual([expect.objectContaining({ kind: 'practice_adopted', link: `/practices/${practice.id}` })]);
    expect(told[0].title).toContain('СОШ № 1');

    const card = await t.call('GET', `/api/practices/${practice.id}/adoptions`, { session: await t.signIn('teacher') });
    expect(card.json().adoptions).toEqual([
      expect.objectContaining({ id: adoption.id, organization: expect.objectContaining({ shortName: 'СОШ № 1' }), municipality: expect.objectContaining({ name: 'Городской округ Первый' }), needs: [expect.objectContaining({ title: 'Работа с разноуровневым классом' })], canUpdate: true }),
    ]);
    expect(card.json().adoptableOrganizations).toEqual([]);
    // Anyone sees who adopted a published practice; the needs only the signed-in (as needs themselves).
    const anonymous = await t.call('GET', `/api/practices/${practice.id}/adoptions`);
    expect(anonymous.json().adoptions[0]).toMatchObject({ needs: null, canUpdate: false });
    const stranger = await t.call('GET', `/api/practices/${practice.id}/adoptions`, { session: await t.signIn('otherOrgAdmin') });
    expect(stranger.json().adoptableOrganizations).toEqual([{ id: t.fixtures.otherOrganizationId, shortName: 'СОШ № 2', needs: [] }]);

    const results = await t.call('POST', `/api/practice-adoptions/${adoption.id}/results`, {
      session: await t.signIn('orgAdmin'),
      body: { version: adoption.version, results: 'Средний балл ОГЭ по математике вырос с 3,2 до 3,6', resultsOn: '2026-06-30', figures: [{ indicator: 'Средний балл ОГЭ', before: 3.2, after: 3.6 }] },
    });
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json()).toMatchObject({ state: 'results_recorded', resultsOn: '2026-06-30', figures: [{ indicator: 'Средний балл ОГЭ', before: 3.2, after: 3.6, unit: '' }] });
    const kinds = (await t.handle.db.select().from(notifications).where(eq(notifications.userId, author.user.id))).map((n) => n.kind);
    expect(kinds.sort()).toEqual(['practice_adopted', 'practice_adoption_results']);

    const audit = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, adoption.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['practice_adoption.recorded', 'practice_adoption.results_recorded']);
  });

  it('refuses nonsense with a Russian problem and changes nothing', async () => {
    const practice = await adoptablePractice(t);
    const otherNeed = await need(t.fixtures.otherOrganizationId, 'Чужая потребность');
    const cases: [object, string][] = [
      [{ startedOn: '2025-02-30' }, 'Дата начала'],
      [{ startedOn: '0001-01-01' }, 'год от 1900'],
      [{ changes: '' }, 'Что меняется'],
      [{ needIds: [otherNeed.id] }, 'потребности своей организации'],
    ];
    for (const [body, message] of cases) {
      const refused = await adopt(practice.id, body);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toContain(message);
    }
    expect(await adoptionsOf(practice.id)).toEqual([]);
    expect(await countOf(practice.id)).toBe(0);

    // Its own practice: the school is one of the practice's organisations.
    const own = await insertPractice(t, t.fixtures.ownOrganizationId, { publish: true });
    const ownRefused = await adopt(own.id, {});
    expect(ownRefused.statusCode).toBe(400);
    expect(ownRefused.json().detail).toContain('практика вашей организации');

    // Unpublished: a teacher of both schools sees the draft of one and may not adopt it for the other.
    const draft = await insertPractice(t, t.fixtures.otherOrganizationId);
    await t.handle.db.insert(memberships).values({ userId: t.fixtures.actors.teacher!.userId, organizationId: t.fixtures.otherOrganizationId, role: 'teacher' });
    const teacherOfBoth = await t.call('POST', '/api/auth/sign-in', { body: { email: t.fixtures.emails.teacher, password: 'fixture-password-1' } });
    const session = { cookie: teacherOfBoth.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrfToken: teacherOfBoth.json().csrfToken };
    const unpublished = await adopt(draft.id, {}, Promise.resolve(session));
    await t.handle.db.delete(memberships).where(and(eq(memberships.userId, t.fixtures.actors.teacher!.userId), eq(memberships.organizationId, t.fixtures.otherOrganizationId)));
    expect(unpublished.statusCode).toBe(400);
    expect(unpublished.json().detail).toBe('Внедрять можно только опубликованную практику.');
    // …and a stranger does not learn the draft exists.
    expect((await adopt(draft.id, {}, t.signIn('orgAdmin'))).statusCode).toBe(404);

    // Twice for one school: 409; results before the start or in the future: 400.
    const first = (await adopt(practice.id, {})).json();
    expect((await adopt(practice.id, {})).statusCode).toBe(409);
    const orgAdmin = await t.signIn('orgAdmin');
    for (const resultsOn of ['2025-08-31', '2099-01-01']) {
      const refused = await t.call('POST', `/api/practice-adoptions/${first.id}/results`, { session: orgAdmin, body: { version: first.version, results: 'Стало лучше, чем было', resultsOn } });
      expect(refused.statusCode, refused.body).toBe(400);
    }
    const stale = await t.call('POST', `/api/practice-adoptions/${first.id}/results`, { session: orgAdmin, body: { version: first.version + 5, results: 'Стало лучше, чем было', resultsOn: '2026-01-01' } });
    expect(stale.statusCode).toBe(409);
    expect((await adoptionsOf(practice.id))[0]).toMatchObject({ state: 'adopting', results: null, version: first.version });
  });

  it('two schools adopting at once are both counted; a stopped adoption leaves the count', async () => {
    const practice = await adoptablePractice(t);
    const [own, other] = await Promise.all([
      adopt(practice.id, {}, t.signIn('orgAdmin')),
      adopt(practice.id, { organizationId: t.fixtures.otherOrganizationId }, t.signIn('otherOrgAdmin')),
    ]);
    expect([own.statusCode, other.statusCode]).toEqual([201, 201]);
    expect(await countOf(practice.id)).toBe(2);

    const stopped = await t.call('POST', `/api/practice-adoptions/${own.json().id}/stop`, { session: await t.signIn('orgAdmin'), body: { version: 1, stoppedOn: '2026-02-01', reason: 'Ушёл учитель' } });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(await countOf(practice.id)).toBe(1);
    const late = await t.call('POST', `/api/practice-adoptions/${own.json().id}/results`, { session: await t.signIn('orgAdmin'), body: { version: 2, results: 'Стало лучше, чем было', resultsOn: '2026-03-01' } });
    expect(late.statusCode).toBe(409);
  });

  it('a partnership lists the leader’s practices its satellites adopt; a hidden network stays hidden', async () => {
    const leader = await authorSchool(t);
    const [network] = await t.handle.db
      .insert(networks)
      .values({ name: 'Партнёрство лидера', kind: 'partnership', municipalityIds: [t.fixtures.municipalityId], managingOrganizationId: leader.id, visibility: 'members' })
      .returning();
    await t.handle.db.insert(networkMembers).values([
      { networkId: network.id, organizationId: leader.id, role: 'leader', state: 'active' },
      { networkId: network.id, organizationId: t.fixtures.ownOrganizationId, role: 'satellite', state: 'active' },
    ]);
    const practice = await insertPractice(t, leader.id, { publish: true, input: { title: 'Стажировки учителей сельских школ' } });
    const elsewhere = await adoptablePractice(t);
    await adopt(practice.id, {});
    await adopt(elsewhere.id, {});

    const listed = await t.call('GET', `/api/networks/${network.id}/practice-transfers`, { session: await t.signIn('teacher') });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().transfers).toEqual([
      expect.objectContaining({ practice: expect.objectContaining({ id: practice.id, title: 'Стажировки учителей сельских школ' }), from: { shortName: leader.shortName }, adopter: { id: t.fixtures.ownOrganizationId, shortName: 'СОШ № 1' } }),
    ]);
    for (const session of [null, await t.signIn('otherOrgAdmin')]) {
      expect((await t.call('GET', `/api/networks/${network.id}/practice-transfers`, { session })).statusCode).toBe(404);
    }
    await t.handle.db.update(networks).set({ visibility: 'public' }).where(inArray(networks.id, [network.id]));
    expect((await t.call('GET', `/api/networks/${network.id}/practice-transfers`)).json().transfers).toHaveLength(1);
  });
});
