import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { memberships } from '../accounts/schema';
import { insertEvent } from '../events/event.testkit';
import { networkMembers } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { planState } from './plan-state';
import { planItems, plans } from './schema';

interface ItemNode {
  id: string;
  number: string;
  activity: string;
  status: string;
  overdue: boolean;
  progress: number;
  rolledUpProgress: number;
  outsideParentPeriod: boolean;
  canReport: boolean;
  events: { id: string; title: string; startsAt: string; state: string }[];
  version: number;
  responsibleOrganizations: { id: string; shortName: string; activeMember: boolean }[];
  children: ItemNode[];
}

const flatten = (items: ItemNode[]): ItemNode[] => items.flatMap((i) => [i, ...flatten(i.children)]);

describe('network plans', () => {
  let t: TestApp;
  let coordinator: Session; // orgAdmin: head of the managing (base) school
  let memberHead: Session; // otherOrgAdmin: head of a member school
  let teacher: Session;
  let authorityElsewhere: Session;
  let networkId: string;

  beforeAll(async () => {
    t = await openTestApp();
    coordinator = await t.signIn('orgAdmin');
    memberHead = await t.signIn('otherOrgAdmin');
    teacher = await t.signIn('teacher');
    authorityElsewhere = await t.signIn('authorityElsewhere');
    networkId = (await seedNetwork(t.handle.db, t.fixtures)).id;
  });
  afterAll(() => t.close());

  const createPlan = async (body: Record<string, unknown> = {}) => {
    const response = await t.call('POST', `/api/networks/${networkId}/plans`, { session: coordinator, body: { title: 'План сетевого взаимодействия на 2025/2026 учебный год', ...body } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; title: string; kind: string };
  };
  const addItem = async (planId: string, body: Record<string, unknown>) => {
    const response = await t.call('POST', `/api/plans/${planId}/items`, { session: coordinator, body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as ItemNode & { position: number; parentId: string | null };
  };
  const getPlan = async (planId: string, session: Session | null = coordinator) => (await t.call('GET', `/api/plans/${planId}`, { session })).json();
  const itemCount = async () => Number((await t.handle.db.select({ n: count() }).from(planItems))[0].n);
  const auditCount = async () => Number((await t.handle.db.select({ n: count() }).from(auditEntries))[0].n);

  it('lets the coordinator build a nested plan; the tree shows numbers, overdue items and progress rolled up to parents', async () => {
    // Next school year, so that only the item dated 2020 is late whatever day the suite runs.
    const Y = new Date().getFullYear() + 1;
    const plan = await createPlan({ kind: 'network_plan', periodStart: `${Y}-09-01`, periodEnd: `${Y + 1}-05-31` });
    const own = t.fixtures.ownOrganizationId;
    const other = t.fixtures.otherOrganizationId;
    const council = await addItem(plan.id, {
      activity: 'Создание координационного совета округа',
      startsOn: `${Y}-09-01`,
      endsOn: `${Y}-09-30`,
      responsibleOrganizationIds: [own],
      responsiblePeople: 'Иванова А. П., директор',
      expectedResult: 'Совет директоров сформирован, положение утверждено',
    });
    const inventory = await addItem(plan.id, { activity: 'Инвентаризация ресурсов участников округа', startsOn: `${Y}-10-01`, endsOn: `${Y}-12-31`, responsibleOrganizationIds: [own, other] });
    await addItem(plan.id, { parentId: inventory.id, activity: 'Кадровые ресурсы', state: 'done', endsOn: `${Y}-10-31` });
    await addItem(plan.id, { parentId: inventory.id, activity: 'Материально-технические ресурсы', state: 'in_progress', progress: 50, startsOn: `${Y}-10-15`, endsOn: `${Y + 1}-01-31` });
    // Long past and not done: overdue, whatever today is.
    const late = await addItem(plan.id, { parentId: inventory.id, activity: 'Анкета для школ', endsOn: '2020-01-31', responsibleOrganizationIds: [other] });
    // Inserted at the top.
    await addItem(plan.id, { activity: 'Приказ о создании школьного округа', position: 0, state: 'done', startsOn: `${Y}-08-20`, endsOn: `${Y}-08-31` });

    const view = await getPlan(plan.id);
    const items = flatten(view.items);
    expect(items.map((i) => `${i.number} ${i.activity}`)).toEqual([
      '1 Приказ о создании школьного округа',
      '2 Создание координационного совета округа',
      '3 Инвентаризация ресурсов участников округа',
      '3.1 Кадровые ресурсы',
      '3.2 Материально-технические ресурсы',
      '3.3 Анкета для школ',
    ]);
    const byNumber = new Map(items.map((i) => [i.number, i]));
    expect(byNumber.get('3.1')!.progress).toBe(100); // done ⇒ 100
    expect(byNumber.get('3.3')).toMatchObject({ id: late.id, status: 'overdue', overdue: true });
    expect(byNumber.get('3')!.rolledUpProgress).toBe(50); // (100 + 50 + 0) / 3
    expect(byNumber.get('3.2')!.outsideParentPeriod).toBe(true); // ends after its parent
    expect(byNumber.get('3.1')!.outsideParentPeriod).toBe(false);
    expect(byNumber.get('2')).toMatchObject({ id: council.id, status: 'planned', responsibleOrganizations: [{ id: own, shortName: 'СОШ № 1', activeMember: true }] });
    expect(view.items[0].outsidePlanPeriod).toBe(true); // August, before the plan's September start
    expect(view.summary).toMatchObject({ items: 6, byStatus: { done: 2, in_progress: 1, overdue: 1, planned: 2 } });
    expect(view.permissions).toEqual({ canManage: true, canReport: true });

    const asMember = await getPlan(plan.id, memberHead);
    expect(asMember.permissions).toEqual({ canManage: false, canReport: true });
    expect(flatten(asMember.items).filter((i: ItemNode) => i.canReport).map((i: ItemNode) => i.number)).toEqual(['3', '3.3']);
    const anonymous = await getPlan(plan.id, null);
    expect(anonymous.permissions).toEqual({ canManage: false, canReport: false });

    const list = (await t.call('GET', `/api/networks/${networkId}/plans`)).json();
    expect(list.items.find((p: { id: string }) => p.id === plan.id)).toMatchObject({ title: plan.title, summary: { items: 6 } });
    expect(await planState(t.handle.db, networkId)).toMatchObject({ items: expect.any(Number), plans: expect.any(Number) });
  });

  it('shows under an item the events held to fulfil it — only those the caller may see, by their start', async () => {
    const plan = await createPlan({ title: 'План стажировок' });
    const item = await addItem(plan.id, { activity: 'Стажировки учителей математики', responsibleOrganizationIds: [t.fixtures.ownOrganizationId] });
    const own = t.fixtures.ownOrganizationId;
    const day = 24 * 3_600_000;
    const later = await insertEvent(t, own, { title: 'Стажировка, вторая сессия', networkId, planItemId: item.id, startsAt: new Date(Date.now() + 9 * day), endsAt: new Date(Date.now() + 9 * day + 3_600_000) });
    const sooner = await insertEvent(t, own, { title: 'Стажировка, первая сессия', networkId, planItemId: item.id, startsAt: new Date(Date.now() + 2 * day), endsAt: new Date(Date.now() + 2 * day + 3_600_000) });
    const draft = await insertEvent(t, own, { title: 'Стажировка, черновик', networkId, planItemId: item.id, state: 'draft', publishedAt: null });
    await insertEvent(t, own, { title: 'Семинар не по плану', networkId });
    const eventsOf = async (session: Session | null) => flatten((await getPlan(plan.id, session)).items).find((i: ItemNode) => i.id === item.id)!.events.map((e: { id: string }) => e.id);
    // The testkit's draft starts in a week: between the two sessions.
    expect(await eventsOf(coordinator)).toEqual([sooner.id, draft.id, later.id]);
    // A draft is seen by its organisers' staff only (the visibility rule of events), not by an anonymous visitor.
    expect(await eventsOf(null)).toEqual([sooner.id, later.id]);
    const [one] = flatten((await getPlan(plan.id, null)).items).find((i: ItemNode) => i.id === item.id)!.events;
    expect(one).toEqual({ id: sooner.id, title: 'Стажировка, первая сессия', startsAt: sooner.startsAt.toISOString(), state: 'published' });
  });

  it('reports the launch-path state: plans and items of the network, and of its roadmaps', async () => {
    const empty = await seedNetwork(t.handle.db, t.fixtures, { name: 'Пустой округ' });
    expect(await planState(t.handle.db, empty.id)).toEqual({ plans: 0, items: 0, roadmapItems: 0 });
    const response = await t.call('POST', `/api/networks/${empty.id}/plans`, { session: coordinator, body: { title: 'Дорожная карта', kind: 'roadmap' } });
    expect(await planState(t.handle.db, empty.id)).toEqual({ plans: 1, items: 0, roadmapItems: 0 });
    await t.call('POST', `/api/plans/${response.json().id}/items`, { session: coordinator, body: { activity: 'Запуск сети' } });
    expect(await planState(t.handle.db, empty.id)).toEqual({ plans: 1, items: 1, roadmapItems: 1 });
  });

  it('refuses a responsible organisation that is not an active member, in Russian, and writes nothing', async () => {
    const plan = await createPlan();
    const [stranger] = await t.handle.db
      .insert(organizations)
      .values({ kind: 'school', fullName: 'Школа вне сети полное', shortName: 'Школа вне сети', sortKey: russianSortKey('Школа вне сети'), municipalityId: t.fixtures.municipalityId })
      .returning();
    const [items, audits] = [await itemCount(), await auditCount()];
    const response = await t.call('POST', `/api/plans/${plan.id}/items`, { session: coordinator, body: { activity: 'Общая олимпиада', responsibleOrganizationIds: [stranger.id] } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([{ field: 'responsibleOrganizationIds', message: expect.stringContaining('«Школа вне сети»') }]);
    expect([await itemCount(), await auditCount()]).toEqual([items, audits]);
  });

  it('answers bad input field by field with Russian messages and changes nothing', async () => {
    const plan = await createPlan();
    const items = await itemCount();
    const badFields = await t.call('POST', `/api/plans/${plan.id}/items`, {
      session: coordinator,
      body: { activity: '', startsOn: '2025-02-30', progress: 140, state: 'finished', evidence: { kind: 'photo', reference: '' } },
    });
    expect(badFields.statusCode).toBe(400);
    const fields = badFields.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['activity', 'evidence.kind', 'evidence.reference', 'progress', 'startsOn', 'state']);
    expect(badFields.json().errors.find((e: { field: string }) => e.field === 'progress').message).toBe('Выполнение от 0 до 100 %');

    const backwards = await t.call('POST', `/api/plans/${plan.id}/items`, { session: coordinator, body: { activity: 'Семинар', startsOn: '2025-10-01', endsOn: '2025-09-01' } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'endsOn', message: 'Окончание не может быть раньше начала' }]);

    const doneAt60 = await t.call('POST', `/api/plans/${plan.id}/items`, { session: coordinator, body: { activity: 'Семинар', state: 'done', progress: 60 } });
    expect(doneAt60.statusCode).toBe(400);
    expect(doneAt60.json().errors[0].field).toBe('progress');

    const badLink = await t.call('POST', `/api/plans/${plan.id}/items`, { session: coordinator, body: { activity: 'Семинар', evidence: { kind: 'link', reference: 'школа.рф/отчёт' } } });
    expect(badLink.statusCode).toBe(400);
    expect(badLink.json().errors).toEqual([{ field: 'evidence.reference', message: 'Ссылка начинается с http:// или https://' }]);

    const badPlan = await t.call('POST', `/api/networks/${networkId}/plans`, { session: coordinator, body: { title: 'П', periodStart: '2026-01-01', periodEnd: '2025-01-01' } });
    expect(badPlan.statusCode).toBe(400);
    expect(badPlan.json().errors.map((e: { field: string }) => e.field)).toEqual(['title']);
    expect(await itemCount()).toBe(items);
  });

  it('lets the head of a responsible member report state, progress and evidence — and nothing else', async () => {
    const plan = await createPlan();
    const item = await addItem(plan.id, { activity: 'Сетевой семинар для учителей математики', endsOn: '2026-03-31', responsibleOrganizationIds: [t.fixtures.otherOrganizationId] });
    const foreign = await addItem(plan.id, { activity: 'Педсовет базовой школы', responsibleOrganizationIds: [t.fixtures.ownOrganizationId] });

    const report = await t.call('PATCH', `/api/plan-items/${item.id}`, {
      session: memberHead,
      // A form may send the unchanged fields back; only the changed ones count.
      body: { version: item.version, activity: item.activity, state: 'in_progress', progress: 40, evidence: { kind: 'link', reference: 'https://school2.example.ru/seminar' } },
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ state: 'in_progress', progress: 40, version: item.version + 1, evidence: { kind: 'link', reference: 'https://school2.example.ru/seminar' } });

    const planning = await t.call('PATCH', `/api/plan-items/${item.id}`, { session: memberHead, body: { version: item.version + 1, activity: 'Другое мероприятие', endsOn: '2026-06-30' } });
    expect(planning.statusCode).toBe(403);
    expect(planning.json().detail).toContain('координатор');
    const notTheirs = await t.call('PATCH', `/api/plan-items/${foreign.id}`, { session: memberHead, body: { version: foreign.version, progress: 10 } });
    expect(notTheirs.statusCode).toBe(403);
    const asTeacher = await t.call('PATCH', `/api/plan-items/${foreign.id}`, { session: teacher, body: { version: foreign.version, progress: 10 } });
    expect(asTeacher.statusCode).toBe(403);
    const stranger = await t.call('PATCH', `/api/plan-items/${item.id}`, { session: authorityElsewhere, body: { version: item.version + 1, progress: 90 } });
    expect(stranger.statusCode).toBe(403);

    const done = await t.call('PATCH', `/api/plan-items/${item.id}`, { session: memberHead, body: { version: item.version + 1, state: 'done' } });
    expect(done.json()).toMatchObject({ state: 'done', progress: 100, status: 'done' });
    const lowered = await t.call('PATCH', `/api/plan-items/${item.id}`, { session: memberHead, body: { version: item.version + 2, progress: 70 } });
    expect(lowered.statusCode).toBe(400);
    expect(lowered.json().errors[0].message).toContain('100 %');

    const [entry] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'plan_item.updated'), eq(auditEntries.entityId, item.id))).orderBy(auditEntries.id);
    expect(entry.actorId).toBe(t.fixtures.actors.otherOrgAdmin!.userId);
    expect(entry.actorIp).toBe('127.0.0.1');
    expect(entry.before).toMatchObject({ state: 'planned', progress: 0 });
    expect(entry.after).toMatchObject({ state: 'in_progress', progress: 40 });
  });

  it('stops reporting by an organisation that has left the network, and shows it as no longer a member', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ с выбывшей школой' });
    const planResponse = await t.call('POST', `/api/networks/${network.id}/plans`, { session: coordinator, body: { title: 'План округа' } });
    const plan = planResponse.json();
    const item = await addItem(plan.id, { activity: 'Совместная конференция школьников', responsibleOrganizationIds: [t.fixtures.otherOrganizationId] });
    await t.handle.db
      .update(networkMembers)
      .set({ state: 'left', leftOn: '2025-01-01' })
      .where(and(eq(networkMembers.networkId, network.id), eq(networkMembers.organizationId, t.fixtures.otherOrganizationId)));

    const report = await t.call('PATCH', `/api/plan-items/${item.id}`, { session: memberHead, body: { version: item.version, progress: 10 } });
    expect(report.statusCode).toBe(403);
    const view = await getPlan(plan.id);
    expect(view.items[0].responsibleOrganizations).toEqual([{ id: t.fixtures.otherOrganizationId, shortName: 'СОШ № 2', activeMember: false }]);
    // The coordinator can still edit the item without having to drop the former member first…
    const edit = await t.call('PATCH', `/api/plan-items/${item.id}`, { session: coordinator, body: { version: item.version, activity: 'Совместная конференция школьников округа' } });
    expect(edit.statusCode, edit.body).toBe(200);
    // …but cannot name it anew on another item.
    const again = await t.call('POST', `/api/plans/${plan.id}/items`, { session: coordinator, body: { activity: 'Олимпиада', responsibleOrganizationIds: [t.fixtures.otherOrganizationId] } });
    expect(again.statusCode).toBe(400);
  });

  it('answers a stale version with 409; of two simultaneous edits exactly one wins', async () => {
    const plan = await createPlan();
    const item = await addItem(plan.id, { activity: 'Фестиваль проектов' });
    const [a, b] = await Promise.all([
      t.call('PATCH', `/api/plan-items/${item.id}`, { session: coordinator, body: { version: item.version, expectedResult: 'Представлено не менее 20 проектов' } }),
      t.call('PATCH', `/api/plan-items/${item.id}`, { session: coordinator, body: { version: item.version, expectedResult: 'Сборник лучших проектов' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().detail).toContain('другой пользователь');
    const [stored] = await t.handle.db.select().from(planItems).where(eq(planItems.id, item.id));
    expect(stored.version).toBe(item.version + 1);
    const stale = await t.call('PATCH', `/api/plan-items/${item.id}`, { session: coordinator, body: { version: item.version, progress: 10 } });
    expect(stale.statusCode).toBe(409);
    expect((await t.call('PATCH', `/api/plan-items/${item.id}`, { session: coordinator, body: { progress: 10 } })).statusCode).toBe(400);
  });

  it('reorders and reparents items, never under themselves or their own sub-items', async () => {
    const plan = await createPlan();
    const a = await addItem(plan.id, { activity: 'Пункт А' });
    const b = await addItem(plan.id, { activity: 'Пункт Б' });
    const a1 = await addItem(plan.id, { parentId: a.id, activity: 'Пункт А.1' });
    const a11 = await addItem(plan.id, { parentId: a1.id, activity: 'Пункт А.1.1' });
    const numbers = async () => flatten((await getPlan(plan.id)).items).map((i) => `${i.number} ${i.activity}`);

    const reorder = await t.call('POST', `/api/plan-items/${b.id}/move`, { session: coordinator, body: { position: 0 } });
    expect(reorder.statusCode, reorder.body).toBe(200);
    expect(await numbers()).toEqual(['1 Пункт Б', '2 Пункт А', '2.1 Пункт А.1', '2.1.1 Пункт А.1.1']);

    const reparent = await t.call('POST', `/api/plan-items/${a1.id}/move`, { session: coordinator, body: { parentId: b.id } });
    expect(reparent.statusCode).toBe(200);
    expect(await numbers()).toEqual(['1 Пункт Б', '1.1 Пункт А.1', '1.1.1 Пункт А.1.1', '2 Пункт А']);

    const otherPlan = await createPlan();
    const elsewhere = await addItem(otherPlan.id, { activity: 'Чужой пункт' });
    const audits = await auditCount();
    for (const target of [b.id, a11.id]) {
      const cycle = await t.call('POST', `/api/plan-items/${b.id}/move`, { session: coordinator, body: { parentId: target } });
      expect(cycle.statusCode).toBe(400);
      expect(cycle.json().detail).toBe('Пункт нельзя вложить в самого себя или в свой подпункт.');
    }
    expect((await t.call('POST', `/api/plan-items/${a.id}/move`, { session: coordinator, body: { parentId: elsewhere.id } })).statusCode).toBe(400);
    expect(await numbers()).toEqual(['1 Пункт Б', '1.1 Пункт А.1', '1.1.1 Пункт А.1.1', '2 Пункт А']);
    expect(await auditCount()).toBe(audits);

    const toTop = await t.call('POST', `/api/plan-items/${a11.id}/move`, { session: coordinator, body: { parentId: null, position: 1 } });
    expect(flatten(toTop.json().items).map((i: ItemNode) => `${i.number} ${i.activity}`)).toEqual(['1 Пункт Б', '1.1 Пункт А.1', '2 Пункт А.1.1', '3 Пункт А']);
    const moved = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'plan_item.moved'), eq(auditEntries.entityId, a11.id)));
    expect(moved[0]).toMatchObject({ before: { parentId: a1.id }, after: { parentId: null, position: 1 } });
  });

  it('never lets two simultaneous moves make a cycle', async () => {
    const plan = await createPlan();
    const a = await addItem(plan.id, { activity: 'Пункт А' });
    const b = await addItem(plan.id, { activity: 'Пункт Б' });
    const results = await Promise.all([
      t.call('POST', `/api/plan-items/${a.id}/move`, { session: coordinator, body: { parentId: b.id } }),
      t.call('POST', `/api/plan-items/${b.id}/move`, { session: coordinator, body: { parentId: a.id } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const rows = await t.handle.db.select().from(planItems).where(eq(planItems.planId, plan.id));
    expect(rows.filter((r) => r.parentId === null)).toHaveLength(1);
  });

  it('deletes an item with its sub-items, closes the gap and audits every removed item', async () => {
    const plan = await createPlan();
    const a = await addItem(plan.id, { activity: 'Пункт А' });
    await addItem(plan.id, { parentId: a.id, activity: 'Пункт А.1' });
    await addItem(plan.id, { parentId: a.id, activity: 'Пункт А.2' });
    const b = await addItem(plan.id, { activity: 'Пункт Б' });
    const response = await t.call('DELETE', `/api/plan-items/${a.id}`, { session: coordinator });
    expect(response.json()).toEqual({ deleted: 3 });
    const view = await getPlan(plan.id);
    expect(flatten(view.items).map((i) => `${i.number} ${i.id}`)).toEqual([`1 ${b.id}`]);
    const deleted = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'plan_item.deleted'));
    expect(deleted.filter((e) => (e.before as { planId: string }).planId === plan.id)).toHaveLength(3);
    expect((await t.call('DELETE', `/api/plan-items/${a.id}`, { session: coordinator })).statusCode).toBe(404);
  });

  it('renames and deletes a plan, with audit entries', async () => {
    const plan = await createPlan();
    await addItem(plan.id, { activity: 'Пункт' });
    const renamed = await t.call('PATCH', `/api/plans/${plan.id}`, { session: coordinator, body: { title: 'Дорожная карта округа на 2026 год', kind: 'roadmap', periodStart: '2026-01-01' } });
    expect(renamed.json()).toMatchObject({ title: 'Дорожная карта округа на 2026 год', kind: 'roadmap', periodStart: '2026-01-01' });
    const backwards = await t.call('PATCH', `/api/plans/${plan.id}`, { session: coordinator, body: { periodEnd: '2025-12-31' } });
    expect(backwards.statusCode).toBe(400);
    const removed = await t.call('DELETE', `/api/plans/${plan.id}`, { session: coordinator });
    expect(removed.statusCode).toBe(204);
    expect((await t.call('GET', `/api/plans/${plan.id}`)).statusCode).toBe(404);
    expect(await t.handle.db.select().from(plans).where(eq(plans.id, plan.id))).toEqual([]);
    const actions = (await t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, plan.id))).map((e) => e.action).sort();
    expect(actions).toEqual(['plan.created', 'plan.deleted', 'plan.updated']);
    const [deletion] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, plan.id), eq(auditEntries.action, 'plan.deleted')));
    expect((deletion.before as { items: unknown[] }).items).toHaveLength(1);
  });

  it('hides the plans of a members-only network from outsiders, as if they did not exist', async () => {
    const closed = await seedNetwork(t.handle.db, t.fixtures, { name: 'Закрытый округ', visibility: 'members' });
    const plan = (await t.call('POST', `/api/networks/${closed.id}/plans`, { session: coordinator, body: { title: 'Закрытый план' } })).json();
    const item = await addItem(plan.id, { activity: 'Внутреннее совещание' });
    // A head of a school outside the network, and nobody signed in.
    const outsider = await t.handle.db
      .insert(organizations)
      .values({ kind: 'school', fullName: 'Посторонняя школа полное', shortName: 'Посторонняя школа', sortKey: russianSortKey('Посторонняя школа'), municipalityId: t.fixtures.municipalityId })
      .returning();
    await t.handle.db.insert(memberships).values({ userId: t.fixtures.actors.expert!.userId, organizationId: outsider[0].id, role: 'org_admin' });
    const expert = await t.signIn('expert');
    for (const session of [null, expert]) {
      expect((await t.call('GET', `/api/plans/${plan.id}`, { session })).statusCode).toBe(404);
      expect((await t.call('GET', `/api/networks/${closed.id}/plans`, { session })).statusCode).toBe(404);
      expect((await t.call('GET', `/api/plans/${plan.id}/export?format=docx`, { session })).statusCode).toBe(404);
    }
    expect((await t.call('PATCH', `/api/plan-items/${item.id}`, { session: expert, body: { version: 1, progress: 5 } })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/plans/${plan.id}`, { session: memberHead })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/plans/${plan.id}`, { session: teacher })).statusCode).toBe(200);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const spec = (await t.call('GET', '/api/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/networks/{networkId}/plans', '/api/plans/{id}', '/api/plans/{id}/items', '/api/plan-items/{id}', '/api/plan-items/{id}/move', '/api/plans/{id}/import', '/api/plans/{id}/export']),
    );
  });

  it('writes an audit entry for every kind of change', async () => {
    const actions = (await t.handle.db.select({ action: auditEntries.action }).from(auditEntries).where(like(auditEntries.action, 'plan%'))).map((r) => r.action);
    for (const action of ['plan.created', 'plan.updated', 'plan.deleted', 'plan_item.created', 'plan_item.updated', 'plan_item.moved', 'plan_item.deleted']) {
      expect(actions).toContain(action);
    }
  });
});
