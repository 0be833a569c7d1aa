import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database';
import type { DatabaseHandle } from '../platform/db/client';
import { users } from '../modules/accounts/schema';
import { loadActor } from '../modules/accounts/sessions';
import { getEvent } from '../modules/events/get-event';
import { listEventRegistrations } from '../modules/events/list-event-registrations';
import { listMyRegistrations } from '../modules/events/list-my-registrations';
import { events } from '../modules/events/schema';
import { seedDemoRegion } from './seed-demo';

/** The demo's events at their stages, as their organisers and participants see them. */
describe('demo events', () => {
  let handle: DatabaseHandle;
  const actor = async (email: string) => loadActor(handle.db, (await handle.db.select().from(users).where(eq(users.email, email)))[0]);
  const byTitle = async (start: string) => (await handle.db.select().from(events)).find((e) => e.title.startsWith(start))!;

  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedDemoRegion({ db: handle.db, actor: null, ip: 'test' });
  });
  afterAll(() => handle.close());

  it('has the Altai heads’ seminar held, the Kekin internship with a full section and its line, the conference open with sections', async () => {
    const seminar = await byTitle('Семинар руководителей школ округа');
    expect(seminar).toMatchObject({ state: 'finished', seatsTaken: 5 });

    const internship = await getEvent({ db: handle.db, actor: await actor('math.poreche@orbita.demo'), ip: 'test' }, (await byTitle('Стажировка учителей математики')).id);
    expect(internship).toMatchObject({ state: 'published', registrationOpen: true, capacity: 8, seatsTaken: 7, waitlistLength: 2 });
    expect(internship.planItem?.activity).toBe('Стажировки учителей математики в гимназии');
    expect(internship.sessions.map((s) => [s.capacity, s.seatsTaken])).toEqual([
      [4, 4],
      [4, 3],
    ]);
    expect(internship.myRegistrations.map((r) => r.state)).toEqual(['registered']);

    const conference = await getEvent({ db: handle.db, actor: null, ip: 'test' }, (await byTitle('Научно-практическая конференция')).id);
    expect(conference).toMatchObject({ state: 'published', registrationOpen: true, kind: 'conference' });
    expect(conference.sessions.filter((s) => s.isSection)).toHaveLength(4);
  });

  it('has the Tyumen master class waiting for the organiser’s approval, and guardian@ finds her and Darya’s registrations', async () => {
    const head = await actor('director88@orbita.demo');
    const masterClass = await byTitle('Мастер-класс центра информатизации');
    const roster = await listEventRegistrations({ db: handle.db, actor: head, ip: 'test' }, masterClass.id);
    expect(roster.items.map((r) => r.state).sort()).toEqual(['pending', 'pending', 'registered']);
    const mine = await listMyRegistrations({ db: handle.db, actor: await actor('guardian@orbita.demo'), ip: 'test' });
    expect(mine.items.map((r) => r.childName)).toEqual(expect.arrayContaining([null, 'Кузнецова Дарья Сергеевна']));
  });
});
