import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { migrationsFolder } from '../../platform/db/migrate';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { organizationWithHead, seedNetwork } from '../../../test/network-fixtures';
import { networkDocuments } from '../documents/schema';
import { resourceNeeds, resourceOffers } from '../inventory/schema';
import { networkLaunchMarks, networkLaunchPathChanges, networkMembers, networks } from './schema';

type Step = { step: string; done: boolean; source: string | null; detail: string; markable: boolean; title?: string };
const stepOf = (path: { steps: Step[] }, key: string) => path.steps.find((s) => s.step === key);

describe('launch paths per kind of network', () => {
  let t: TestApp;
  let coordinator: Session;
  let otherHead: Session;

  beforeAll(async () => {
    t = await openTestApp();
    coordinator = await t.signIn('orgAdmin');
    otherHead = await t.signIn('otherOrgAdmin');
  });
  afterAll(() => t.close());

  /** A request in English (t.call sends no Accept-Language). */
  const inEnglish = (method: 'GET' | 'PUT', url: string, session: Session, body?: unknown) =>
    t.app.inject({ method, url, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'en' }, ...(body !== undefined ? { payload: body as object } : {}) });
  const pathOf = async (id: string, session?: Session) => {
    const response = await t.call('GET', `/api/networks/${id}/launch-path`, { session });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const signed = (networkId: string, kind: (typeof networkDocuments.$inferSelect)['kind'], partyOrganizationIds: string[] | null = null) =>
    t.handle.db.insert(networkDocuments).values({ networkId, kind, title: kind, state: 'signed', partyOrganizationIds });

  it('gives each kind the path of its seed: a district seed 001’s, a partnership seed 002’s, an alliance and an association a light path without a launch gate', async () => {
    const district = await seedNetwork(t.handle.db, t.fixtures, { kind: 'district', name: 'Округ шаблона' });
    const partnership = await seedNetwork(t.handle.db, t.fixtures, { kind: 'partnership', name: 'Партнёрство шаблона' });
    const alliance = await seedNetwork(t.handle.db, t.fixtures, { kind: 'alliance', name: 'Альянс шаблона' });
    const association = await seedNetwork(t.handle.db, t.fixtures, { kind: 'association', name: 'Ассоциация шаблона' });
    const keys = (path: { steps: Step[] }) => path.steps.map((s) => s.step);
    expect(await pathOf(district.id)).toMatchObject({ template: 'district', gated: true, adapted: false, revision: 0 });
    expect(keys(await pathOf(district.id))).toEqual(['council', 'agreement', 'regulation', 'inventory', 'educational_map', 'information', 'plan', 'launch']);
    expect(keys(await pathOf(partnership.id))).toEqual(['leader_strengths', 'satellite_needs', 'roadmap', 'agreement', 'launch', 'joint_events', 'practice_transfer', 'reflective_evaluation']);
    for (const light of [alliance, association]) {
      const path = await pathOf(light.id, coordinator);
      expect(path).toMatchObject({ template: 'light', gated: false, canLaunch: false });
      expect(keys(path)).toEqual(['members', 'inventory', 'plan', 'information']);
      expect(stepOf(path, 'members')).toMatchObject({ done: true, source: 'data', detail: 'В сети 2 участника' });
      const launch = await t.call('POST', `/api/networks/${light.id}/launch`, { session: coordinator });
      expect(launch.statusCode).toBe(409);
      expect(launch.json().detail).toContain('нет шага запуска');
    }
    // The list says which networks have a gate.
    const listed = (await t.call('GET', '/api/networks')).json().items;
    expect(listed.find((n: { id: string }) => n.id === alliance.id).launchGate).toBe(false);
    expect(listed.find((n: { id: string }) => n.id === district.id).launchGate).toBe(true);
  });

  it('completes the agreement step only with a signed cooperation agreement — not the Art. 15 programme agreement — and the regulation step only with the district’s regulation', async () => {
    const district = await seedNetwork(t.handle.db, t.fixtures, { kind: 'district', name: 'Округ документов' });
    await signed(district.id, 'network_programme_agreement');
    await signed(district.id, 'council_regulation');
    let path = await pathOf(district.id);
    expect(stepOf(path, 'agreement')).toMatchObject({ done: false, markable: false });
    expect(stepOf(path, 'regulation')).toMatchObject({ done: false, markable: false, detail: 'Положение о школьном округе ещё не подписано всеми участниками' });
    // Neither can be marked by hand.
    expect((await t.call('PUT', `/api/networks/${district.id}/launch-path/regulation`, { session: coordinator, body: { done: true } })).statusCode).toBe(409);
    await signed(district.id, 'agreement');
    await signed(district.id, 'district_regulation');
    path = await pathOf(district.id);
    expect(stepOf(path, 'agreement')).toMatchObject({ done: true, source: 'data' });
    expect(stepOf(path, 'regulation')).toMatchObject({ done: true, source: 'data' });
  });

  it('completes the inventory when every member has described something', async () => {
    const district = await seedNetwork(t.handle.db, t.fixtures, { kind: 'district', name: 'Округ инвентаризации' });
    const fresh = await organizationWithHead(t, 'Школа инвентаризации', district);
    const before = stepOf(await pathOf(district.id), 'inventory')!;
    expect(before.done).toBe(false);
    expect(before.detail).toMatch(/из 3 участников$/);
    for (const organizationId of [t.fixtures.ownOrganizationId, t.fixtures.otherOrganizationId, fresh.org.id]) {
      await t.handle.db.insert(resourceNeeds).values({ organizationId, category: 'staff', title: 'Учитель физики' });
    }
    expect(stepOf(await pathOf(district.id), 'inventory')).toMatchObject({ done: true, source: 'data', detail: 'Ресурсы и потребности описали 3 из 3 участников' });
  });

  it('walks a partnership from the data: the leader’s resources, each satellite’s needs, a roadmap, an agreement with each satellite', async () => {
    const partnership = await seedNetwork(t.handle.db, t.fixtures, { kind: 'partnership', name: 'Партнёрство данных' });
    const second = await organizationWithHead(t, 'Школа-спутник № 2', null);
    await t.handle.db.insert(networkMembers).values({ networkId: partnership.id, organizationId: second.org.id, role: 'satellite', state: 'active' });
    let path = await pathOf(partnership.id, coordinator);
    expect(path.current).toBe('leader_strengths');
    expect(path.canLaunch).toBe(false);

    await t.handle.db.insert(resourceOffers).values({ organizationId: t.fixtures.ownOrganizationId, category: 'staff', title: 'Стажировки учителей математики' });
    await t.handle.db.insert(resourceNeeds).values({ organizationId: t.fixtures.otherOrganizationId, category: 'methodical', title: 'Подготовка к ОГЭ по математике' });
    path = await pathOf(partnership.id, coordinator);
    expect(stepOf(path, 'leader_strengths')).toMatchObject({ done: true, source: 'data' });
    expect(stepOf(path, 'satellite_needs')).toMatchObject({ done: false, detail: 'Потребности описали 1 из 2 школ-спутников' });
    await t.handle.db.insert(resourceNeeds).values({ organizationId: second.org.id, category: 'staff', title: 'Наставник для молодого учителя' });

    // A network plan is not a roadmap; a roadmap with an item is.
    const plan = await t.call('POST', `/api/networks/${partnership.id}/plans`, { session: coordinator, body: { title: 'План', kind: 'network_plan' } });
    await t.call('POST', `/api/plans/${plan.json().id}/items`, { session: coordinator, body: { activity: 'Семинар' } });
    expect(stepOf(await pathOf(partnership.id), 'roadmap')).toMatchObject({ done: false });
    const roadmap = await t.call('POST', `/api/networks/${partnership.id}/plans`, { session: coordinator, body: { title: 'Дорожная карта партнёрства', kind: 'roadmap' } });
    await t.call('POST', `/api/plans/${roadmap.json().id}/items`, { session: coordinator, body: { activity: 'Стажировки учителей' } });

    // The leader's agreement with each satellite, the joint action plan as its annex, signed by the two heads.
    const joint = (await t.call('POST', `/api/networks/${partnership.id}/plans`, { session: coordinator, body: { title: 'План совместных действий', kind: 'joint_actions' } })).json();
    const jointItem = (await t.call('POST', `/api/plans/${joint.id}/items`, { session: coordinator, body: { activity: 'Стажировки учителей математики' } })).json();
    const agree = async (satelliteId: string, satelliteHead: Session, withAnnex: boolean) => {
      const created = await t.call('POST', `/api/networks/${partnership.id}/documents`, {
        session: coordinator,
        body: { kind: 'agreement', partyOrganizationIds: [t.fixtures.ownOrganizationId, satelliteId], ...(withAnnex ? { annexPlanId: joint.id } : {}) },
      });
      expect(created.statusCode, created.body).toBe(201);
      const read = { versionId: created.json().current.id, sha256: created.json().current.sha256 };
      expect((await t.call('POST', `/api/documents/${created.json().id}/send`, { session: coordinator, body: read })).statusCode).toBe(200);
      for (const session of [coordinator, satelliteHead]) {
        const signedNow = await t.call('POST', `/api/documents/${created.json().id}/sign`, { session, body: { ...read, password: FIXTURE_PASSWORD } });
        expect(signedNow.statusCode, signedNow.body).toBe(200);
      }
    };
    // Without the plan as annex an agreement does not count, nor does a network-programme agreement (Art. 15).
    await agree(t.fixtures.otherOrganizationId, otherHead, false);
    await signed(partnership.id, 'network_programme_agreement', [t.fixtures.ownOrganizationId, second.org.id]);
    path = await pathOf(partnership.id, coordinator);
    expect(stepOf(path, 'roadmap')).toMatchObject({ done: true, source: 'data' });
    expect(stepOf(path, 'agreement')).toMatchObject({
      done: false,
      detail: 'Соглашения подписаны с 0 из 2 школ-спутников. Соглашение без действующего плана совместных действий в приложении не засчитывается',
    });
    await agree(t.fixtures.otherOrganizationId, otherHead, true);
    expect(stepOf(await pathOf(partnership.id), 'agreement')).toMatchObject({ done: false, detail: expect.stringMatching(/^Соглашения подписаны с 1 из 2 школ-спутников/) });
    await agree(second.org.id, second.session, true);
    path = await pathOf(partnership.id, coordinator);
    expect(path).toMatchObject({ canLaunch: true, current: 'launch' });

    // A plan changed after signing supersedes the annex: the step waits for a new version (here: the change undone).
    const changeActivity = async (activity: string) => {
      const item = (await t.call('GET', `/api/plans/${joint.id}`, { session: coordinator })).json().items.find((i: { id: string }) => i.id === jointItem.id);
      const response = await t.call('PATCH', `/api/plan-items/${jointItem.id}`, { session: coordinator, body: { version: item.version, activity } });
      expect(response.statusCode, response.body).toBe(200);
    };
    await changeActivity('Стажировки учителей математики и физики');
    expect(await pathOf(partnership.id, coordinator)).toMatchObject({ canLaunch: false, current: 'agreement' });
    await changeActivity('Стажировки учителей математики');
    expect(await pathOf(partnership.id, coordinator)).toMatchObject({ canLaunch: true });

    const launched = await t.call('POST', `/api/networks/${partnership.id}/launch`, { session: coordinator });
    expect(launched.statusCode, launched.body).toBe(200);
    expect(launched.json().current).toBe('joint_events');
    const marked = await t.call('PUT', `/api/networks/${partnership.id}/launch-path/joint_events`, { session: coordinator, body: { done: true, note: 'Стажировки и мастер-классы проведены' } });
    expect(stepOf(marked.json(), 'joint_events')).toMatchObject({ done: true, source: 'manual' });
    // In English the status lines are translated; the coordinator's note stays as written.
    const english = (await inEnglish('GET', `/api/networks/${partnership.id}/launch-path`, coordinator)).json();
    expect(stepOf(english, 'agreement')!.detail).toBe('Agreements signed with 2 of 2 satellite schools');
    expect(stepOf(english, 'joint_events')!.detail).toBe('Стажировки и мастер-классы проведены');
  });

  it('lets the coordinator adapt the path — add, drop, reorder, a step of their own — recorded, audited and shown, with a stale revision refused', async () => {
    const district = await seedNetwork(t.handle.db, t.fixtures, { kind: 'district', name: 'Округ адаптации' });
    const before = await pathOf(district.id, coordinator);
    expect(before).toMatchObject({ canAdapt: true, revision: 0, history: [] });
    expect(before.addable).toEqual(expect.arrayContaining(['roadmap', 'reflective_evaluation']));
    expect(before.addable).not.toContain('council');

    const steps = [
      { key: 'council' }, { key: 'regulation' }, { key: 'agreement' }, { key: 'inventory' },
      { title: 'Совместный педсовет округа' }, { key: 'plan' }, { key: 'launch' }, { key: 'reflective_evaluation' },
    ];
    const adapted = await t.call('PUT', `/api/networks/${district.id}/launch-path`, { session: coordinator, body: { revision: 0, steps, reason: 'Решение совета директоров от 12 сентября' } });
    expect(adapted.statusCode, adapted.body).toBe(200);
    const custom = adapted.json().steps[4];
    expect(custom).toMatchObject({ step: expect.stringMatching(/^custom-[0-9a-f]{8}$/), title: 'Совместный педсовет округа', markable: true, done: false });
    expect(adapted.json()).toMatchObject({ revision: 1, adapted: true });

    const shown = await pathOf(district.id, coordinator);
    expect(shown.history).toEqual([
      expect.objectContaining({
        revision: 1,
        reason: 'Решение совета директоров от 12 сентября',
        changedBy: expect.any(String),
        migrated: false,
        changes: expect.arrayContaining([
          { change: 'removed', key: 'educational_map' },
          { change: 'removed', key: 'information' },
          { change: 'added', key: custom.step, title: 'Совместный педсовет округа', position: 5 },
          { change: 'moved', key: 'agreement', from: 2, to: 3 },
        ]),
      }),
    ]);
    // Who changed the path is shown to those who manage the network, not to every visitor.
    expect((await pathOf(district.id)).history[0].changedBy).toBeNull();
    const [audit] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'network.launch_path_adapted'), eq(auditEntries.entityId, district.id)));
    expect(audit.after).toMatchObject({ revision: 1, reason: 'Решение совета директоров от 12 сентября' });
    expect(audit.before).toMatchObject({ revision: 0 });

    // A custom step is marked by hand; a dropped step is no longer on the path.
    const marked = await t.call('PUT', `/api/networks/${district.id}/launch-path/${custom.step}`, { session: coordinator, body: { done: true, note: 'Проведён 1 октября' } });
    expect(stepOf(marked.json(), custom.step)).toMatchObject({ done: true, source: 'manual', detail: 'Проведён 1 октября' });
    const dropped = await t.call('PUT', `/api/networks/${district.id}/launch-path/information`, { session: coordinator, body: { done: true } });
    expect(dropped.statusCode).toBe(404);
    expect(dropped.json().title).toBe('Шага нет в пути сети');

    // A second coordinator who saw revision 0 is refused, and nothing is written.
    const stale = await t.call('PUT', `/api/networks/${district.id}/launch-path`, { session: coordinator, body: { revision: 0, steps: [{ key: 'council' }] } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().title).toBe('Путь уже изменён');
    expect(await t.handle.db.select().from(networkLaunchPathChanges).where(eq(networkLaunchPathChanges.networkId, district.id))).toHaveLength(1);

    // Back to the kind's template: the custom step's mark stays stored, the path is the template again.
    const back = await t.call('PUT', `/api/networks/${district.id}/launch-path`, { session: coordinator, body: { revision: 1, steps: before.templatePath } });
    expect(back.json().steps.map((s: Step) => s.step)).toEqual(before.steps.map((s: Step) => s.step));
    expect(back.json().revision).toBe(2);
  });

  it('refuses a path that breaks the rules, in Russian, and saves two concurrent changes of one revision once', async () => {
    const district = await seedNetwork(t.handle.db, t.fixtures, { kind: 'district', name: 'Округ правил' });
    const put = (body: unknown) => t.call('PUT', `/api/networks/${district.id}/launch-path`, { session: coordinator, body });
    expect((await put({ revision: 0, steps: [] })).statusCode).toBe(400);
    const twice = await put({ revision: 0, steps: [{ key: 'plan' }, { key: 'plan' }] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('Каждый шаг может быть в пути только один раз.');
    expect((await put({ revision: 0, steps: [{ key: 'custom-0badc0de' }] })).json().title).toBe('Неизвестный шаг');
    expect((await put({ revision: 0, steps: [{ key: 'Совет' }] })).statusCode).toBe(400);
    expect((await put({ revision: 0, steps: [{ title: 'x'.repeat(201) }] })).statusCode).toBe(400);
    const same = await put({ revision: 0, steps: (await pathOf(district.id)).templatePath });
    expect(same.json().title).toBe('Путь не изменился');

    const [a, b] = await Promise.all([put({ revision: 0, steps: [{ key: 'council' }, { key: 'launch' }] }), put({ revision: 0, steps: [{ key: 'plan' }, { key: 'launch' }] })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);

    // A launched network keeps its launch step.
    await t.handle.db.update(networks).set({ launchedAt: new Date() }).where(eq(networks.id, district.id));
    const current = await pathOf(district.id);
    const drop = await put({ revision: current.revision, steps: [{ key: 'council' }] });
    expect(drop.statusCode).toBe(409);
    expect(drop.json().detail).toBe('Сеть уже запущена: шаг «Запуск» остаётся в пути.');
    const english = await inEnglish('PUT', `/api/networks/${district.id}/launch-path`, coordinator, { revision: current.revision, steps: [{ key: 'council' }] });
    expect(english.json().detail).toBe('The network is already launched: the «Launch» step stays on the path.');
  });

  it('lets only those who manage the network adapt its path; a hidden network is missing to outsiders', async () => {
    const hidden = await seedNetwork(t.handle.db, t.fixtures, { kind: 'partnership', name: 'Закрытое партнёрство', visibility: 'members' });
    const body = { revision: 0, steps: [{ key: 'roadmap' }, { key: 'launch' }] };
    // The satellite's head sees the path but may not change it; the teacher of the leader school neither.
    expect((await t.call('PUT', `/api/networks/${hidden.id}/launch-path`, { session: otherHead, body })).statusCode).toBe(403);
    expect((await t.call('PUT', `/api/networks/${hidden.id}/launch-path`, { session: await t.signIn('teacher'), body })).statusCode).toBe(403);
    expect((await pathOf(hidden.id, otherHead)).canAdapt).toBe(false);
    expect((await pathOf(hidden.id, otherHead)).addable).toEqual([]);
    for (const role of ['authorityElsewhere', 'expert', 'guardian'] as const) {
      const session = await t.signIn(role);
      expect((await t.call('GET', `/api/networks/${hidden.id}/launch-path`, { session })).statusCode, role).toBe(404);
      expect((await t.call('PUT', `/api/networks/${hidden.id}/launch-path`, { session, body })).statusCode, role).toBe(404);
    }
    // Without a session the hidden network is missing too (404 before any sign-in is asked for).
    expect((await t.call('PUT', `/api/networks/${hidden.id}/launch-path`, { body })).statusCode).toBe(404);
    for (const role of ['authority', 'operator'] as const) {
      const current = await pathOf(hidden.id, coordinator);
      const response = await t.call('PUT', `/api/networks/${hidden.id}/launch-path`, { session: await t.signIn(role), body: { revision: current.revision, steps: role === 'operator' ? body.steps : [...body.steps, { key: 'joint_events' }] } });
      expect(response.statusCode, `${role}: ${response.body}`).toBe(200);
    }
  });
});

describe('the migration of existing networks: networks keep their progress', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('keeps the old path for a network of another kind that had walked it (launched or marked), and gives the others their kind’s template', async () => {
    const launchedAlliance = await seedNetwork(t.handle.db, t.fixtures, { kind: 'alliance', name: 'Альянс, запущенный до разделения путей' });
    const markedPartnership = await seedNetwork(t.handle.db, t.fixtures, { kind: 'partnership', name: 'Партнёрство с отметками' });
    const freshAssociation = await seedNetwork(t.handle.db, t.fixtures, { kind: 'association', name: 'Ассоциация без движения' });
    const launchedDistrict = await seedNetwork(t.handle.db, t.fixtures, { kind: 'district', name: 'Запущенный округ' });
    const launchedAt = new Date('2026-03-01T09:00:00Z');
    await t.handle.db.update(networks).set({ launchedAt }).where(eq(networks.id, launchedAlliance.id));
    await t.handle.db.update(networks).set({ launchedAt }).where(eq(networks.id, launchedDistrict.id));
    await t.handle.db.insert(networkLaunchMarks).values([
      { networkId: launchedAlliance.id, step: 'information', note: 'Сайт альянса' },
      { networkId: markedPartnership.id, step: 'educational_map', note: 'Карта школ района' },
      { networkId: launchedDistrict.id, step: 'information', note: '' },
    ]);

    const file = readdirSync(migrationsFolder).find((name) => name.endsWith('_launch-paths-of-existing-networks.sql'))!;
    await t.handle.db.execute(sql.raw(readFileSync(path.join(migrationsFolder, file), 'utf8')));

    const coordinator = await t.signIn('orgAdmin');
    const pathOf = async (id: string) => (await t.call('GET', `/api/networks/${id}/launch-path`, { session: coordinator })).json();
    const oldPath = ['council', 'agreement', 'regulation', 'inventory', 'educational_map', 'information', 'plan', 'launch'];
    const alliance = await pathOf(launchedAlliance.id);
    expect(alliance).toMatchObject({ revision: 1, adapted: true, gated: true, launchedAt: launchedAt.toISOString() });
    expect(alliance.steps.map((s: Step) => s.step)).toEqual(oldPath);
    expect(stepOf(alliance, 'information')).toMatchObject({ done: true, source: 'manual', detail: 'Сайт альянса' });
    expect(alliance.history).toEqual([expect.objectContaining({ revision: 1, migrated: true, changes: [] })]);
    const partnership = await pathOf(markedPartnership.id);
    expect(partnership.steps.map((s: Step) => s.step)).toEqual(oldPath);
    expect(stepOf(partnership, 'educational_map')).toMatchObject({ done: true, detail: 'Карта школ района' });
    // Its coordinator may move it to the partnership path; the mark stays stored for the step that left.
    const moved = await t.call('PUT', `/api/networks/${markedPartnership.id}/launch-path`, { session: coordinator, body: { revision: 1, steps: partnership.templatePath } });
    expect(moved.json()).toMatchObject({ template: 'partnership', revision: 2 });
    expect(await t.handle.db.select().from(networkLaunchMarks).where(eq(networkLaunchMarks.networkId, markedPartnership.id))).toHaveLength(1);

    expect(await pathOf(freshAssociation.id)).toMatchObject({ revision: 0, gated: false, template: 'light' });
    const district = await pathOf(launchedDistrict.id);
    expect(district).toMatchObject({ revision: 0, gated: true, launchedAt: launchedAt.toISOString() });
    expect(stepOf(district, 'information')).toMatchObject({ done: true, source: 'manual' });
  });
});
