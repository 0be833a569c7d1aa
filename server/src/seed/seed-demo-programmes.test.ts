import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from '../platform/db/client';
import { demoHeads } from './demo-heads';
import { demoNetworks } from './demo-networks';
import { demoAccounts, demoOrganizations } from '../modules/organizations/demo/demo-region';
import { organizations } from '../modules/organizations/schema';
import { networks } from '../modules/networks/schema';
import { listProgrammePoints, listProgrammes } from '../modules/programmes/list-programmes';
import { programmes } from '../modules/programmes/schema';
import { demoProgrammes, seedDemoProgrammes } from './seed-demo-programmes';
import { seedDemoRegion } from './seed-demo';

describe('demo programmes', () => {
  let handle: DatabaseHandle;
  const catalogue = (query: Parameters<typeof listProgrammes>[1] = {}) => listProgrammes({ db: handle.db, actor: null, ip: 'test' }, { pageSize: 100, ...query });

  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedDemoRegion({ db: handle.db, actor: null, ip: 'test' });
    // The demo region may already seed them (once the call is wired into seedDemoRegion).
    if ((await handle.db.select({ id: programmes.id }).from(programmes)).length === 0) {
      const byInn = new Map((await handle.db.select({ id: organizations.id, inn: organizations.inn }).from(organizations)).map((o) => [o.inn, o.id]));
      const byName = new Map((await handle.db.select({ id: networks.id, name: networks.name }).from(networks)).map((n) => [n.name, n.id]));
      const heads = await demoHeads(handle.db, new Map(demoOrganizations.map((o) => [o.key, byInn.get(o.inn)!])), demoAccounts[0].password);
      const { programmeIds } = await seedDemoProgrammes(handle.db, heads, new Map(demoNetworks.map((n) => [n.key, byName.get(n.name)!])));
      expect(Object.keys(programmeIds)).toEqual(Object.keys(demoProgrammes));
    }
  }, 120_000);
  afterAll(() => handle.close());

  it('publishes every demo programme with its classes, one nearly full and one by campaign', async () => {
    const all = await catalogue();
    expect(all.total).toBe(Object.keys(demoProgrammes).length);
    expect(all.items.every((p) => p.state === 'published' && p.slots.length > 0)).toBe(true);
    expect(all.items.filter((p) => p.capacity === 2).map((p) => p.title)).toEqual(['3D-моделирование и прототипирование']);
    expect(all.items.filter((p) => p.enrolmentMode === 'campaign').map((p) => p.title)).toEqual(['Олимпиадная математика (центр работы с одарёнными детьми)']);
    expect((await listProgrammePoints({ db: handle.db, actor: null, ip: 'test' }, {})).points.length).toBe(all.total);
  });

  it('finds robotics at the Kaliningrad centre and the project course of school No. 31', async () => {
    expect((await catalogue({ q: 'робототехника' })).items.map((p) => p.provider.shortName)).toContain('ГАУ КО ДО «ЦИТТ»');
    expect((await catalogue({ q: 'проектная деятельность' })).items.map((p) => p.provider.shortName)).toContain('МБОУ СОШ № 31');
  });

  it('offers programmes in the networks their providers belong to', async () => {
    const [alliance] = demoNetworks.filter((n) => n.key === 'kld-alliance');
    const rows = await handle.db.select({ id: networks.id, name: networks.name }).from(networks);
    const allianceId = rows.find((r) => r.name === alliance.name)!.id;
    const inAlliance = await catalogue({ networkId: allianceId });
    expect(inAlliance.items.map((p) => p.title)).toContain('Робототехника: от конструктора к соревнованиям');
  });
});
