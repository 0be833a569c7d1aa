import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { auditEntries } from '../../platform/audit/schema';
import { loadConfig } from '../../platform/config';
import { buildApp } from '../../platform/http/app';
import { composeLetter } from '../../platform/mail/letter';
import { enqueueMail } from '../../platform/mail/outbox';
import { outboxMessages } from '../../platform/mail/schema';

describe('outbox for the operator', () => {
  let t: TestApp;
  let operator: Session;
  const ids: Record<'invitation' | 'reset' | 'digest' | 'failed', number> = { invitation: 0, reset: 0, digest: 0, failed: 0 };

  beforeAll(async () => {
    t = await openTestApp();
    operator = await t.signIn('operator');
    const letter = (subject: string, url: string) => composeLetter({ subject, paragraphs: ['Текст письма.'], action: { label: 'Открыть', url } });
    await enqueueMail(t.handle.db, [
      { to: 'director@school-7.test', kind: 'invitation', letter: letter('Приглашение в «Орбиту»', 'http://localhost:3000/invitations/abc') },
      { to: 'teacher@school-7.test', kind: 'password_reset', letter: letter('Восстановление пароля', 'http://localhost:3000/reset/def') },
      { to: 'parent_1@mail.test', kind: 'digest', letter: letter('Уведомления за сутки: 2', 'http://localhost:3000/') },
      { to: 'nobody@nowhere.test', kind: 'invitation', letter: letter('Приглашение в «Орбиту»', 'http://localhost:3000/invitations/ghi') },
    ]);
    const rows = await t.handle.db.select({ id: outboxMessages.id, to: outboxMessages.toAddress }).from(outboxMessages);
    const idOf = (to: string) => rows.find((r) => r.to === to)!.id;
    Object.assign(ids, { invitation: idOf('director@school-7.test'), reset: idOf('teacher@school-7.test'), digest: idOf('parent_1@mail.test'), failed: idOf('nobody@nowhere.test') });
    await t.handle.db.update(outboxMessages).set({ sentAt: new Date(), attempts: 1 }).where(eq(outboxMessages.id, ids.reset));
    await t.handle.db.update(outboxMessages).set({ failedAt: new Date(), attempts: 10, lastError: 'EENVELOPE RCPT TO 550' }).where(eq(outboxMessages.id, ids.failed));
  });
  afterAll(() => t.close());

  it('lists letters newest first with counts by state, filtered by state and by a part of the address or subject', async () => {
    const all = await t.call('GET', '/api/outbox', { session: operator });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ total: 4, counts: { waiting: 2, sent: 1, failed: 1 }, smtpConfigured: false });
    expect(all.json().items.map((i: { id: number }) => i.id)).toEqual([ids.failed, ids.digest, ids.reset, ids.invitation]);
    expect(all.json().items[0]).toMatchObject({ to: 'nobody@nowhere.test', kind: 'invitation', subject: 'Приглашение в «Орбиту»', state: 'failed', attempts: 10, lastError: 'EENVELOPE RCPT TO 550' });
    expect(all.json().items[0].text).toBeUndefined();

    const waiting = (await t.call('GET', '/api/outbox?state=waiting', { session: operator })).json();
    expect(waiting).toMatchObject({ total: 2, counts: { waiting: 2, sent: 1, failed: 1 } });
    expect(waiting.items.map((i: { state: string }) => i.state)).toEqual(['waiting', 'waiting']);

    const bySchool = (await t.call('GET', `/api/outbox?q=${encodeURIComponent('SCHOOL-7')}`, { session: operator })).json();
    expect(bySchool).toMatchObject({ total: 2, counts: { waiting: 1, sent: 1, failed: 0 } });
    const bySubject = (await t.call('GET', `/api/outbox?q=${encodeURIComponent('приглашение')}&state=failed`, { session: operator })).json();
    expect(bySubject.items.map((i: { id: number }) => i.id)).toEqual([ids.failed]);
    // % and _ are letters to look for, not patterns.
    expect((await t.call('GET', '/api/outbox?q=parent_', { session: operator })).json().total).toBe(1);
    expect((await t.call('GET', '/api/outbox?q=%25', { session: operator })).json().total).toBe(0);

    const paged = (await t.call('GET', '/api/outbox?pageSize=3&page=2', { session: operator })).json();
    expect(paged).toMatchObject({ total: 4, page: 2 });
    expect(paged.items.map((i: { id: number }) => i.id)).toEqual([ids.invitation]);
    expect((await t.call('GET', '/api/outbox?state=lost', { session: operator })).statusCode).toBe(400);
  });

  it('says whether a mail server is configured', async () => {
    const app = await buildApp(t.handle, { ...loadConfig({}), logLevel: 'silent', smtpUrl: 'smtp://mail.region.test:587' });
    const answer = await app.inject({ method: 'GET', url: '/api/outbox', headers: { cookie: operator.cookie } });
    expect(answer.json().smtpConfigured).toBe(true);
    await app.close();
  });

  it('shows a whole letter, text and HTML with the link, and writes the reading to the audit log', async () => {
    const answer = await t.call('GET', `/api/outbox/${ids.invitation}`, { session: operator });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ id: ids.invitation, to: 'director@school-7.test', state: 'waiting', attempts: 0 });
    expect(answer.json().text).toContain('Открыть: http://localhost:3000/invitations/abc');
    expect(answer.json().html).toContain('href="http://localhost:3000/invitations/abc"');
    const reads = await t.handle.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'outbox.read'), eq(auditEntries.entityId, String(ids.invitation))));
    expect(reads).toEqual([expect.objectContaining({ actorId: t.fixtures.actors.operator!.userId, entityType: 'outbox_message' })]);
    expect((await t.call('GET', '/api/outbox/999999', { session: operator })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/outbox/письмо', { session: operator })).statusCode).toBe(400);
  });

  it('puts a failed letter back in line with fresh attempts, once; a waiting or sent letter is not "retried"', async () => {
    const retried = await t.call('POST', `/api/outbox/${ids.failed}/retry`, { session: operator });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id: ids.failed, state: 'waiting', attempts: 0, failedAt: null });
    const [row] = await t.handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, ids.failed));
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const audit = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'outbox.retry'));
    expect(audit).toEqual([expect.objectContaining({ entityId: String(ids.failed), actorId: t.fixtures.actors.operator!.userId })]);

    for (const id of [ids.failed, ids.reset]) {
      const again = await t.call('POST', `/api/outbox/${id}/retry`, { session: operator });
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json().detail).toContain('не в числе неотправленных');
    }
    expect((await t.call('POST', '/api/outbox/999999/retry', { session: operator })).statusCode).toBe(404);
    expect(await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'outbox.retry'))).toHaveLength(1);
  });

  it('is the operator’s alone: others are refused, anonymous callers asked to sign in', async () => {
    for (const role of ['authority', 'orgAdmin', 'guardian'] as const) {
      const session = await t.signIn(role);
      expect((await t.call('GET', '/api/outbox', { session })).statusCode).toBe(403);
      expect((await t.call('GET', `/api/outbox/${ids.invitation}`, { session })).statusCode).toBe(403);
    }
    expect((await t.call('GET', '/api/outbox', { session: null })).statusCode).toBe(401);
  });
});
