import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { withoutQueryParameters } from '../db/errors';
import { onMailEnqueued } from './outbox';
import { outboxMessages } from './schema';

/** One claimed letter as a transport sends it; `id` is the outbox row, stable across retries (the Message-ID). */
export interface DeliverableMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Something that hands letters to a mail server; SMTP in production (smtp-transport.ts). */
export interface MailTransport {
  send(mail: DeliverableMail): Promise<void>;
  close(): void | Promise<void>;
}

/**
 * A refusal as a transport reports it: `summary` names codes only (never an address or a letter's text, since
 * it is stored and logged), and `permanent` says that trying again would get the same answer (an SMTP 5xx).
 */
export class DeliveryError extends Error {
  constructor(
    readonly summary: string,
    readonly permanent: boolean,
  ) {
    super(summary);
  }
}

/** A periodic job of the same loop, such as the daily digest of notifications; each server runs it, so it must be safe to run twice. */
export interface MailChore {
  name: string;
  everyMs: number;
  run(db: Database): Promise<unknown>;
}

export interface MailWorkerOptions {
  /** Null when no mail server is configured: letters stay in the outbox for the operator to read, chores still run. */
  transport: MailTransport | null;
  batchSize?: number;
  /** Letters of one batch in flight at once (the SMTP pool keeps as many connections). */
  concurrency?: number;
  pollMs?: number;
  /** How long a claim holds a letter; a worker that dies holding it leaves it to another after this. */
  leaseMs?: number;
  maxAttempts?: number;
  /** Back-off after the n-th failed attempt: retryBaseMs × 2^(n−1), at most retryMaxMs, less up to half at random. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  chores?: MailChore[];
  /** Where the worker reports trouble; messages carry ids and codes only. */
  log?: (message: string) => void;
}

export interface DeliveryRound {
  claimed: number;
  sent: number;
  /** Failed this time and scheduled again. */
  retried: number;
  /** Given up: too many attempts or a permanent refusal. */
  failed: number;
}

export interface MailWorker {
  /** Claims one batch of due letters and sends it; the loop calls it, tests call it directly. */
  deliverDue(): Promise<DeliveryRound>;
  start(): void;
  /** Look for due letters now rather than at the next poll. */
  kick(): void;
  /** Finishes the batch in hand, stops the loop and closes the transport. */
  stop(): Promise<void>;
}

