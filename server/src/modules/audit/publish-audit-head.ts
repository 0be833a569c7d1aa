import { appendFile, mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { auditChainHead } from '../../platform/audit/schema';
import type { Database } from '../../platform/db/client';
import { composeLetter } from '../../platform/mail/letter';
import { enqueueMail } from '../../platform/mail/outbox';
import { userRoles, users } from '../accounts/schema';
import type { ChainPoint } from './verify-audit-chain';

/** A head of the audit chain as published outside the database. */
export interface PublishedHead extends ChainPoint {
  entryId: number | null;
  /** When it was published (ISO 8601, UTC). */
  at: string;
}

const HEADS_DIR = 'audit-heads';
const DAILY_FILE = /^\d{4}-\d{2}-\d{2}\.txt$/;
const LINE = /^(\S+) seq=(\d+) entry=(\d+|-) sha256=([0-9a-f]{64})$/;

export const formatHead = (h: PublishedHead) => `${h.at} seq=${h.seq} entry=${h.entryId ?? '-'} sha256=${h.hash}`;

/** The database's head of the chain: the last sealed entry (number 0 and the zero hash for an empty log). */
export async function readChainHead(db: Database) {
  const [head] = await db.select().from(auditChainHead);
  return head ? { seq: head.seq, entryId: head.entryId, hash: head.hash, updatedAt: head.updatedAt } : null;
}

/** The newest head in `<dataDir>/audit-heads/`, or null when none was published there. */
export async function readPublishedHead(dataDir: string): Promise<PublishedHead | null> {
  const dir = path.join(dataDir, HEADS_DIR);
  const files = (await readdir(dir).catch(() => [] as string[])).filter((name) => DAILY_FILE.test(name)).sort();
  for (const file of files.reverse()) {
    const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n').reverse();
    for (const line of lines) {
      const match = LINE.exec(line.trim());
      if (match) return { at: match[1], seq: Number(match[2]), entryId: match[3] === '-' ? null : Number(match[3]), hash: match[4] };
    }
  }
  return null;
}

/** `--head <seq>:<sha256>` of `verify audit`. */
export function parseHeadArgument(text: string): ChainPoint | null {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  return match ? { seq: Number(match[1]), hash: match[2] } : null;
}

/**
 * Publishes the chain's head outside the database, so that a database administrator who truncates or rewrites the
 * log's tail is caught against it: a line appended to the day's file in the data directory (only when the head moved)
 * and, with the day's first line, a letter to every operator through the outbox. Runs hourly with the mail worker.
 */
export async function publishAuditHead(db: Database, dataDir: string, now = new Date()): Promise<PublishedHead | null> {
  const head = await readChainHead(db);
  if (!head) return null;
  const previous = await readPublishedHead(dataDir);
  const day = now.toISOString().slice(0, 10);
  const firstToday = previous?.at.slice(0, 10) !== day;
  if (!firstToday && previous?.seq === head.seq && previous.hash === head.hash) return previous;
  const published: PublishedHead = { at: now.toISOString(), seq: head.seq, entryId: head.entryId, hash: head.hash };
  const dir = path.join(dataDir, HEADS_DIR);
  await mkdir(dir, { recursive: true });
  await appendFile(path.join(dir, `${day}.txt`), `${formatHead(published)}\n`, { mode: 0o644 });
  if (firstToday) await mailOperators(db, published);
  return published;
}

async function mailOperators(db: Database, head: PublishedHead) {
  const operators = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'operator')))
    .where(isNull(users.disabledAt));
  const letter = composeLetter({
    subject: `Вершина журнала аудита на ${head.at.slice(0, 10)}`,
    paragraphs: [
      `Последняя запись журнала аудита платформы — № ${head.seq} (запись ${head.entryId ?? '—'}), её хеш SHA-256:`,
      head.hash,
      'Сохраните это письмо. Если журнал когда-нибудь усекут или перепишут, проверка это покажет:',
      `npx orbita verify audit --head ${head.seq}:${head.hash}`,
    ],
    footnote: 'Письмо приходит оператору платформы раз в день: каждая запись журнала содержит хеш предыдущей, поэтому эта строка подтверждает весь журнал до неё.',
  });
  await enqueueMail(db, operators.map((o) => ({ to: o.email, userId: o.id, kind: 'audit_head', letter })));
}
