import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { organizationWithHead, seedNetwork } from '../../../test/network-fixtures';
import { networkMembers } from '../networks/schema';
import type { NetworkRow } from '../networks/access';
import { insertDocument } from './create-document';
import { ZERO_HASH, signatureHash, versionSha256 } from './hashing';
import { documentSignatures, documentVersions, networkDocuments } from './schema';
import { settleDocumentsAfterMembershipChange } from './settle-documents';
import { verifySignatureChains } from './verify-signatures';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Doc {
  id: string;
  state: string;
  currentVersion: number;
  title: string;
  current: { id: string; version: number; title: string; body: string; sha256: string };
  versions: { id: string; version: number; sha256: string }[];
  signatures: { id: string; versionId: string; organizationId: string; signerName: string; versionSha256: string; signedAt: string; previousHash: string; hash: string; voidedAt: string | null }[];
  parties: { organizationId: string; signed: boolean }[];
  permissions: { canEdit: boolean; canSend: boolean; canSign: boolean; canCreateAccession: boolean; signAs: { organizationId: string }[] };
  awaitingAccession: { organizationId: string }[];
  accessions: { id: string; organizationId: string }[];
  parent: { id: string; title: string } | null;
  accedingOrganizationId: string | null;
}

describe('network documents', () => {
  let t: TestApp;
  let network: NetworkRow;
  let coordinator: Session;
  let member: Session;
  let operator: Session;
  let teacher: Session;

  const read = (doc: Doc) => ({ versionId: doc.current.id, sha256: doc.current.sha256 });
  const get = async (id: string, session: Session | null = coordinator) => (await t.call('GET', `/api/documents/${id}`, { session })).json() as Doc;
  const create = async (kind = 'agreement', networkId = network.id) => {
    const response = await t.call('POST', `/api/networks/${networkId}/documents`, { session: coordinator, body: { kind } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Doc;
  };
  const send = async (doc: Doc) => {
    const response = await t.call('POST', `/api/documents/${doc.id}/send`, { session: coordinator, body: read(doc) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Doc;
  };
  const sign = (doc: Doc, session: Session, password = FIXTURE_PASSWORD) => t.call('POST', `/api/documents/${doc.id}/sign`, { session, body: { ...read(doc), password } });
  const edit = (doc: Doc, changes: { title?: string; body?: string }) => t.call('PATCH', `/api/documents/${doc.id}`, { session: coordinator, body: { ...read(doc), ...changes } });
  const auditCount = async () => (await t.handle.db.select({ id: auditEntries.id }).from(auditEntries)).length;

  beforeAll(async () => {
    t = await openTestApp();
    network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Школьный округ «Первый»' });
    coordinator = await t.signIn('orgAdmin');
    member = await t.signIn('otherOrgAdmin');
    operator = await t.signIn('operator');
    teacher = await t.signIn('teacher');
  });
  afterAll(() => t.close());

  it('drafts every kind from its Russian template, filled from the network and its members', async () => {
    const templates = (await t.call('GET', '/api/document-templates')).json().items as { kind: string; label: string }[];
    expect(templates.map((k) => k.kind)).toEqual(['agreement', 'network_programme_agreement', 'district_regulation', 'council_regulation', 'order', 'network_plan', 'district_creation_order', 'base_school_order', 'base_school_contract']);
    // Authority acts and the base-school contract name their authority (document-parties.test.ts).
    for (const { kind } of templates.filter((k) => !['district_creation_order', 'base_school_order', 'base_school_contract'].includes(k.kind))) {
      const doc = await create(kind);
      expect(doc.state).toBe('draft');
      expect(doc.current.version).toBe(1);
      expect(doc.current.body).not.toMatch(/\{\{/);
      expect(doc.title).not.toMatch(/\{\{/);
      expect(doc.current.sha256).toBe(versionSha256(doc.current.title, doc.current.body));
      expect(doc.current.body).toContain('СОШ № 2');
    }
    const agreement = await create('agreement');
    expect(agreement.title).toBe('Договор о совместной деятельности (сотрудничестве) участников сети Школьный округ «Первый»');
    expect(agreement.current.body).toContain('Качественное образование независимо от места жительства');
    expect(agreement.current.body).toMatch(/^# 1\. Предмет договора$/m);
    const programme = await create('network_programme_agreement');
    expect(programme.current.body).toContain('статьёй 15 Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»');
    const council = await create('council_regulation');
    expect(council.current.body).toContain('не менее 50 % организаций, представленных в Совете');
    const [entry] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'document.created'), eq(auditEntries.entityId, agreement.id)));
    expect(entry.actorId).toBe(t.fixtures.actors.orgAdmin!.userId);

    const list = (await t.call('GET', `/api/networks/${network.id}/documents`)).json();
    expect(list.items.length).toBeGreaterThanOrEqual(9);
    expect(list.items[0]).toMatchObject({ state: 'draft', signedCount: 0, requiredCount: 2 });
    expect(list.canCreate).toBe(false);
  });

  it('answers bad input with Russian problems and writes nothing', async () => {
    const documentsBefore = (await t.handle.db.select().from(networkDocuments)).length;
    const audits = await auditCount();
    const badKind = await t.call('POST', `/api/networks/${network.id}/documents`, { session: coordinator, body: { kind: 'castle', title: 'x' } });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.headers['content-type']).toContain('application/problem+json');
    expect(badKind.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'title']);
    expect(badKind.json().errors[0].message).toMatch(/[а-я]/);
    const accession = await t.call('POST', `/api/networks/${network.id}/documents`, { session: coordinator, body: { kind: 'accession' } });
    expect(accession.statusCode).toBe(400);
    const stranger = await t.call('POST', `/api/networks/${network.id}/documents`, { session: member, body: { kind: 'agreement' } });
    expect(stranger.statusCode).toBe(403);
    const missing = await t.call('POST', '/api/networks/00000000-0000-4000-8000-000000000000/documents', { session: coordinator, body: { kind: 'agreement' } });
    expect(missing.statusCode).toBe(404);

    const doc = await create();
    const emptyEdit = await t.call('PATCH', `/api/documents/${doc.id}`, { session: coordinator, body: { ...read(doc) } });
    expect(emptyEdit.statusCode).toBe(400);
    const blankBody = await edit(doc, { body: '   ' });
    expect(blankBody.statusCode).toBe(400);
    expect(blankBody.json().errors[0]).toEqual({ field: 'body', message: 'Текст документа не может быть пустым' });
    const badSha = await t.call('PATCH', `/api/documents/${doc.id}`, { session: coordinator, body: { versionId: doc.current.id, sha256: 'abc', body: 'Текст' } });
    expect(badSha.json().errors.map((e: { field: string }) => e.field)).toEqual(['sha256']);
    expect((await t.handle.db.select().from(networkDocuments)).length).toBe(documentsBefore + 1);
    expect(await auditCount()).toBe(audits + 1);
    expect((await get(doc.id)).current.sha256).toBe(doc.current.sha256);
  });

  it('edits a draft in place, refuses an edit based on a stale text, and shows the caller’s permissions', async () => {
    const doc = await create('order');
    expect(doc.permissions).toMatchObject({ canEdit: true, canSend: true, canSign: false });
    const response = await edit(doc, { title: 'Приказ № 15 об организации сетевого взаимодействия', body: `${doc.current.body}\n6. Приказ вступает в силу с момента подписания.` });
    expect(response.statusCode, response.body).toBe(200);
    const edited = response.json() as Doc;
    expect(edited.current.id).toBe(doc.current.id);
    expect(edited.current.version).toBe(1);
    expect(edited.versions).toHaveLength(1);
    expect(edited.title).toBe('Приказ № 15 об организации сетевого взаимодействия');
    expect(edited.current.sha256).toBe(versionSha256(edited.title, edited.current.body));
    expect(edited.current.sha256).not.toBe(doc.current.sha256);

    const stale = await edit(doc, { body: 'Другой текст' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain('Документ изменён после того, как вы его открыли');
    expect((await get(doc.id)).current.body).toBe(edited.current.body);

    const asMember = await get(doc.id, member);
    expect(asMember.permissions).toEqual({ canEdit: false, canSend: false, canSign: false, signAs: [], canCreateAccession: false, canRefreshAnnex: false });
    const memberEdit = await t.call('PATCH', `/api/documents/${doc.id}`, { session: member, body: { ...read(await get(doc.id)), body: 'Чужая правка' } });
    expect(memberEdit.statusCode).toBe(403);
  });

  it('is signed by the head of every member: password-confirmed, chained, and complete when all have signed', async () => {
    const doc = await create();
    const early = await sign(doc, member);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('ещё не отправлен');

    const sent = await send(doc);
    expect(sent.state).toBe('signing');
    expect((await t.call('POST', `/api/documents/${doc.id}/send`, { session: coordinator, body: read(sent) })).statusCode).toBe(409);
    expect((await get(doc.id, member)).permissions).toMatchObject({ canSign: true, signAs: [{ organizationId: t.fixtures.otherOrganizationId }] });

    const audits = await auditCount();
    const wrong = await sign(sent, member, 'not-my-password');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'password', message: 'Неверный пароль' }]);
    expect((await sign(sent, teacher)).statusCode).toBe(403);
    expect((await sign(sent, operator)).statusCode).toBe(403);
    expect(await auditCount()).toBe(audits);
    expect((await get(doc.id)).signatures).toHaveLength(0);

    const first = await sign(sent, member);
    expect(first.statusCode, first.body).toBe(200);
    const afterFirst = first.json() as Doc;
    expect(afterFirst.state).toBe('signing');
    const [signature] = afterFirst.signatures;
    expect(signature).toMatchObject({ organizationId: t.fixtures.otherOrganizationId, signerName: 'Пользователь otherOrgAdmin', versionSha256: sent.current.sha256, previousHash: ZERO_HASH, voidedAt: null });
    const [stored] = await t.handle.db.select().from(documentSignatures).where(eq(documentSignatures.id, signature.id));
    expect(stored).toMatchObject({ signerName: 'Пользователь otherOrgAdmin', documentState: 'signing' });
    expect(stored.organizationName).not.toBe('');
    const recomputed = signatureHash({ ...stored, documentId: doc.id, versionId: sent.current.id, version: 1, versionSha256: sent.current.sha256, signedAt: new Date(signature.signedAt), previousHash: ZERO_HASH });
    expect(signature.hash).toBe(recomputed);
    const again = await sign(sent, member);
    expect(again.statusCode).toBe(409);
    expect(afterFirst.permissions.canSign).toBe(false);

    const second = await sign(sent, coordinator);
    expect(second.statusCode, second.body).toBe(200);
    const signed = second.json() as Doc;
    expect(signed.state).toBe('signed');
    expect(signed.signatures[1].previousHash).toBe(signature.hash);
    expect(signed.parties.every((p) => p.signed)).toBe(true);
    const [audit] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'document.signed'), eq(auditEntries.entityId, doc.id), eq(auditEntries.actorId, t.fixtures.actors.orgAdmin!.userId)));
    expect(audit.after).toMatchObject({ state: 'signed', hash: signed.signatures[1].hash });
  });

  it('turns any change after the first signature into a new version and voids the signatures of the old one', async () => {
    const doc = await send(await create('district_regulation'));
    const signedByMember = (await sign(doc, member)).json() as Doc;
    const voidedHash = signedByMember.signatures[0].hash;

    const response = await edit(doc, { body: `${doc.current.body}\n8.3. Положение размещается на сайтах участников.` });
    expect(response.statusCode, response.body).toBe(200);
    const revised = response.json() as Doc;
    expect(revised.currentVersion).toBe(2);
    expect(revised.state).toBe('signing');
    expect(revised.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(revised.versions[0].sha256).toBe(doc.current.sha256);
    expect(revised.signatures[0].voidedAt).not.toBeNull();
    expect(revised.parties.some((p) => p.signed)).toBe(false);
    const [audit] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'document.revised'), eq(auditEntries.entityId, doc.id)));
    expect(audit.after).toMatchObject({ version: 2, voidedSignatureIds: [signedByMember.signatures[0].id] });

    // A signature on the text the member read before the edit is refused.
    const stale = await sign(doc, member);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain('действует редакция № 2');

    await sign(revised, member);
    const complete = (await sign(revised, coordinator)).json() as Doc;
    expect(complete.state).toBe('signed');
    const live = complete.signatures.filter((s) => !s.voidedAt);
    expect(live.map((s) => s.versionId)).toEqual([revised.current.id, revised.current.id]);
    // The chain runs through the voided record: it stays for the history.
    expect(live[0].previousHash).toBe(voidedHash);

    // Editing a signed document opens a new round of signatures.
    const reopened = (await edit(complete, { title: 'Положение о школьном образовательном округе (новая редакция)' })).json() as Doc;
    expect(reopened).toMatchObject({ state: 'signing', currentVersion: 3 });
    expect(reopened.signatures.filter((s) => !s.voidedAt)).toHaveLength(0);
    expect((await verifySignatureChains(t.handle.db, { documentId: doc.id })).broken).toEqual([]);
  });

  it('lets a member that joined after signing accede: only its head and the managing head sign the accession', async () => {
    const district = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ с новым участником' });
    const agreement = await send(await create('agreement', district.id));
    await sign(agreement, member);
    await sign(agreement, coordinator);
    const newcomer = await organizationWithHead(t, 'Лицей № 7', district);

    const parent = await get(agreement.id);
    expect(parent.state).toBe('signed');
    expect(parent.awaitingAccession.map((a) => a.organizationId)).toContain(newcomer.org.id);
    expect(parent.permissions.canCreateAccession).toBe(true);
    const late = await sign(parent, newcomer.session);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('соглашением о присоединении');

    const notMember = await organizationWithHead(t, 'Гимназия вне сети', null);
    const refused = await t.call('POST', `/api/documents/${agreement.id}/accessions`, { session: coordinator, body: { organizationId: notMember.org.id } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('organizationId');
    const alreadySigned = await t.call('POST', `/api/documents/${agreement.id}/accessions`, { session: coordinator, body: { organizationId: t.fixtures.otherOrganizationId } });
    expect(alreadySigned.statusCode).toBe(409);

    const created = await t.call('POST', `/api/documents/${agreement.id}/accessions`, { session: coordinator, body: { organizationId: newcomer.org.id } });
    expect(created.statusCode, created.body).toBe(201);
    const accession = created.json() as Doc;
    expect(accession).toMatchObject({ state: 'draft', accedingOrganizationId: newcomer.org.id, parent: { id: agreement.id } });
    expect(accession.title).toContain('Лицей № 7');
    expect(accession.current.body).toContain(`присоединяется к документу «${agreement.title}»`);
    expect(accession.current.body).toContain('Иванова Мария Петровна');
    expect(accession.parties.map((p) => p.organizationId).sort()).toEqual([newcomer.org.id, t.fixtures.ownOrganizationId].sort());
    const duplicate = await t.call('POST', `/api/documents/${agreement.id}/accessions`, { session: coordinator, body: { organizationId: newcomer.org.id } });
    expect(duplicate.statusCode).toBe(409);
    expect((await get(agreement.id)).awaitingAccession.map((a) => a.organizationId)).not.toContain(newcomer.org.id);

    const out = await send(accession);
    expect((await sign(out, member)).statusCode).toBe(403); // a member, but not a party of this accession
    expect(((await sign(out, newcomer.session)).json() as Doc).state).toBe('signing');
    expect(((await sign(out, coordinator)).json() as Doc).state).toBe('signed');
  });

  it('has a resource exchange agreement signed by its two parties only, however many members the network has', async () => {
    const district = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ с обменом ресурсами' });
    const third = await organizationWithHead(t, 'Школа — третий участник', district);
    const parties = [t.fixtures.otherOrganizationId, t.fixtures.ownOrganizationId];
    const row = await t.handle.db.transaction((tx) =>
      insertDocument(tx, { actor: t.fixtures.actors.otherOrgAdmin, ip: null }, {
        networkId: district.id,
        kind: 'resource_exchange',
        title: 'Соглашение об обмене ресурсами: «Бассейн» (СОШ № 2 — СОШ № 1)',
        body: '# 1. Предмет соглашения\nСОШ № 2 предоставляет СОШ № 1 бассейн по вторникам.\n',
        partyOrganizationIds: parties,
        state: 'signing',
      }),
    );
    const doc = await get(row.id);
    expect(doc.state).toBe('signing');
    expect(doc.parties.map((p) => p.organizationId).sort()).toEqual([...parties].sort());
    const listed = (await t.call('GET', `/api/networks/${district.id}/documents`, { session: coordinator })).json().items.find((d: { id: string }) => d.id === row.id);
    expect(listed).toMatchObject({ kind: 'resource_exchange', kindLabel: 'Соглашение об обмене ресурсами', requiredCount: 2, signedCount: 0 });

    // A member that is no party does not see the agreement at all (its terms are the parties' own).
    const outsider = await sign(doc, third.session);
    expect(outsider.statusCode, outsider.body).toBe(404);
    expect(((await sign(doc, member)).json() as Doc).state).toBe('signing');
    const signed = (await sign(doc, coordinator)).json() as Doc;
    expect(signed.state).toBe('signed');
    expect(signed.signatures.map((s) => s.organizationId).sort()).toEqual([...parties].sort());
    // The third member never had to sign, so there is nothing for it to accede to.
    expect(signed.awaitingAccession).toEqual([]);
    expect(signed.permissions.canCreateAccession).toBe(false);
    const accession = await t.call('POST', `/api/documents/${row.id}/accessions`, { session: coordinator, body: { organizationId: third.org.id } });
    expect(accession.statusCode).toBe(409);
    expect((await t.call('POST', `/api/networks/${district.id}/documents`, { session: coordinator, body: { kind: 'resource_exchange' } })).statusCode).toBe(400);
  });

  it('completes a document when the only party that had not signed leaves the network', async () => {
    const district = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ, из которого выходят' });
    const leaving = await organizationWithHead(t, 'Школа, покидающая округ', district);
    const doc = await send(await create('network_plan', district.id));
    await sign(doc, member);
    await sign(doc, coordinator);
    expect((await get(doc.id)).state).toBe('signing');
    const completed = await t.handle.db.transaction(async (tx) => {
      await tx.update(networkMembers).set({ state: 'left', leftOn: new Date().toISOString().slice(0, 10) }).where(and(eq(networkMembers.networkId, district.id), eq(networkMembers.organizationId, leaving.org.id)));
      return settleDocumentsAfterMembershipChange(tx, { actor: t.fixtures.actors.orgAdmin, ip: null }, district.id);
    });
    expect(completed).toEqual([doc.id]);
    expect((await get(doc.id)).state).toBe('signed');
  });

  it('hides documents of a member-only network from those who may not see it', async () => {
    const closed = await seedNetwork(t.handle.db, t.fixtures, { name: 'Закрытая сеть', visibility: 'members' });
    const doc = await create('agreement', closed.id);
    expect((await t.call('GET', `/api/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/networks/${closed.id}/documents`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/documents/${doc.id}/export?format=pdf`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/documents/${doc.id}`, { session: member })).statusCode).toBe(200);
    const expert = await t.signIn('expert');
    expect((await t.call('PATCH', `/api/documents/${doc.id}`, { session: expert, body: { ...read(doc), body: 'x' } })).statusCode).toBe(404);
  });

  describe('concurrency', () => {
    it('counts two members signing at the same moment once each, in one linear chain', async () => {
      for (let round = 0; round < 3; round++) {
        const doc = await send(await create());
        const [a, b] = await Promise.all([sign(doc, member), sign(doc, coordinator)]);
        expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
        const final = await get(doc.id);
        expect(final.state).toBe('signed');
        expect(final.signatures).toHaveLength(2);
        expect(new Set(final.signatures.map((s) => s.organizationId)).size).toBe(2);
        expect(final.signatures[0].previousHash).toBe(ZERO_HASH);
        expect(final.signatures[1].previousHash).toBe(final.signatures[0].hash);
      }
    });

    it('limits password guesses per person and document', async () => {
      const doc = await send(await create());
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await sign(doc, member, `guess-${i}`)).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
      expect(statuses[10]).toBe(429);
      expect((await sign(doc, coordinator)).statusCode).toBe(200);
    });

    it('lets the same signer’s double submission land once', async () => {
      const doc = await send(await create());
      const results = await Promise.all([sign(doc, member), sign(doc, member)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const rows = await t.handle.db.select().from(documentSignatures).where(eq(documentSignatures.documentId, doc.id));
      expect(rows).toHaveLength(1);
    });

    /** Whatever the order, no signature that counts may sit on a text other than the current one. */
    async function expectNoSignatureOnUnseenText(documentId: string, signerRead: { sha256: string }, signResult: { statusCode: number }) {
      const final = await get(documentId);
      for (const s of final.signatures.filter((x) => !x.voidedAt)) {
        expect(s.versionId).toBe(final.current.id);
        expect(s.versionSha256).toBe(final.current.sha256);
      }
      const all = await t.handle.db.select().from(documentSignatures).where(eq(documentSignatures.documentId, documentId));
      // Every signature ever made records the text its signer read.
      for (const s of all) expect(s.versionSha256).toBe(signerRead.sha256);
      if (signResult.statusCode === 200) expect(all).toHaveLength(1);
      else expect(all).toHaveLength(0);
      expect((await verifySignatureChains(t.handle.db, { documentId })).broken).toEqual([]);
    }

    it('never leaves a signature on text the signer did not see when an edit races it (unsigned version, edited in place)', async () => {
      for (let round = 0; round < 5; round++) {
        const doc = await send(await create('network_plan'));
        // The edit starts a little later each round, so that both orders occur: signature first, or edit first.
        const [signed, edited] = await Promise.all([sign(doc, member), delay(round * 40).then(() => edit(doc, { body: `${doc.current.body}\nДополнение ${round}.` }))]);
        expect(edited.statusCode, edited.body).toBe(200);
        expect([200, 409], signed.body).toContain(signed.statusCode);
        const final = edited.json() as Doc;
        // Signed first → the edit made version 2 and voided the signature; edited first → the signature was refused.
        if (signed.statusCode === 200) expect(final.currentVersion).toBe(2);
        else expect(final.currentVersion).toBe(1);
        await expectNoSignatureOnUnseenText(doc.id, doc.current, signed);
      }
    });

    it('never leaves a signature on text the signer did not see when an edit races it (version already signed by another party)', async () => {
      for (let round = 0; round < 5; round++) {
        const doc = await send(await create('council_regulation'));
        await sign(doc, coordinator);
        const [signed, edited] = await Promise.all([sign(doc, member), delay(round * 40).then(() => edit(doc, { body: `${doc.current.body}\nПравка ${round}.` }))]);
        expect(edited.statusCode, edited.body).toBe(200);
        expect([200, 409]).toContain(signed.statusCode);
        const final = await get(doc.id);
        expect(final.currentVersion).toBe(2);
        expect(final.state).toBe('signing');
        expect(final.signatures.filter((s) => !s.voidedAt)).toHaveLength(0);
        const live = await t.handle.db.select().from(documentSignatures).where(and(eq(documentSignatures.documentId, doc.id), isNull(documentSignatures.voidedAt)));
        expect(live).toHaveLength(0);
        expect((await verifySignatureChains(t.handle.db, { documentId: doc.id })).broken).toEqual([]);
      }
    });
  });

  describe('tamper evidence', () => {
    async function signedDocument() {
      const doc = await send(await create());
      await sign(doc, member);
      await sign(doc, coordinator);
      return get(doc.id);
    }
    const problems = async (documentId: string) => (await verifySignatureChains(t.handle.db, { documentId })).broken.map((b) => `${b.problem}:${b.recordId}`).sort();

    it('finds nothing wrong in untouched records', async () => {
      await signedDocument();
      const report = await verifySignatureChains(t.handle.db);
      expect(report.broken).toEqual([]);
      expect(report.signatures).toBeGreaterThan(0);
    });

    it('detects an edited text, an edited signature, a re-hashed signature, an un-voided signature and a deleted one', async () => {
      const textDoc = await signedDocument();
      await t.handle.db.update(documentVersions).set({ body: `${textDoc.current.body} (подделка)` }).where(eq(documentVersions.id, textDoc.current.id));
      expect(await problems(textDoc.id)).toEqual([`version_sha256:${textDoc.current.id}`]);
      // Re-hashing the text too is caught by the signatures, which recorded the old hash.
      const forged = versionSha256(textDoc.current.title, `${textDoc.current.body} (подделка)`);
      await t.handle.db.update(documentVersions).set({ sha256: forged }).where(eq(documentVersions.id, textDoc.current.id));
      expect(await problems(textDoc.id)).toEqual(textDoc.signatures.map((s) => `signature_version:${s.id}`).sort());

      const timeDoc = await signedDocument();
      const [first] = timeDoc.signatures;
      await t.handle.db.update(documentSignatures).set({ signedAt: new Date(new Date(first.signedAt).getTime() - 1000) }).where(eq(documentSignatures.id, first.id));
      expect(await problems(timeDoc.id)).toEqual([`signature_hash:${first.id}`]);

      const chainDoc = await signedDocument();
      const [head, tail] = chainDoc.signatures;
      const moved = new Date(new Date(head.signedAt).getTime() - 5000);
      const [headRow] = await t.handle.db.select().from(documentSignatures).where(eq(documentSignatures.id, head.id));
      const rehash = signatureHash({ ...headRow, version: chainDoc.current.version, signerId: t.fixtures.actors.operator!.userId, signedAt: moved });
      await t.handle.db.update(documentSignatures).set({ signerId: t.fixtures.actors.operator!.userId, signedAt: moved, hash: rehash }).where(eq(documentSignatures.id, head.id));
      const found = await problems(chainDoc.id);
      expect(found).toContain(`chain_link:${tail.id}`);
      expect(found).toContain(`audit_mismatch:${head.id}`);

      const voidDoc = await send(await create());
      await sign(voidDoc, member);
      const revised = (await edit(voidDoc, { body: 'Новый текст договора.' })).json() as Doc;
      await t.handle.db.update(documentSignatures).set({ voidedAt: null }).where(eq(documentSignatures.id, revised.signatures[0].id));
      expect(await problems(voidDoc.id)).toEqual([`signature_voiding:${revised.signatures[0].id}`]);

      const deleteDoc = await signedDocument();
      await t.handle.db.delete(documentSignatures).where(eq(documentSignatures.id, deleteDoc.signatures[1].id));
      // The deleted signature completed the document, so its state is no longer justified either.
      expect(await problems(deleteDoc.id)).toEqual([`audit_mismatch:${deleteDoc.signatures[1].id}`, `state_unjustified:${deleteDoc.id}`]);

      const everything = await verifySignatureChains(t.handle.db);
      expect(new Set(everything.broken.map((b) => b.documentId))).toEqual(new Set([textDoc.id, timeDoc.id, chainDoc.id, voidDoc.id, deleteDoc.id]));
      expect(everything.broken.every((b) => /[а-я]/.test(b.detail))).toBe(true);
      const api = (await t.call('GET', `/api/documents/${deleteDoc.id}/verification`)).json();
      expect(api.intact).toBe(false);
    });
  });
});
