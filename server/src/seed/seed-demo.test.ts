import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from '../platform/db/client';
import { verifySignatureChains } from '../modules/documents/verify-signatures';
import { computeLaunchPath } from '../modules/networks/get-launch-path';
import { networks } from '../modules/networks/schema';
import { seedDemoRegion } from './seed-demo';

describe('demo region', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(() => handle.close());

  it('loads the seeds’ organisations and networks, each network at a different stage of its launch path, with intact signatures', async () => {
    const counts = await seedDemoRegion({ db: handle.db, actor: null, ip: 'test' });
    expect(counts).toMatchObject({ municipalities: 6, organizations: 80, networks: 6 });
    const stages = new Map<string, number>();
    for (const network of await handle.db.select().from(networks)) stages.set(network.name, (await computeLaunchPath(handle.db, network)).completed);
    expect(stages.get('Калининградский альянс «Общественные ресурсы образования»')).toBe(8);
    expect(stages.get('Павловский школьный образовательный округ')).toBe(1);
    expect(new Set(stages.values()).size).toBeGreaterThanOrEqual(4);
    const report = await verifySignatureChains(handle.db);
    expect(report.broken).toEqual([]);
    expect(report.signatures).toBeGreaterThan(40);
  });
});
