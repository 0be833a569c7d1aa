import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database';
import { seedFixtures } from '../../../test/fixtures';
import { organizations } from '../../modules/organizations/schema';
import { users } from '../../modules/accounts/schema';
import { auditEntries } from '../audit/schema';
import { recordAudit } from '../audit/record-audit';
import type { DatabaseHandle } from './client';
import { backupDatabase, restoreDatabase } from './backup';
import { sql } from 'drizzle-orm';

describe('backup and restore', () => {
  let source: DatabaseHandle;
  let target: DatabaseHandle;
  beforeAll(async () => {
    source = await openTestDatabase();
    target = await openTestDatabase();
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('restores every row into another database, search and sequences working', async () => {
    await seedFixtures(source.db);
    await recordAudit(source.db, { actor: null, ip: 'test' }, { action: 'test.entry', entityType: 'test', entityId: null });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'orbita-backup-')), 'backup.jsonl.gz');
    const written = await backupDatabase(source, file);
    expect(written.organizations).toBe(2);

    await seedFixtures(target.db);
    const restored = await restoreDatabase(target, file);
    expect(restored).toEqual(written);
    const names = (await target.db.select({ name: organizations.shortName }).from(organizations)).map((r) => r.name).sort();
    expect(names).toEqual(['СОШ № 1', 'СОШ № 2']);
    expect(await target.db.select().from(users)).toHaveLength(8);
    const found = await target.db.select().from(organizations).where(sql`${organizations.searchVector} @@ to_tsquery('russian', 'школы')`);
    expect(found).toHaveLength(2);
    // The audit sequence continues after the restored ids.
    await recordAudit(target.db, { actor: null, ip: 'test' }, { action: 'after.restore', entityType: 'test', entityId: null });
    const ids = (await target.db.select({ id: auditEntries.id }).from(auditEntries)).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
