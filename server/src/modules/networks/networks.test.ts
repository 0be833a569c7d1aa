import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { type Session, type TestApp, openTestApp } from '../../../test/app';

describe('networks', () => {
  let t: TestApp;
  let coordinator: Session;
  let otherHead: Session;
  let networkId: string;

  beforeAll(async () => {
    t = await openTestApp();
    coordinator = await t.signIn('orgAdmin');
    otherHead = await t.signIn('otherOrgAdmin');
    const created = await t.call('POST', '/api/networks', {
      session: coordinator,
      body: { name: 'Школьный округ «Северный»', kind: 'district', strategicGoal: 'Равный доступ к качественному образованию', tacticalGoals: ['Обмен ресурсами'], managingOrganizationId: t.fixtures.ownOrganizationId },
    });
    expect(created.statusCode, created.body).toBe(201);
    networkId = created.json().id;
  });
  afterAll(() => t.close());

  it('creates a district whose managing school is its active base member, covering its municipality', async () => {
    const network = (await t.call('GET', `/api/networks/${networkId}`, { session: coordinator })).json();
    expect(network.municipalityIds).toEqual([t.fixtures.municipalityId]);
    expect(network.members).toEqual([expect.objectContaining({ organizationId: t.fixtures.ownOrganizationId, role: 'base', state: 'active' })]);
    expect(network.permissions.canManage).toBe(true);
    const [entry] = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'network.created'));
    expect(entry.entityId).toBe(networkId);
  });

  it('refuses a role that does not fit the kind of network', async () => {
    const response = await t.call('POST', `/api/networks/${networkId}/invitations`, { session: coordinator, body: { organizationId: t.fixtures.otherOrganizationId, role: 'satellite' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('role');
  });

  it('invites an organisation, refuses a second invitation while it is pending, and counts a double acceptance once', async () => {
    const invited = await t.call('POST', `/api/networks/${networkId}/invitations`, { session: coordinator, body: { organizationId: t.fixtures.otherOrganizationId, role: 'member', message: 'Приглашаем в округ' } });
    expect(invited.statusCode, invited.body).toBe(201);
    const again = await t.call('POST', `/api/networks/${networkId}/invitations`, { session: coordinator, body: { organizationId: t.fixtures.otherOrganizationId, role: 'member' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('СОШ № 2');

    const memberId = invited.json().id;
    const [a, b] = await Promise.all([
      t.call('POST', `/api/network-members/${memberId}/accept`, { session: otherHead }),
      t.call('POST', `/api/network-members/${memberId}/accept`, { session: otherHead }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const network = (await t.call('GET', `/api/networks/${networkId}`)).json();
    expect(network.members.filter((m: { state: string }) => m.state === 'active')).toHaveLength(2);
    const listed = (await t.call('GET', `/api/networks?organizationId=${t.fixtures.otherOrganizationId}`)).json();
    expect(listed.items.map((n: { id: string }) => n.id)).toEqual([networkId]);
    expect(listed.items[0].memberCount).toBe(2);
  });

  it('lets a member leave but not the managing organisation', async () => {
    const network = (await t.call('GET', `/api/networks/${networkId}`)).json();
    const other = network.members.find((m: { organizationId: string; state: string }) => m.organizationId === t.fixtures.otherOrganizationId && m.state === 'active');
    const base = network.members.find((m: { organizationId: string }) => m.organizationId === t.fixtures.ownOrganizationId);
    expect((await t.call('POST', `/api/network-members/${base.id}/leave`, { session: coordinator })).statusCode).toBe(409);
    const left = await t.call('POST', `/api/network-members/${other.id}/leave`, { session: otherHead });
    expect(left.json()).toMatchObject({ state: 'left', leftOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('handles a request to join that the coordinator approves', async () => {
    const requested = await t.call('POST', `/api/networks/${networkId}/requests`, { session: otherHead, body: { organizationId: t.fixtures.otherOrganizationId, role: 'member', message: 'Просим принять' } });
    expect(requested.statusCode, requested.body).toBe(201);
    expect((await t.call('POST', `/api/network-members/${requested.json().id}/accept`, { session: otherHead })).statusCode).toBe(403);
    const approved = await t.call('POST', `/api/network-members/${requested.json().id}/accept`, { session: coordinator });
    expect(approved.json().state).toBe('active');
  });

  it('hides a member-only network from outsiders and shows it to members', async () => {
    const hidden = await t.call('POST', '/api/networks', {
      session: coordinator,
      body: { name: 'Закрытая ассоциация', kind: 'association', visibility: 'members', managingOrganizationId: t.fixtures.ownOrganizationId },
    });
    const id = hidden.json().id;
    // A hidden network answers as missing, so outsiders cannot even learn that it exists.
    expect((await t.call('GET', `/api/networks/${id}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/networks/${id}`, { session: otherHead })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/networks', { session: otherHead })).json().items.map((n: { id: string }) => n.id)).not.toContain(id);
    expect((await t.call('GET', `/api/networks/${id}`, { session: await t.signIn('teacher') })).statusCode).toBe(200);
  });

  it('nests networks as a tree and refuses a cycle', async () => {
    const local = await t.call('POST', '/api/networks', {
      session: coordinator,
      body: { name: 'Локальный альянс', kind: 'local_alliance', parentNetworkId: networkId, managingOrganizationId: t.fixtures.ownOrganizationId },
    });
    const parent = (await t.call('GET', `/api/networks/${networkId}`)).json();
    expect(parent.children.map((c: { id: string }) => c.id)).toEqual([local.json().id]);
    const cycle = await t.call('PATCH', `/api/networks/${networkId}`, { session: coordinator, body: { version: parent.version, parentNetworkId: local.json().id } });
    expect(cycle.statusCode).toBe(400);
  });

  it('updates with optimistic concurrency', async () => {
    const current = (await t.call('GET', `/api/networks/${networkId}`)).json();
    const first = await t.call('PATCH', `/api/networks/${networkId}`, { session: coordinator, body: { version: current.version, directions: ['Профильное обучение'] } });
    expect(first.statusCode).toBe(200);
    const stale = await t.call('PATCH', `/api/networks/${networkId}`, { session: coordinator, body: { version: current.version, directions: ['Другое'] } });
    expect(stale.statusCode).toBe(409);
    expect((await t.call('GET', `/api/networks/${networkId}`)).json().directions).toEqual(['Профильное обучение']);
  });

  it('shows the launch path, lets the coordinator mark steps no data proves, and refuses an early launch', async () => {
    const path = (await t.call('GET', `/api/networks/${networkId}/launch-path`)).json();
    expect(path.current).toBe('council');
    expect(path.steps.map((s: { step: string }) => s.step)).toEqual(['council', 'agreement', 'regulation', 'inventory', 'educational_map', 'information', 'plan', 'launch']);
    const marked = await t.call('PUT', `/api/networks/${networkId}/launch-path/information`, { session: coordinator, body: { done: true, note: 'Страница округа на сайте комитета' } });
    expect(marked.json().steps.find((s: { step: string }) => s.step === 'information')).toMatchObject({ done: true, source: 'manual', detail: 'Страница округа на сайте комитета' });
    const proven = await t.call('PUT', `/api/networks/${networkId}/launch-path/council`, { session: coordinator, body: { done: true } });
    expect(proven.statusCode).toBe(409);
    const early = await t.call('POST', `/api/networks/${networkId}/launch`, { session: coordinator });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('Не выполнено шагов');
    const unmarked = await t.call('PUT', `/api/networks/${networkId}/launch-path/information`, { session: coordinator, body: { done: false } });
    expect(unmarked.json().steps.find((s: { step: string }) => s.step === 'information').done).toBe(false);
  });
});
