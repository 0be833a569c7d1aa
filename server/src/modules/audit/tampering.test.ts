import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, gt, gte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { openTestDatabase } from '../../../test/database';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { seedNetwork } from '../../../test/network-fixtures';
import { recordAudit } from '../../platform/audit/record-audit';
import { auditChainHead, auditEntries } from '../../platform/audit/schema';
import { backupDatabase, restoreDatabase } from '../../platform/db/backup';
import type { Database } from '../../platform/db/client';
import { outboxMessages } from '../../platform/mail/schema';
import { signatureHash } from '../documents/hashing';
import { documentSignatures, documentVersions, networkDocuments } from '../documents/schema';
import { verifySignatureChains } from '../documents/verify-signatures';
import { type PublishedHead, publishAuditHead, readPublishedHead } from './publish-audit-head';
import { verifyAuditChain } from './verify-audit-chain';

interface Doc {
  id: string;
  state: string;
  current: { id: string; version: number; sha256: string };
  signatures: { id: string; signedAt: string }[];
}

/** What a database administrator might do, each undone afterwards; and what each verifier must then report. */
interface Tampering {
  name: string;
  tamper: (tx: Database) => Promise<void>;
  /** `signatures:<problem>` or `audit:<problem>` entries that must all be among the findings. */
  expected: string[];
}

class Rollback extends Error {}

