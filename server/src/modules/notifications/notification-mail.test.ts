import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { type SmtpCapture, startSmtpCapture } from '../../../test/smtp-capture';
import { setPublicUrl } from '../../platform/mail/links';
import { type MailTransport, createMailWorker } from '../../platform/mail/mail-worker';
import { outboxMessages } from '../../platform/mail/schema';
import { createSmtpTransport } from '../../platform/mail/smtp-transport';
import { type MailPreference, users } from '../accounts/schema';
import { insertGuardian } from '../enrolments/enrolment.testkit';
import { notify } from './notify';
import { notifications } from './schema';
import { sendDailyDigests } from './send-daily-digests';

describe('notifications by e-mail', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let transport: MailTransport;
  const people = {} as Record<MailPreference, { userId: string; email: string }>;

  const deliver = () => createMailWorker(t.handle.db, { transport, log: () => {} }).deliverDue();
  const lettersTo = (userId: string) => t.handle.db.select().from(outboxMessages).where(eq(outboxMessages.userId, userId));
  const draft = (userId: string, title: string, link: string) => ({ userId, kind: 'waitlist_promoted' as const, title, body: 'Ребёнок зачислен из листа ожидания.', link });

  beforeAll(async () => {
    t = await openTestApp();
    setPublicUrl('https://orbita.example.ru/');
    smtp = await startSmtpCapture();
    transport = createSmtpTransport(smtp.url, 'Орбита <no-reply@orbita.example.ru>');
    for (const preference of ['immediate', 'digest', 'off'] as const) {
      const { userId } = await insertGuardian(t);
      const [user] = await t.handle.db.update(users).set({ mailPreference: preference }).where(eq(users.id, userId)).returning();
      people[preference] = { userId, email: user.email };
    }
  });
  afterAll(async () => {
    await transport.close();
    await smtp.stop();
    await t.close();
  });

  it('mails a notification at once to a person who wants it so, in the same transaction; nobody else gets a letter', async () => {
    await t.handle.db.transaction((tx) =>
      notify(tx, [
        draft(people.immediate.userId, 'Место в программе «Робототехника»', '/children/1'),
        draft(people.digest.userId, 'Место в программе «Шахматы»', '/children/2'),
        draft(people.off.userId, 'Место в программе «Хор»', '/children/3'),
      ]),
    );
    // A notification whose transaction rolls back leaves no letter either.
    await expect(
      t.handle.db.transaction(async (tx) => {
        await notify(tx, [draft(people.immediate.userId, 'Не случилось', '/children/9')]);
        throw new Error('откат');
      }),
    ).rejects.toThrow('откат');

    expect(await lettersTo(people.immediate.userId)).toEqual([expect.objectContaining({ kind: 'notification', toAddress: people.immediate.email, subject: 'Место в программе «Робототехника»' })]);
    expect(await lettersTo(people.digest.userId)).toEqual([]);
    expect(await lettersTo(people.off.userId)).toEqual([]);
    const mailed = await t.handle.db.select({ userId: notifications.userId, mailedAt: notifications.mailedAt }).from(notifications);
    expect(mailed.find((n) => n.userId === people.immediate.userId)?.mailedAt).toBeInstanceOf(Date);
    expect(mailed.filter((n) => n.userId !== people.immediate.userId).every((n) => n.mailedAt === null)).toBe(true);

    expect(await deliver()).toMatchObject({ sent: 1 });
    const [letter] = smtp.messages;
    expect(letter.to).toEqual([people.immediate.email]);
    expect(letter.subject).toBe('Место в программе «Робототехника»');
    expect(letter.text).toContain('Ребёнок зачислен из листа ожидания.');
    expect(letter.links).toEqual(['https://orbita.example.ru/children/1']);
    expect(letter.html).toContain('href="https://orbita.example.ru/children/1"');
  });

  it('sends the daily digest once a day with the unmailed notifications of the last day, and nothing to people who turned mail off', async () => {
    const older = new Date(Date.now() - 2 * 86_400_000);
    await t.handle.db.insert(notifications).values({ userId: people.digest.userId, kind: 'campaign_result', title: 'Позавчерашнее', createdAt: older });
    await notify(t.handle.db, [draft(people.digest.userId, 'Итоги кампании «Летняя школа»', '/campaigns/7')]);

    expect(await sendDailyDigests(t.handle.db)).toBe(1);
    // Two servers running the hourly job: the second finds the digest written.
    expect(await sendDailyDigests(t.handle.db)).toBe(0);
    const [digest] = await lettersTo(people.digest.userId);
    expect(digest).toMatchObject({ kind: 'digest', toAddress: people.digest.email, subject: 'Уведомления «Орбиты» за сутки: 2' });
    expect(await lettersTo(people.off.userId)).toEqual([]);
    const [digestPerson] = await t.handle.db.select().from(users).where(eq(users.id, people.digest.userId));
    expect(digestPerson.lastDigestAt).toBeInstanceOf(Date);
    const digestNotes = await t.handle.db.select().from(notifications).where(eq(notifications.userId, people.digest.userId));
    expect(digestNotes.filter((n) => n.mailedAt).map((n) => n.title).sort()).toEqual(['Итоги кампании «Летняя школа»', 'Место в программе «Шахматы»']);
    expect(digestNotes.find((n) => n.title === 'Позавчерашнее')?.mailedAt).toBeNull();

    // A new notification the same day waits for tomorrow's digest.
    await notify(t.handle.db, [draft(people.digest.userId, 'Ещё одно место', '/children/4')]);
    expect(await sendDailyDigests(t.handle.db)).toBe(0);
    await t.handle.db.update(users).set({ lastDigestAt: sql`now() - interval '1 day'` }).where(eq(users.id, people.digest.userId));
    expect(await sendDailyDigests(t.handle.db)).toBe(1);
    expect((await lettersTo(people.digest.userId)).map((l) => l.subject)).toEqual(['Уведомления «Орбиты» за сутки: 2', 'Уведомления «Орбиты» за сутки: 1']);

    const before = smtp.messages.length;
    expect(await deliver()).toMatchObject({ sent: 2 });
    const received = smtp.messages.slice(before).sort((a, b) => b.subject.localeCompare(a.subject));
    expect(received.map((m) => m.to)).toEqual([[people.digest.email], [people.digest.email]]);
    expect(received[0].text.indexOf('Место в программе «Шахматы»')).toBeLessThan(received[0].text.indexOf('Итоги кампании «Летняя школа»'));
    expect(received[0].links).toEqual(expect.arrayContaining(['https://orbita.example.ru/children/2', 'https://orbita.example.ru/campaigns/7']));
    expect(received[0].html).toContain('<a href="https://orbita.example.ru/campaigns/7"');
    expect(received[0].text).not.toContain('Позавчерашнее');
    expect(received[1].links).toContain('https://orbita.example.ru/children/4');
    expect(smtp.messages.some((m) => m.to.includes(people.off.email))).toBe(false);
    const offNotes = await t.handle.db.select().from(notifications).where(inArray(notifications.userId, [people.off.userId]));
    expect(offNotes.every((n) => n.mailedAt === null)).toBe(true);
  });
});
