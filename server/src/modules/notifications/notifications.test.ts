import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { auditEntries } from '../../platform/audit/schema';
import { insertGuardian } from '../enrolments/enrolment.testkit';
import { notify } from './notify';
import { notifications } from './schema';

describe('notifications', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('lists the latest 50 of one person, newest first, with the unread count of all; marks one and then all read', async () => {
    const reader = await insertGuardian(t);
    const other = await insertGuardian(t);
    const base = Date.now();
    for (let i = 0; i < 55; i++) {
      await t.handle.db.insert(notifications).values({ userId: reader.userId, kind: 'waitlist_promoted', title: `Сообщение ${i}`, createdAt: new Date(base + i * 1000) });
    }
    await notify(t.handle.db, [{ userId: other.userId, kind: 'enrolment_removed', title: 'Чужое сообщение', body: 'Причина: пропуски', link: '/children/x' }]);

    const listed = await t.call('GET', '/api/notifications', { session: reader.session });
    expect(listed.statusCode).toBe(200);
    const { items, unread } = listed.json();
    expect(unread).toBe(55);
    expect(items).toHaveLength(50);
    expect(items[0]).toMatchObject({ kind: 'waitlist_promoted', title: 'Сообщение 54', body: '', link: null, readAt: null });
    expect(items.some((i: { title: string }) => i.title === 'Чужое сообщение')).toBe(false);

    const read = await t.call('POST', `/api/notifications/${items[0].id}/read`, { session: reader.session });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    // Reading again changes nothing.
    expect((await t.call('POST', `/api/notifications/${items[0].id}/read`, { session: reader.session })).json().readAt).toBe(read.json().readAt);
    expect((await t.call('GET', '/api/notifications', { session: reader.session })).json().unread).toBe(54);

    // Someone else's message does not exist for the reader, and stays unread.
    const [foreign] = await t.handle.db.select().from(notifications).where(eq(notifications.userId, other.userId));
    expect((await t.call('POST', `/api/notifications/${foreign.id}/read`, { session: reader.session })).statusCode).toBe(404);
    expect((await t.call('POST', '/api/notifications/00000000-0000-0000-0000-000000000000/read', { session: reader.session })).statusCode).toBe(404);
    expect((await t.call('POST', '/api/notifications/не-идентификатор/read', { session: reader.session })).statusCode).toBe(400);

    const all = await t.call('POST', '/api/notifications/read-all', { session: reader.session });
    expect(all.json()).toEqual({ marked: 54 });
    expect((await t.call('GET', '/api/notifications', { session: reader.session })).json().unread).toBe(0);
    expect((await t.call('GET', '/api/notifications', { session: other.session })).json()).toMatchObject({ unread: 1, items: [{ title: 'Чужое сообщение', body: 'Причина: пропуски' }] });

    const audit = await t.handle.db.select({ action: auditEntries.action, after: auditEntries.after }).from(auditEntries).where(eq(auditEntries.actorId, reader.userId));
    expect(audit).toEqual(expect.arrayContaining([{ action: 'notification.read', after: null }, { action: 'notification.read_all', after: { marked: 54 } }]));
    expect(audit).toHaveLength(2);
  });

  it('asks anonymous callers to sign in', async () => {
    expect((await t.call('GET', '/api/notifications', { session: null })).statusCode).toBe(401);
    expect((await t.call('POST', '/api/notifications/read-all', { session: null })).statusCode).toBe(401);
  });
});
