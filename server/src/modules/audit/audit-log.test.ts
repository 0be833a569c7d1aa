import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { recordAudit } from '../../platform/audit/record-audit';
import { organizations } from '../organizations/schema';

describe('audit log browsing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('filters by a period given as instants, and refuses a period outside the calendar it can store', async () => {
    const operator = await t.signIn('operator');
    const now = Date.now();
    const around = await t.call('GET', `/api/audit?from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now + 60_000).toISOString()}`, { session: operator });
    expect(around.statusCode).toBe(200);
    expect(around.json().items.map((e: { action: string }) => e.action)).toContain('auth.sign_in');
    const future = await t.call('GET', `/api/audit?from=${new Date(now + 3_600_000).toISOString()}`, { session: operator });
    expect(future.json().total).toBe(0);

    const year0 = await t.call('GET', '/api/audit?from=0000-01-01T00:00:00Z', { session: operator });
    expect(year0.statusCode).toBe(400);
    expect(year0.json().detail).toContain('Начало периода');
  });

  it('names the objects of a page (an organisation by its short name), keeps children by id, and offers its actors as filter choices', async () => {
    const operator = await t.signIn('operator');
    const [own] = await t.handle.db.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, t.fixtures.ownOrganizationId));
    const child = randomUUID();
    const actor = t.fixtures.actors.orgAdmin!;
    await recordAudit(t.handle.db, { actor, ip: '127.0.0.1' }, { action: 'organization.updated', entityType: 'organization', entityId: t.fixtures.ownOrganizationId });
    await recordAudit(t.handle.db, { actor, ip: '127.0.0.1' }, { action: 'child.updated', entityType: 'child', entityId: child });

    const page = (await t.call('GET', `/api/audit?actorId=${actor.userId}`, { session: operator })).json();
    const byType = Object.fromEntries(page.items.map((e: { entityType: string; entityName: string | null; entityId: string }) => [e.entityType, e]));
    expect(byType.organization).toMatchObject({ entityId: t.fixtures.ownOrganizationId, entityName: own.shortName });
    expect(byType.child).toMatchObject({ entityId: child, entityName: null });

    const actors = await t.call('GET', '/api/audit/actors', { session: operator });
    expect(actors.statusCode).toBe(200);
    expect(actors.json().items).toContainEqual({ id: actor.userId, fullName: actor.fullName });
    expect((await t.call('GET', '/api/audit/actors', { session: await t.signIn('authority') })).statusCode).toBe(403);
  });
});