describe('tamper evidence of signatures and the audit log', () => {
  let t: TestApp;
  let dataDir: string;
  let published: PublishedHead;
  let signed: Doc;
  let signing: Doc;

  /** Runs `tamper` in a transaction that is rolled back, and returns what both verifiers found meanwhile. */
  async function findingsAfter(tamper: (tx: Database) => Promise<void>) {
    let findings: string[] = [];
    await t.handle.db
      .transaction(async (tx) => {
        await tamper(tx);
        const signatures = await verifySignatureChains(tx);
        const audit = await verifyAuditChain(tx, { publishedHead: published });
        findings = [...signatures.broken.map((b) => `signatures:${b.problem}`), ...audit.broken.map((b) => `audit:${b.problem}`)];
        expect([...signatures.broken, ...audit.broken].every((b) => /[а-я]/.test(b.detail))).toBe(true);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return findings;
  }

  /** A careful administrator re-chains everything from entry № `seq` with the database's own function, head included. */
  async function rechainFrom(tx: Database, seq: number) {
    const [previous] = await tx.select().from(auditEntries).where(eq(auditEntries.chainSeq, seq - 1));
    const tail = await tx.select({ id: auditEntries.id }).from(auditEntries).where(gte(auditEntries.chainSeq, seq)).orderBy(auditEntries.chainSeq);
    await tx.update(auditEntries).set({ chainSeq: null, previousHash: null, hash: null }).where(gte(auditEntries.chainSeq, seq));
    await tx.update(auditChainHead).set({ seq: seq - 1, entryId: previous?.id ?? null, hash: previous?.hash ?? '0'.repeat(64) });
    for (const { id } of tail) await tx.execute(sql`select audit_chain_append(${id})`);
  }

  const auditOfSignature = (tx: Database, signatureId: string) =>
    tx.select().from(auditEntries).where(and(eq(auditEntries.action, 'document.signed'), sql`${auditEntries.after}->>'signatureId' = ${signatureId}`));
  const signatureRow = async (tx: Database, id: string) => (await tx.select().from(documentSignatures).where(eq(documentSignatures.id, id)))[0];

  beforeAll(async () => {
    t = await openTestApp();
    dataDir = await mkdtemp(path.join(tmpdir(), 'orbita-audit-heads-'));
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Сеть для проверки подделок' });
    const coordinator: Session = await t.signIn('orgAdmin');
    const member: Session = await t.signIn('otherOrgAdmin');
    const read = (doc: Doc) => ({ versionId: doc.current.id, sha256: doc.current.sha256 });
    const document = async () => {
      const created = (await t.call('POST', `/api/networks/${network.id}/documents`, { session: coordinator, body: { kind: 'agreement' } })).json() as Doc;
      return (await t.call('POST', `/api/documents/${created.id}/send`, { session: coordinator, body: read(created) })).json() as Doc;
    };
    const sign = async (doc: Doc, session: Session) => {
      const response = await t.call('POST', `/api/documents/${doc.id}/sign`, { session, body: { ...read(doc), password: FIXTURE_PASSWORD } });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Doc;
    };
    signed = await document();
    await sign(signed, member);
    signed = await sign(signed, coordinator);
    signing = await document();
    signing = await sign(signing, member);
    // A few more entries after the signatures, so that the signed document's entries are not the tail.
    for (let i = 0; i < 3; i += 1) await recordAudit(t.handle.db, { actor: t.fixtures.actors.operator, ip: '127.0.0.1' }, { action: 'test.noted', entityType: 'test', entityId: String(i) });
    published = (await publishAuditHead(t.handle.db, dataDir))!;
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('publishes the head to the day’s file and to the operators, and finds nothing wrong in untouched records', async () => {
    expect(signed.state).toBe('signed');
    expect(signing.state).toBe('signing');
    expect(await readPublishedHead(dataDir)).toEqual(published);
    const [head] = await t.handle.db.select().from(auditChainHead);
    expect({ seq: head.seq, hash: head.hash }).toEqual({ seq: published.seq, hash: published.hash });
    const file = await readFile(path.join(dataDir, 'audit-heads', `${published.at.slice(0, 10)}.txt`), 'utf8');
    expect(file).toBe(`${published.at} seq=${published.seq} entry=${published.entryId} sha256=${published.hash}\n`);
    const letters = await t.handle.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'audit_head'));
    expect(letters.map((l) => l.toAddress)).toEqual([t.fixtures.emails.operator]);
    expect(letters[0].textBody).toContain(`npx orbita verify audit --head ${published.seq}:${published.hash}`);
    // The head did not move: publishing again the same day appends nothing and mails nobody.
    await publishAuditHead(t.handle.db, dataDir);
    expect((await readFile(path.join(dataDir, 'audit-heads', `${published.at.slice(0, 10)}.txt`), 'utf8')).split('\n')).toHaveLength(2);
    expect(await findingsAfter(async () => {})).toEqual([]);
  });

  const tamperings: Tampering[] = [
    {
      name: 'the signer’s name on a signature is changed',
      tamper: async (tx) => {
        await tx.update(documentSignatures).set({ signerName: 'Иванов Иван Иванович' }).where(eq(documentSignatures.id, signed.signatures[0].id));
      },
      expected: ['signatures:signature_hash'],
    },
    {
      name: 'a document half signed is marked signed',
      tamper: async (tx) => {
        await tx.update(networkDocuments).set({ state: 'signed' }).where(eq(networkDocuments.id, signing.id));
      },
      expected: ['signatures:state_unrecorded', 'signatures:state_unjustified'],
    },
    {
      name: 'a current signature is marked voided',
      tamper: async (tx) => {
        await tx.update(documentSignatures).set({ voidedAt: new Date() }).where(eq(documentSignatures.id, signed.signatures[1].id));
      },
      expected: ['signatures:voiding_unrecorded', 'signatures:state_unjustified'],
    },
    {
      name: 'the last signature is forged and its audit entry edited, the audit chain re-computed',
      tamper: async (tx) => {
        const last = await signatureRow(tx, signed.signatures[1].id);
        const forged = { ...last, signerId: t.fixtures.actors.operator!.userId, signerName: 'Подставной Пётр Петрович' };
        const hash = signatureHash({ ...forged, version: signed.current.version });
        await tx.update(documentSignatures).set({ signerId: forged.signerId, signerName: forged.signerName, hash }).where(eq(documentSignatures.id, last.id));
        const [entry] = await auditOfSignature(tx, last.id);
        await tx.update(auditEntries).set({ after: { ...(entry.after as object), hash }, actorId: forged.signerId }).where(eq(auditEntries.id, entry.id));
        await rechainFrom(tx, entry.chainSeq!);
      },
      expected: ['audit:published_head'],
    },
    {
      name: 'the last signature is deleted with its audit entry, the audit chain re-computed',
      tamper: async (tx) => {
        const lastId = signed.signatures[1].id;
        const [entry] = await auditOfSignature(tx, lastId);
        await tx.delete(documentSignatures).where(eq(documentSignatures.id, lastId));
        await tx.delete(auditEntries).where(eq(auditEntries.id, entry.id));
        await rechainFrom(tx, entry.chainSeq!);
      },
      expected: ['signatures:state_unrecorded', 'signatures:state_unjustified', 'audit:published_head'],
    },
    {
      name: 'every audit entry is deleted and the head reset',
      tamper: async (tx) => {
        await tx.delete(auditEntries);
        await tx.update(auditChainHead).set({ seq: 0, entryId: null, hash: '0'.repeat(64) });
      },
      expected: ['signatures:audit_missing', 'signatures:state_unrecorded', 'audit:published_head'],
    },
    {
      name: 'an audit entry’s actor is rewritten',
      tamper: async (tx) => {
        const [entry] = await auditOfSignature(tx, signed.signatures[0].id);
        await tx.update(auditEntries).set({ actorId: t.fixtures.actors.operator!.userId }).where(eq(auditEntries.id, entry.id));
      },
      expected: ['audit:entry_hash'],
    },
    {
      name: 'a signed document’s text is changed',
      tamper: async (tx) => {
        await tx.update(documentVersions).set({ body: 'Иной текст договора.' }).where(eq(documentVersions.id, signed.current.id));
      },
      expected: ['signatures:version_sha256'],
    },
    {
      name: 'a signature’s time is changed',
      tamper: async (tx) => {
        const first = signed.signatures[0];
        await tx.update(documentSignatures).set({ signedAt: new Date(new Date(first.signedAt).getTime() - 60_000) }).where(eq(documentSignatures.id, first.id));
      },
      expected: ['signatures:signature_hash'],
    },
    {
      name: 'an audit entry in the middle is deleted',
      tamper: async (tx) => {
        const [entry] = await auditOfSignature(tx, signed.signatures[0].id);
        await tx.delete(auditEntries).where(eq(auditEntries.id, entry.id));
      },
      expected: ['audit:gap', 'audit:chain_link', 'signatures:audit_missing'],
    },
    {
      name: 'the audit log’s tail is truncated after a head was published, the head row set to match',
      tamper: async (tx) => {
        await tx.delete(auditEntries).where(gt(auditEntries.chainSeq, published.seq - 3));
        const [last] = await tx.select().from(auditEntries).where(eq(auditEntries.chainSeq, published.seq - 3));
        await tx.update(auditChainHead).set({ seq: last.chainSeq!, entryId: last.id, hash: last.hash! });
      },
      expected: ['audit:published_head'],
    },
  ];

  it('detects each of the eleven tamperings', async () => {
    const detected: string[] = [];
    for (const tampering of tamperings) {
      const findings = await findingsAfter(tampering.tamper);
      expect(findings, tampering.name).toEqual(expect.arrayContaining(tampering.expected));
      if (findings.length) detected.push(tampering.name);
    }
    console.log(`Подделок обнаружено: ${detected.length}/${tamperings.length}`);
    expect(detected).toHaveLength(11);
    // Every tampering was rolled back: the records are intact again.
    expect(await findingsAfter(async () => {})).toEqual([]);
  });

  it('keeps one unbroken chain under many concurrent writers that also lock rows, without deadlock', async () => {
    const before = (await verifyAuditChain(t.handle.db)).last!.seq;
    const writers = 40;
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        t.handle.db.transaction(async (tx) => {
          // Half the writers write an entry before taking the document's row lock, half after. Were the chain's lock
          // taken when an entry is written, the two halves would deadlock; it is taken at commit, after every row lock.
          const note = (k: number) => recordAudit(tx, { actor: null, ip: '127.0.0.1' }, { action: 'test.concurrent', entityType: 'test', entityId: `${i}.${k}` });
          if (i % 2) await note(0);
          await tx.execute(sql`select id from network_documents where id = ${signed.id} for update`);
          if (!(i % 2)) await note(0);
          await note(1);
          await note(2);
        }),
      ),
    );
    const report = await verifyAuditChain(t.handle.db, { publishedHead: published });
    expect(report.broken).toEqual([]);
    expect(report.last!.seq).toBe(before + writers * 3);
    const entries = await t.handle.db.select({ seq: auditEntries.chainSeq }).from(auditEntries).where(eq(auditEntries.action, 'test.concurrent'));
    expect(new Set(entries.map((e) => e.seq)).size).toBe(writers * 3);
  });

  it('shows the operator the chain’s head and checks both chains on request; nobody else', async () => {
    const operator = await t.signIn('operator');
    const status = await t.call('GET', '/api/audit/chain', { session: operator });
    expect(status.statusCode, status.body).toBe(200);
    const [head] = await t.handle.db.select().from(auditChainHead);
    expect(status.json().head).toMatchObject({ seq: head.seq, hash: head.hash });
    const check = await t.call('POST', '/api/audit/verify', { session: operator });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({ intact: true, audit: { problems: 0 }, signatures: { problems: 0 } });
    const member = await t.signIn('orgAdmin');
    expect((await t.call('GET', '/api/audit/chain', { session: member })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/audit/verify', { session: member })).statusCode).toBe(403);
  });

  it('restores from a backup with the chain and the signatures intact, and goes on chaining after it', async () => {
    const file = path.join(dataDir, 'backup.jsonl.gz');
    await backupDatabase(t.handle, file);
    const restored = await openTestDatabase();
    try {
      await restoreDatabase(restored, file);
      expect((await verifyAuditChain(restored.db, { publishedHead: published })).broken).toEqual([]);
      expect((await verifySignatureChains(restored.db)).broken).toEqual([]);
      await recordAudit(restored.db, { actor: null, ip: '127.0.0.1' }, { action: 'test.after_restore', entityType: 'test', entityId: null });
      const report = await verifyAuditChain(restored.db, { publishedHead: published });
      expect(report.broken).toEqual([]);
      expect(report.last!.seq).toBe((await verifyAuditChain(t.handle.db)).last!.seq + 1);
    } finally {
      await restored.close();
    }
  });

  it('keeps ids only for people: names and e-mails never reach an audit entry', async () => {
    await recordAudit(t.handle.db, { actor: null, ip: '127.0.0.1' }, {
      action: 'test.personal',
      entityType: 'user',
      entityId: t.fixtures.actors.guardian!.userId,
      before: { email: 'parent@example.ru', fullName: 'Петрова Мария Ивановна', child: { lastName: 'Петров', birthDate: '2015-03-01' }, phones: [{ phone: '+7 900 000-00-00' }] },
      after: { status: 'deleted', emailVerifiedAt: null, organizationId: t.fixtures.ownOrganizationId },
    });
    const [entry] = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'test.personal'));
    expect(entry.before).toEqual({ email: '(скрыто)', fullName: '(скрыто)', child: { lastName: '(скрыто)', birthDate: '(скрыто)' }, phones: [{ phone: '(скрыто)' }] });
    expect(entry.after).toEqual({ status: 'deleted', emailVerifiedAt: null, organizationId: t.fixtures.ownOrganizationId });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
