import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../test/app';
import { certificates } from '../modules/certificates/schema';
import { insertEventUnderWay, insertPerson, insertRegistration } from '../modules/events/check-in.testkit';
import { eventRegistrations } from '../modules/events/schema';
import { seedDemoCertificates } from './seed-demo-certificates';

describe('demo: the Altai seminar after the door', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('checks the heads in (one ticked on the list, one absent) and issues their certificates through the commands', async () => {
    const DAY = 86_400_000;
    const seminar = await insertEventUnderWay(t, t.fixtures.ownOrganizationId, { state: 'finished', startsAt: new Date(Date.now() - 21 * DAY), endsAt: new Date(Date.now() - 21 * DAY + 5 * 3_600_000) });
    for (let i = 0; i < 5; i++) await insertRegistration(t, seminar.id, { userId: (await insertPerson(t)).userId });
    const heads = { id: () => t.fixtures.ownOrganizationId, headOf: async () => t.fixtures.actors.orgAdmin! };
    expect(await seedDemoCertificates(t.handle.db, heads, { 'pvl-heads-seminar': seminar.id })).toEqual({ certificates: 4 });
    const rows = await t.handle.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, seminar.id));
    expect(rows.filter((r) => r.checkedInAt).length).toBe(4);
    expect(rows.every((r) => !r.checkedInAt || (r.checkedInAt < seminar.endsAt && r.checkedInAt > new Date(seminar.startsAt.getTime() - 3_600_000)))).toBe(true);
    const issued = await t.handle.db.select().from(certificates).where(eq(certificates.sourceId, seminar.id));
    expect(issued.every((c) => c.issuedAt > seminar.endsAt && c.issuedAt < new Date())).toBe(true);
    expect(await seedDemoCertificates(t.handle.db, heads, {})).toEqual({ certificates: 0 });
  });
});
