import { asc, gt, isNull, sql } from 'drizzle-orm';
import { auditChainHead, auditEntries } from '../../platform/audit/schema';
import { ZERO_HASH, auditEntryHash } from '../../platform/audit/seal';
import type { Database } from '../../platform/db/client';

/** A point of the chain: its place and hash, as the database holds it or as it was published outside it. */
export interface ChainPoint {
  seq: number;
  hash: string;
}

export type AuditChainProblem = 'unsealed' | 'gap' | 'chain_link' | 'entry_hash' | 'head' | 'published_head';

export interface BrokenAuditEntry {
  /** The entry's id, or null when the problem is a missing part of the chain. */
  entryId: number | null;
  seq: number | null;
  problem: AuditChainProblem;
  /** What is wrong, in Russian, for the operator. */
  detail: string;
}

export interface AuditChainReport {
  entries: number;
  /** The last entry of the chain as found, or null for an empty log. */
  last: (ChainPoint & { entryId: number }) | null;
  broken: BrokenAuditEntry[];
}

const BATCH = 5_000;

/**
 * Walks the audit chain in its order and recomputes every hash with this code (not with the database's functions):
 * an edited entry, a deleted one (a gap in the numbering), an entry slipped in without the trigger, and a removed tail
 * (against the database's head row and, what a database administrator cannot rewrite, against a head published
 * outside the database) are each reported with the entry's id or number.
 */
export async function verifyAuditChain(db: Database, options: { publishedHead?: ChainPoint | null } = {}): Promise<AuditChainReport> {
  const broken: BrokenAuditEntry[] = [];
  const published = options.publishedHead ?? null;
  let publishedFound: string | null = null;
  let expectedSeq = 1;
  let previousHash = ZERO_HASH;
  let last: AuditChainReport['last'] = null;
  let entries = 0;

  for (let after = 0; ; ) {
    const batch = await db
      .select({
        id: auditEntries.id,
        chainSeq: auditEntries.chainSeq,
        atMicros: sql<string>`(extract(epoch from ${auditEntries.at}) * 1000000)::bigint::text`,
        actorId: sql<string | null>`${auditEntries.actorId}::text`,
        actorIp: auditEntries.actorIp,
        action: auditEntries.action,
        entityType: auditEntries.entityType,
        entityId: auditEntries.entityId,
        beforeText: sql<string | null>`${auditEntries.before}::text`,
        afterText: sql<string | null>`${auditEntries.after}::text`,
        previousHash: auditEntries.previousHash,
        hash: auditEntries.hash,
      })
      .from(auditEntries)
      .where(gt(auditEntries.chainSeq, after))
      .orderBy(asc(auditEntries.chainSeq))
      .limit(BATCH);
    for (const e of batch) {
      const seq = e.chainSeq!;
      const report = (problem: AuditChainProblem, detail: string) => broken.push({ entryId: e.id, seq, problem, detail });
      if (seq !== expectedSeq) {
        broken.push({ entryId: null, seq: expectedSeq, problem: 'gap', detail: `В цепочке нет записей № ${expectedSeq}${seq - 1 > expectedSeq ? `–${seq - 1}` : ''}: они удалены.` });
      }
      if (e.previousHash !== previousHash) report('chain_link', `Запись ${e.id} (№ ${seq}) не продолжает цепочку: предыдущая запись изменена, удалена или вставлена.`);
      if (auditEntryHash({ ...e, chainSeq: seq, previousHash: e.previousHash ?? '' }) !== e.hash) {
        report('entry_hash', `Запись ${e.id} (№ ${seq}) не совпадает со своим хешем: изменены время, автор, адрес, действие, объект или данные.`);
      }
      if (published && seq === published.seq) publishedFound = e.hash;
      expectedSeq = seq + 1;
      previousHash = e.hash ?? '';
      last = { seq, hash: e.hash ?? '', entryId: e.id };
    }
    entries += batch.length;
    if (batch.length < BATCH) break;
    after = batch.at(-1)!.chainSeq!;
  }

  const unsealed = await db.select({ id: auditEntries.id }).from(auditEntries).where(isNull(auditEntries.chainSeq)).orderBy(asc(auditEntries.id));
  for (const { id } of unsealed) broken.push({ entryId: id, seq: null, problem: 'unsealed', detail: `Запись ${id} не включена в цепочку: добавлена в обход платформы.` });
  entries += unsealed.length;

  const [head] = await db.select().from(auditChainHead);
  const lastSeq = last?.seq ?? 0;
  if (!head) broken.push({ entryId: null, seq: null, problem: 'head', detail: 'Вершина цепочки журнала аудита удалена из базы.' });
  else if (head.seq > lastSeq) {
    broken.push({ entryId: null, seq: head.seq, problem: 'head', detail: `Вершина цепочки в базе — запись № ${head.seq}, а последняя запись журнала — № ${lastSeq}: конец журнала удалён.` });
  } else if (head.seq !== lastSeq || head.hash !== (last?.hash ?? ZERO_HASH)) {
    broken.push({ entryId: null, seq: head.seq, problem: 'head', detail: `Вершина цепочки в базе (№ ${head.seq}) не совпадает с последней записью журнала (№ ${lastSeq}).` });
  }

  if (published && published.seq > 0) {
    if (publishedFound === null) {
      broken.push({ entryId: null, seq: published.seq, problem: 'published_head', detail: `Опубликованной вершины — записи № ${published.seq} — в журнале нет: журнал усечён после публикации.` });
    } else if (publishedFound !== published.hash) {
      broken.push({ entryId: null, seq: published.seq, problem: 'published_head', detail: `Запись № ${published.seq} не совпадает с опубликованной вершиной: журнал переписан после публикации.` });
    }
  }
  return { entries, last, broken };
}
