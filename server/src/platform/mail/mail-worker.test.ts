import { asc, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database';
import { type SmtpCapture, startSmtpCapture } from '../../../test/smtp-capture';
import type { DatabaseHandle } from '../db/client';
import { composeLetter } from './letter';
import { type MailTransport, type MailWorkerOptions, createMailWorker, describeDeliveryFailure, retryDelayMs } from './mail-worker';
import { enqueueMail } from './outbox';
import { outboxMessages } from './schema';
import { createSmtpTransport } from './smtp-transport';

const FROM = 'Орбита <no-reply@orbita.test>';
/** Fast retries, so a test sees several attempts in a second. */
const quick: Partial<MailWorkerOptions> = { retryBaseMs: 20, retryMaxMs: 100, log: () => {} };

const letterTo = (n: number) => ({
  to: `person${n}@school.test`,
  kind: 'test',
  letter: composeLetter({
    subject: `Приглашение №${n}`,
    greeting: 'Здравствуйте, Мария Петровна!',
    paragraphs: ['Вас пригласили в «Орбиту».'],
    action: { label: 'Принять приглашение', url: `http://orbita.test/invitations/token-${n}` },
  }),
});

/** Runs rounds until nothing is waiting (every letter sent or given up), or fails after `timeoutMs`. */
async function drain(handle: DatabaseHandle, round: () => Promise<unknown>, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await round();
    const rows = await handle.db.select({ sentAt: outboxMessages.sentAt, failedAt: outboxMessages.failedAt }).from(outboxMessages);
    if (rows.every((r) => r.sentAt || r.failedAt)) return;
    if (Date.now() > until) throw new Error('letters still waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const outboxIdOf = (messageId: string | null) => Number(/^<outbox-(\d+)@/.exec(messageId ?? '')?.[1]);

describe('mail worker', () => {
  let handle: DatabaseHandle;
  let smtp: SmtpCapture;
  const transports: MailTransport[] = [];
  const smtpTransport = () => {
    const transport = createSmtpTransport(smtp.url, FROM);
    transports.push(transport);
    return transport;
  };

  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  beforeEach(async () => {
    await handle.db.delete(outboxMessages);
  });
  afterAll(async () => {
    for (const transport of transports) await transport.close();
    await smtp?.stop();
    await handle.close();
  });

  it('sends a due letter to the SMTP server with subject, both parts and a working link, then marks it sent', async () => {
    smtp = await startSmtpCapture();
    await enqueueMail(handle.db, [letterTo(1), letterTo(2)]);
    const worker = createMailWorker(handle.db, { transport: smtpTransport(), ...quick });
    expect(await worker.deliverDue()).toEqual({ claimed: 2, sent: 2, retried: 0, failed: 0 });

    const received = [...smtp.messages].sort((a, b) => a.subject.localeCompare(b.subject));
    expect(received.map((m) => m.to)).toEqual([['person1@school.test'], ['person2@school.test']]);
    expect(received[0]).toMatchObject({ subject: 'Приглашение №1', from: 'no-reply@orbita.test' });
    expect(received[0].text).toContain('Здравствуйте, Мария Петровна!');
    expect(received[0].links).toEqual(['http://orbita.test/invitations/token-1']);
    expect(received[0].html).toContain('<a href="http://orbita.test/invitations/token-1"');
    const rows = await handle.db.select().from(outboxMessages).orderBy(asc(outboxMessages.id));
    expect(rows.map((r) => outboxIdOf(received.find((m) => m.subject === r.subject)!.messageId))).toEqual(rows.map((r) => r.id));
    for (const row of rows) expect(row).toMatchObject({ attempts: 1, lockedUntil: null, failedAt: null, lastError: null, sentAt: expect.any(Date) });
    // Nothing is due any more.
    expect((await worker.deliverDue()).claimed).toBe(0);
    expect(smtp.messages).toHaveLength(2);
  });

  it('loses nothing when the mail server goes down in the middle of a batch: the rest is retried with back-off and sent once it is back', async () => {
    await smtp.stop();
    smtp = await startSmtpCapture({
      onMessage: (_mail, index) => {
        if (index === 9) void smtp.stop();
      },
    });
    const port = smtp.port;
    await enqueueMail(handle.db, Array.from({ length: 40 }, (_, i) => letterTo(i)));
    const worker = createMailWorker(handle.db, { transport: smtpTransport(), batchSize: 40, ...quick });

    const first = await worker.deliverDue();
    expect(first.claimed).toBe(40);
    expect(first.retried).toBeGreaterThan(0);
    expect(first.failed).toBe(0);
    // Still down: more attempts fail and are scheduled again, none is given up.
    await new Promise((resolve) => setTimeout(resolve, 120));
    const whileDown = await worker.deliverDue();
    expect(whileDown.sent).toBe(0);
    expect(whileDown.failed).toBe(0);

    await smtp.restart();
    expect(smtp.port).toBe(port);
    await drain(handle, () => worker.deliverDue());

    const rows = await handle.db.select().from(outboxMessages);
    expect(rows.every((r) => r.sentAt && !r.failedAt)).toBe(true);
    const received = new Set(smtp.messages.map((m) => outboxIdOf(m.messageId)));
    expect(rows.filter((r) => !received.has(r.id)), 'letters never received').toEqual([]);
    const retried = rows.filter((r) => r.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((r) => r.lastError && !r.lastError.includes('@'))).toBe(true);
  });

  it('after a crash between sending and marking, resends each letter caught in it once the lease runs out: one duplicate per crash, nothing lost', async () => {
    await enqueueMail(handle.db, Array.from({ length: 20 }, (_, i) => letterTo(i)));
    const ids = (await handle.db.select({ id: outboxMessages.id }).from(outboxMessages).orderBy(asc(outboxMessages.id))).map((r) => r.id);
    const crashIds = new Set(ids.filter((_, i) => i % 4 === 0));
    const real = smtpTransport();
    // The "crashing" server: the letter reaches the mail server, then the process is gone before it marks it.
    const crashing: MailTransport = {
      async send(mail) {
        await real.send(mail);
        if (crashIds.has(mail.id)) await new Promise(() => {});
      },
      close: () => {},
    };
    const leaseMs = 3_000;
    const before = smtp.messages.length;
    void createMailWorker(handle.db, { transport: crashing, batchSize: 20, leaseMs, ...quick }).deliverDue();
    await smtp.waitFor(before + crashIds.size);
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Another server finds the letters of the dead one held by their lease…
    const survivor = createMailWorker(handle.db, { transport: smtpTransport(), leaseMs, ...quick });
    expect((await survivor.deliverDue()).claimed).toBe(0);
    // …and takes them once it has run out.
    await new Promise((resolve) => setTimeout(resolve, leaseMs));
    await drain(handle, () => survivor.deliverDue());

    const copies = new Map<number, number>();
    for (const mail of smtp.messages.slice(before)) copies.set(outboxIdOf(mail.messageId), (copies.get(outboxIdOf(mail.messageId)) ?? 0) + 1);
    // Nothing lost, nothing sent more than twice; the letters caught in the crash — and those sent whose mark
    // had not been written yet (marks go a few at a time) — came twice.
    expect([...copies.keys()].sort((a, b) => a - b)).toEqual(ids);
    expect(Math.max(...copies.values())).toBe(2);
    const duplicated = new Set([...copies].filter(([, n]) => n > 1).map(([id]) => id));
    for (const id of crashIds) expect(duplicated.has(id)).toBe(true);
    const rows = await handle.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
    expect(rows.filter((r) => r.attempts === 2).map((r) => r.id).sort((a, b) => a - b)).toEqual([...duplicated].sort((a, b) => a - b));
  });

  it('two servers working the same outbox at once send every letter exactly once', async () => {
    await enqueueMail(handle.db, Array.from({ length: 200 }, (_, i) => letterTo(i)));
    const before = smtp.messages.length;
    const workers = [0, 1].map(() => createMailWorker(handle.db, { transport: smtpTransport(), batchSize: 25, ...quick }));
    const rounds = await Promise.all(
      workers.map(async (worker) => {
        let sent = 0;
        for (let round = await worker.deliverDue(); round.claimed > 0; round = await worker.deliverDue()) sent += round.sent;
        return sent;
      }),
    );
    expect(rounds[0] + rounds[1]).toBe(200);
    const received = smtp.messages.slice(before).map((m) => outboxIdOf(m.messageId));
    expect(received).toHaveLength(200);
    expect(new Set(received).size).toBe(200);
  });

  it('gives up at once on a permanent refusal, and after the last attempt on a failure that keeps coming back; error text names no address', async () => {
    await smtp.stop();
    smtp = await startSmtpCapture({ rejectRecipient: (address) => address === 'person1@school.test' });
    await enqueueMail(handle.db, [letterTo(1), letterTo(2)]);
    const refused = createMailWorker(handle.db, { transport: smtpTransport(), ...quick });
    expect(await refused.deliverDue()).toEqual({ claimed: 2, sent: 1, retried: 0, failed: 1 });
    const [rejected] = await handle.db.select().from(outboxMessages).where(inArray(outboxMessages.toAddress, ['person1@school.test']));
    expect(rejected).toMatchObject({ attempts: 1, sentAt: null, failedAt: expect.any(Date) });
    expect(rejected.lastError).toContain('550');
    expect(rejected.lastError).not.toContain('@');

    await handle.db.delete(outboxMessages);
    await enqueueMail(handle.db, [letterTo(3)]);
    const broken: MailTransport = {
      send: async (mail) => {
        throw new Error(`connection reset while sending to ${mail.to}`);
      },
      close: () => {},
    };
    const logged: string[] = [];
    const worker = createMailWorker(handle.db, { transport: broken, maxAttempts: 3, ...quick, log: (line) => logged.push(line) });
    await drain(handle, () => worker.deliverDue());
    const [row] = await handle.db.select().from(outboxMessages);
    expect(row).toMatchObject({ attempts: 3, sentAt: null, failedAt: expect.any(Date), lastError: 'connection reset while sending to [адрес]' });
    expect(logged).toHaveLength(3);
    expect(logged[2]).toBe(`Почта: не отправлено писем 1 из 1 (повторим позже: 0, больше не пытаемся: 1) — ${row.id}: connection reset while sending to [адрес]`);
    expect(logged.some((line) => line.includes('@'))).toBe(false);
  });

  it('describes a failed query of a chore by its SQL only: the values it carried (addresses, names) stay out of the log', () => {
    const failed = new Error('Failed query: insert into "outbox" ("to_address", "subject") values ($1, $2)\nparams: ivanova@school.test,Иванова Мария');
    const { summary } = describeDeliveryFailure(failed);
    expect(summary).toContain('insert into "outbox"');
    expect(summary).not.toMatch(/ivanova|Иванова|params/);
  });

  it('backs off exponentially up to an hour, with jitter of at most half', () => {
    const base = 30_000;
    const hour = 3_600_000;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, base, hour, 1))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(1, base, hour, 0)).toBe(15_000);
    expect(retryDelayMs(12, base, hour, 1)).toBe(hour);
    expect(retryDelayMs(12, base, hour, 0)).toBe(hour / 2);
  });

  it('when started, sends a letter soon after it is queued rather than at the next poll, and stops cleanly', async () => {
    const worker = createMailWorker(handle.db, { transport: smtpTransport(), pollMs: 60_000, ...quick });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = smtp.messages.length;
    const queued = Date.now();
    await enqueueMail(handle.db, [letterTo(7)]);
    // Far sooner than the minute-long poll, even on a busy machine.
    const [mail] = (await smtp.waitFor(before + 1, 10_000)).slice(before);
    expect(Date.now() - queued).toBeLessThan(10_000);
    expect(mail.subject).toBe('Приглашение №7');
    await worker.stop();
  });

  it('without a transport sends nothing (letters wait for the operator) but still runs its chores', async () => {
    await enqueueMail(handle.db, [letterTo(8)]);
    let choreRuns = 0;
    const worker = createMailWorker(handle.db, { transport: null, pollMs: 20, chores: [{ name: 'test', everyMs: 60_000, run: async () => choreRuns++ }], ...quick });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await worker.stop();
    expect(choreRuns).toBe(1);
    const [row] = await handle.db.select().from(outboxMessages);
    expect(row).toMatchObject({ attempts: 0, sentAt: null, lockedUntil: null });
  });
});
