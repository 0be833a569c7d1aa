import { randomUUID } from 'node:crypto';
import { asc, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database';
import { type Fixtures, seedFixtures } from '../../../test/fixtures';
import { organizations } from '../../modules/organizations/schema';
import { auditEntries } from '../audit/schema';
import type { DatabaseHandle } from './client';
import { insertMany } from './insert-many';

let handle: DatabaseHandle;
let fixtures: Fixtures;
beforeAll(async () => {
  handle = await openTestDatabase();
  fixtures = await seedFixtures(handle.db);
});
afterAll(() => handle?.close());

describe('insertMany', () => {
  it('writes JSON, arrays, numbers, dates and nulls as a plain insert would, leaving defaults to the table', async () => {
    const ids = [randomUUID(), randomUUID()];
    await insertMany(handle.db, auditEntries, [
      { actorId: null, actorIp: '203.0.113.1', action: 'test.one', entityType: 'test', entityId: ids[0], before: null, after: { nested: { list: [1, 'два'] }, quote: 'O\'Neil "x"' } },
      { actorId: fixtures.actors.operator!.userId, actorIp: null, action: 'test.two', entityType: 'test', entityId: ids[1], before: { n: 1 }, after: null },
    ]);
    const audit = await handle.db.select().from(auditEntries).where(inArray(auditEntries.entityId, ids)).orderBy(asc(auditEntries.action));
    expect(audit).toMatchObject([
      { entityId: ids[0], actorId: null, actorIp: '203.0.113.1', before: null, after: { nested: { list: [1, 'два'] }, quote: 'O\'Neil "x"' } },
      { actorId: fixtures.actors.operator!.userId, actorIp: null, before: { n: 1 }, after: null },
    ]);
    expect(audit.every((entry) => entry.at instanceof Date && entry.id > 0)).toBe(true);

    const createdAt = new Date('2025-03-01T09:30:00.123Z');
    await insertMany(handle.db, organizations, [
      { kind: 'school', fullName: 'Школа «Ромашка»', shortName: 'Ромашка', sortKey: 'ромашка', municipalityId: fixtures.municipalityId, statuses: ['base_school', 'resilient'], lat: 54.7123, lon: 20.5, createdAt },
    ]);
    const [school] = await handle.db.select().from(organizations).where(inArray(organizations.shortName, ['Ромашка']));
    expect(school).toMatchObject({ kind: 'school', statuses: ['base_school', 'resilient'], lat: 54.7123, lon: 20.5, createdAt, state: 'unverified', version: 1 });
  });
});