/** The wait before attempt n+1 after n failed attempts: exponential, capped, with jitter so many letters do not retry in step. */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number, random = Math.random()) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** Error text that may be kept and logged: addresses are cut out, whatever the library put in its message. */
export function describeDeliveryFailure(error: unknown): { summary: string; permanent: boolean } {
  if (error instanceof DeliveryError) return { summary: error.summary, permanent: error.permanent };
  const message = withoutQueryParameters(error instanceof Error ? error.message : String(error));
  return { summary: message.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[адрес]').slice(0, 300), permanent: false };
}

/** Sent letters marked in one statement; a crash can resend at most these (and those in flight), each once. */
const MARK_EVERY = 20;

const msFromNow = (ms: number) => sql`now() + ${ms}::double precision * interval '1 millisecond'`;

/**
 * The outbox's sender. Each round claims a batch of due letters in one statement (FOR UPDATE SKIP LOCKED, so
 * several app servers share the work without taking the same letter), stamping a lease and counting the
 * attempt; then sends each and marks it sent. A failure schedules the next attempt with back-off, and after
 * `maxAttempts` (or a permanent refusal) the letter is given up. Delivery is at least once: a server that dies
 * between sending and marking leaves the letter to be sent again when its lease runs out — one duplicate per
 * crash at most, never a loss. The stable Message-ID lets mail clients fold such a duplicate.
 */
export function createMailWorker(db: Database, options: MailWorkerOptions): MailWorker {
  const {
    transport,
    batchSize = 200,
    concurrency = 20,
    pollMs = 5_000,
    leaseMs = 120_000,
    maxAttempts = 10,
    retryBaseMs = 30_000,
    retryMaxMs = 3_600_000,
    chores = [],
    log = (message: string) => console.warn(message),
  } = options;

  async function claim(): Promise<(DeliverableMail & { attempts: number })[]> {
    const due = db
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(
        and(
          isNull(outboxMessages.sentAt),
          isNull(outboxMessages.failedAt),
          lte(outboxMessages.nextAttemptAt, sql`now()`),
          or(isNull(outboxMessages.lockedUntil), lt(outboxMessages.lockedUntil, sql`now()`)),
        ),
      )
      .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const claimed = await db
      .update(outboxMessages)
      .set({ lockedUntil: msFromNow(leaseMs), attempts: sql`${outboxMessages.attempts} + 1` })
      .where(inArray(outboxMessages.id, due))
      .returning({
        id: outboxMessages.id,
        to: outboxMessages.toAddress,
        subject: outboxMessages.subject,
        text: outboxMessages.textBody,
        html: outboxMessages.htmlBody,
        attempts: outboxMessages.attempts,
      });
    return claimed.sort((a, b) => a.id - b.id);
  }

  /** Only the claim that made this attempt may record its failure: a late answer must not undo another server's newer claim. */
  async function recordFailure(mail: { id: number; attempts: number }, error: unknown): Promise<{ outcome: 'retried' | 'failed'; summary: string }> {
    const { summary, permanent } = describeDeliveryFailure(error);
    const giveUp = permanent || mail.attempts >= maxAttempts;
    await db
      .update(outboxMessages)
      .set({
        lastError: summary,
        lockedUntil: null,
        ...(giveUp ? { failedAt: sql`now()` } : { nextAttemptAt: msFromNow(retryDelayMs(mail.attempts, retryBaseMs, retryMaxMs)) }),
      })
      .where(and(eq(outboxMessages.id, mail.id), eq(outboxMessages.attempts, mail.attempts), isNull(outboxMessages.sentAt)));
    return { outcome: giveUp ? 'failed' : 'retried', summary };
  }

  async function deliverDue(): Promise<DeliveryRound> {
    const round: DeliveryRound = { claimed: 0, sent: 0, retried: 0, failed: 0 };
    if (!transport) return round;
    const claimed = await claim();
    round.claimed = claimed.length;
    // Sent letters are marked a few at a time: one statement per letter would cost more than sending it.
    let unmarked: number[] = [];
    const markSent = async () => {
      const ids = unmarked;
      unmarked = [];
      if (ids.length) await db.update(outboxMessages).set({ sentAt: sql`now()`, lockedUntil: null }).where(inArray(outboxMessages.id, ids));
      round.sent += ids.length;
    };
    const failures: string[] = [];
    let next = 0;
    const sender = async () => {
      while (next < claimed.length) {
        const mail = claimed[next++];
        try {
          await transport.send(mail);
        } catch (error) {
          const { outcome, summary } = await recordFailure(mail, error);
          round[outcome] += 1;
          failures.push(`${mail.id}: ${summary}`);
          continue;
        }
        unmarked.push(mail.id);
        if (unmarked.length >= MARK_EVERY) await markSent();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, sender));
    await markSent();
    // One line a round, not one a letter: a mail server that is down would otherwise flood the log.
    if (failures.length) {
      const shown = failures.slice(0, 3).join('; ') + (failures.length > 3 ? `; ещё ${failures.length - 3}` : '');
      log(`Почта: не отправлено писем ${failures.length} из ${claimed.length} (повторим позже: ${round.retried}, больше не пытаемся: ${round.failed}) — ${shown}`);
    }
    return round;
  }

  const choreDue = new Map(chores.map((chore) => [chore, 0]));
  async function runDueChores() {
    for (const [chore, due] of choreDue) {
      if (Date.now() < due) continue;
      choreDue.set(chore, Date.now() + chore.everyMs);
      try {
        await chore.run(db);
      } catch (error) {
        log(`Почтовое задание «${chore.name}» не выполнено: ${describeDeliveryFailure(error).summary}`);
      }
    }
  }

  let running: Promise<void> | null = null;
  let stopping = false;
  let wake: (() => void) | null = null;
  let kickTimer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function loop() {
    while (!stopping) {
      let fullBatch = false;
      try {
        await runDueChores();
        fullBatch = (await deliverDue()).claimed === batchSize;
      } catch (error) {
        log(`Почтовый обработчик: ${describeDeliveryFailure(error).summary}`);
      }
      if (!fullBatch && !stopping) await sleep(pollMs);
    }
  }

  function kick() {
    // A short pause lets the transaction that queued the letter commit before the worker looks for it.
    if (kickTimer || !transport) return;
    kickTimer = setTimeout(() => {
      kickTimer = null;
      wake?.();
    }, 50);
  }

  return {
    deliverDue,
    kick,
    start() {
      if (running) return;
      stopping = false;
      unsubscribe = onMailEnqueued(kick);
      running = loop();
    },
    async stop() {
      stopping = true;
      unsubscribe?.();
      if (kickTimer) clearTimeout(kickTimer);
      kickTimer = null;
      wake?.();
      await running;
      running = null;
      await transport?.close();
    },
  };
}
