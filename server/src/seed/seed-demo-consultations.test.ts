import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../test/app';
import { seedNetwork } from '../../test/network-fixtures';
import { consultationRequests } from '../modules/consultations/schema';
import { insertTestEvent, registerForTestEvent } from '../modules/events/material.testkit';
import { eventMaterialFiles, eventMaterials } from '../modules/events/material-schema';
import { events } from '../modules/events/schema';
import { feedbackResponses } from '../modules/feedback/schema';
import { seedDemoConsultations, seedDemoEventMaterials } from './seed-demo-consultations';

describe('demo: the Kekin gymnasium’s consultations and the Altai seminar’s materials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('seeds a held, a proposed and a requested consultation through the commands', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { kind: 'partnership' });
    const keys: Record<string, string> = { 'rst-gymnasium-kekin': t.fixtures.ownOrganizationId, 'rst-school-poreche': t.fixtures.otherOrganizationId };
    const heads = { id: (key: string) => keys[key], headOf: async (key: string) => (key === 'rst-gymnasium-kekin' ? t.fixtures.actors.orgAdmin! : t.fixtures.actors.otherOrgAdmin!) };
    expect(await seedDemoConsultations(t.handle.db, heads, new Map([['rst-partnership', network.id]]))).toEqual({ consultations: 3 });
    const rows = await t.handle.db.select().from(consultationRequests);
    expect(rows.map((r) => r.state).sort()).toEqual(['accepted', 'proposed', 'requested']);
    const [event] = await t.handle.db.select().from(events).where(eq(events.id, rows.find((r) => r.state === 'accepted')!.eventId!));
    expect(event.endsAt < new Date()).toBe(true);
    const record = (await t.call('GET', `/api/networks/${network.id}/consultations`)).json();
    expect(record).toMatchObject({ held: 1, upcoming: 0 });
  });

  it('attaches the seminar’s materials and its heads’ answers', async () => {
    const seminar = await insertTestEvent(t.handle.db, { organizationId: t.fixtures.ownOrganizationId });
    for (const role of ['teacher', 'authority', 'expert'] as const) await registerForTestEvent(t.handle.db, seminar.id, { userId: t.fixtures.actors[role]!.userId });
    const heads = { id: () => t.fixtures.ownOrganizationId, headOf: async () => t.fixtures.actors.orgAdmin! };
    expect(await seedDemoEventMaterials(t.handle.db, heads, { 'pvl-heads-seminar': seminar.id })).toEqual({ materials: 3, answers: 3 });
    expect(await t.handle.db.select().from(eventMaterials).where(eq(eventMaterials.eventId, seminar.id))).toHaveLength(3);
    const [file] = await t.handle.db.select().from(eventMaterialFiles);
    expect(file.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await t.handle.db.select().from(feedbackResponses)).toHaveLength(3);
    expect(await seedDemoEventMaterials(t.handle.db, heads, {})).toEqual({ materials: 0, answers: 0 });
  });
});
