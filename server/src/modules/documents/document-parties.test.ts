import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { auditEntries } from '../../platform/audit/schema';
import type { CommandContext } from '../../platform/context';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { organizationWithHead, seedNetwork } from '../../../test/network-fixtures';
import { hashPassword } from '../accounts/passwords';
import { memberships, users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';
import type { NetworkRow } from '../networks/access';
import { requireBaseSchoolToLaunch } from '../networks/mark-launch-step';
import { isBaseSchool } from '../organizations/base-schools';
import { baseSchoolRegister, organizations } from '../organizations/schema';
import { addPlanItem } from '../plans/add-plan-item';
import { createPlan } from '../plans/create-plan';
import { updatePlanItem } from '../plans/update-plan-item';
import { regionToday } from '../territory/region-clock';
import { annexState } from './annex';
import { canonicalJson, versionSha256 } from './hashing';
import { verifySignatureChains } from './verify-signatures';

interface Doc {
  id: string;
  kind: string;
  state: string;
  title: string;
  partyScope: string;
  currentVersion: number;
  current: { id: string; version: number; title: string; body: string; sha256: string; annex: { planId: string; title: string; items: { number: string; activity: string }[] } | null };
  parties: { organizationId: string; signed: boolean }[];
  signatures: { voidedAt: string | null }[];
  annex: { planId: string; superseded: boolean; planDeleted: boolean } | null;
  act: { kind: string; organizationId: string; registeredOn: string | null } | null;
  awaitingAccession: { organizationId: string }[];
  permissions: { canEdit: boolean; canSend: boolean; canSign: boolean; canRefreshAnnex: boolean };
}

describe('documents with chosen parties, plan annexes and authority acts', () => {
  let t: TestApp;
  let network: NetworkRow;
  let coordinator: Session;
  let member: Session;
  let third: Awaited<ReturnType<typeof organizationWithHead>>;
  let authorityOrg: { id: string };
  let authorityHead: Session;

  const as = (role: 'operator' | 'orgAdmin'): CommandContext => ({ db: t.handle.db, actor: t.fixtures.actors[role], ip: '127.0.0.1' });
  const read = (doc: Doc) => ({ versionId: doc.current.id, sha256: doc.current.sha256 });
  const get = async (id: string, session: Session | null = coordinator) => (await t.call('GET', `/api/documents/${id}`, { session })).json() as Doc;
  const create = (body: Record<string, unknown>, session: Session = coordinator) => t.call('POST', `/api/networks/${network.id}/documents`, { session, body });
  const created = async (body: Record<string, unknown>, session: Session = coordinator) => {
    const response = await create(body, session);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Doc;
  };
  const send = async (doc: Doc, session: Session = coordinator) => {
    const response = await t.call('POST', `/api/documents/${doc.id}/send`, { session, body: read(doc) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Doc;
  };
  const sign = (doc: Doc, session: Session) => t.call('POST', `/api/documents/${doc.id}/sign`, { session, body: { ...read(doc), password: FIXTURE_PASSWORD } });
  const expectProblem = (response: { statusCode: number; headers: Record<string, unknown>; body: string; json: () => { detail?: string; title?: string } }, status: number, text: RegExp) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(response.json().detail ?? response.json().title).toMatch(text);
  };

  beforeAll(async () => {
    t = await openTestApp();
    network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Школьный округ «Второй»' });
    coordinator = await t.signIn('orgAdmin');
    member = await t.signIn('otherOrgAdmin');
    third = await organizationWithHead(t, 'СОШ № 3', network);
    // The education authority of the network's municipality, with its own head.
    const [org] = await t.handle.db
      .insert(organizations)
      .values({ kind: 'authority', fullName: 'Комитет по образованию городского округа Первый', shortName: 'Комитет по образованию', sortKey: russianSortKey('Комитет по образованию'), municipalityId: t.fixtures.municipalityId, headName: 'Петрова Анна Сергеевна' })
      .returning();
    authorityOrg = org;
    const [user] = await t.handle.db.insert(users).values({ email: 'head-komitet@test.orbita', passwordHash: await hashPassword(FIXTURE_PASSWORD), fullName: 'Петрова Анна Сергеевна' }).returning();
    await t.handle.db.insert(memberships).values({ userId: user.id, organizationId: org.id, role: 'org_admin' });
    const session = await openSession(t.handle.db, user.id, { ip: '127.0.0.1', userAgent: 'test' });
    authorityHead = { cookie: `orbita_session=${session.token}`, csrfToken: session.csrfToken } as Session;
  });
  afterAll(() => t.close());

  describe('named parties', () => {
    it('binds only the organisations named: they alone sign, the others neither sign nor accede', async () => {
      const doc = await created({ kind: 'agreement', partyOrganizationIds: [t.fixtures.ownOrganizationId, third.org.id] });
      expect(doc.partyScope).toBe('named');
      expect(doc.title).toBe('Соглашение о сотрудничестве СОШ № 1 и СОШ № 3 в сети Школьный округ «Второй»');
      expect(doc.current.body).toContain('СОШ № 3');
      expect(doc.current.body).not.toContain('СОШ № 2');
      expect(doc.current.body).not.toMatch(/присоединяется к нему путём подписания соглашения о присоединении/);
      expect(doc.parties.map((p) => p.organizationId).sort()).toEqual([t.fixtures.ownOrganizationId, third.org.id].sort());

      const sent = await send(doc);
      expect((await get(doc.id, member)).permissions.canSign).toBe(false);
      expectProblem(await sign(sent, member), 403, /руководители организаций — сторон/);
      expect((await sign(sent, coordinator)).statusCode).toBe(200);
      const signed = (await sign(sent, third.session)).json() as Doc;
      expect(signed.state).toBe('signed');
      expect(signed.awaitingAccession).toEqual([]);
      const accession = await t.call('POST', `/api/documents/${doc.id}/accessions`, { session: coordinator, body: { organizationId: t.fixtures.otherOrganizationId } });
      expectProblem(accession, 409, /названными сторонами/);
      expect((await verifySignatureChains(t.handle.db, { documentId: doc.id })).broken).toEqual([]);

      const list = (await t.call('GET', `/api/networks/${network.id}/documents`, { session: member })).json().items as { id: string; requiredCount: number; signedCount: number; partyNames: string[] }[];
      expect(list.find((d) => d.id === doc.id)).toMatchObject({ requiredCount: 2, signedCount: 2, partyNames: expect.arrayContaining(['СОШ № 1', 'СОШ № 3']) });
    });

    it('refuses parties that do not fit, in Russian', async () => {
      const [stranger] = await t.handle.db
        .insert(organizations)
        .values({ kind: 'school', fullName: 'Школа вне сети', shortName: 'Школа вне сети', sortKey: russianSortKey('Школа вне сети'), municipalityId: t.fixtures.municipalityId })
        .returning();
      expectProblem(await create({ kind: 'agreement', partyOrganizationIds: [t.fixtures.ownOrganizationId, stranger.id] }), 400, /только действующие участники сети/);
      expectProblem(await create({ kind: 'agreement', partyOrganizationIds: [t.fixtures.ownOrganizationId] }), 400, /не меньше двух сторон/);
      expectProblem(await create({ kind: 'district_regulation', partyOrganizationIds: [t.fixtures.ownOrganizationId, third.org.id] }), 400, /подписывают все участники сети/);
      expectProblem(await create({ kind: 'agreement', authorityOrganizationId: authorityOrg.id }), 400, /только своих актов/);
    });

    it('an Art. 15 programme contract binds the organisations that run the programme', async () => {
      const doc = await created({ kind: 'network_programme_agreement', partyOrganizationIds: [third.org.id, t.fixtures.otherOrganizationId] });
      expect(doc.title).toBe('Договор о сетевой форме реализации образовательной программы (СОШ № 2 и СОШ № 3)');
      expect(doc.parties).toHaveLength(2);
      expect(doc.current.body).toContain('статьёй 15');
    });
  });

  describe('a plan as a signed annex', () => {
    let planId: string;
    let itemIds: string[];

    beforeAll(async () => {
      const plan = await createPlan(as('orgAdmin'), network.id, { title: 'План совместных действий', kind: 'joint_actions' });
      planId = plan.id;
      itemIds = [];
      for (const activity of ['Стажировки учителей математики', 'Совместные уроки']) {
        const item = await addPlanItem(as('orgAdmin'), planId, { activity, startsOn: '2026-10-01', endsOn: '2026-12-20', responsibleOrganizationIds: [t.fixtures.ownOrganizationId, third.org.id], responsiblePeople: '', expectedResult: 'Восемь учителей прошли стажировку' });
        itemIds.push(item.id);
      }
      await addPlanItem(as('orgAdmin'), planId, { activity: 'Неделя математики', parentId: itemIds[1], responsiblePeople: '', expectedResult: '' });
    });

    it('hashes the annex into the version, is signed by the two heads, and a changed plan supersedes it until a new version', async () => {
      const doc = await created({ kind: 'agreement', partyOrganizationIds: [t.fixtures.ownOrganizationId, third.org.id], annexPlanId: planId });
      expect(doc.current.annex?.items.map((i) => `${i.number} ${i.activity}`)).toEqual(['1 Стажировки учителей математики', '2 Совместные уроки', '2.1 Неделя математики']);
      expect(doc.current.sha256).toBe(versionSha256(doc.current.title, doc.current.body, { annex: doc.current.annex }));
      expect(doc.current.sha256).not.toBe(versionSha256(doc.current.title, doc.current.body));
      expect(doc.current.body).toContain('Приложение 1 — «План совместных действий»');
      expect(doc.annex).toMatchObject({ planId, superseded: false });

      const sent = await send(doc);
      await sign(sent, coordinator);
      const signed = (await sign(sent, third.session)).json() as Doc;
      expect(signed.state).toBe('signed');
      expect(await annexState(t.handle.db, doc.id)).toEqual({ planId, current: true });

      // Reporting progress is carrying the plan out, not changing what was signed.
      await updatePlanItem(as('orgAdmin'), itemIds[0], 1, { state: 'in_progress', progress: 40 });
      expect((await get(doc.id)).annex?.superseded).toBe(false);

      // Changing an activity supersedes the signed annex.
      await updatePlanItem(as('orgAdmin'), itemIds[0], 2, { activity: 'Стажировки учителей математики и физики' });
      const stale = await get(doc.id);
      expect(stale).toMatchObject({ state: 'signed', annex: { superseded: true }, permissions: { canRefreshAnnex: true } });
      expect(stale.current.annex?.items[0].activity).toBe('Стажировки учителей математики');
      expect(await annexState(t.handle.db, doc.id)).toEqual({ planId, current: false });
      expect((await get(doc.id, third.session)).permissions.canRefreshAnnex).toBe(false);
      const refusedRefresh = await t.call('PATCH', `/api/documents/${doc.id}`, { session: third.session, body: { ...read(stale), refreshAnnex: true } });
      expect(refusedRefresh.statusCode).toBe(403);

      const refreshed = await t.call('PATCH', `/api/documents/${doc.id}`, { session: coordinator, body: { ...read(stale), refreshAnnex: true } });
      expect(refreshed.statusCode, refreshed.body).toBe(200);
      const v2 = refreshed.json() as Doc;
      expect(v2).toMatchObject({ state: 'signing', currentVersion: 2, annex: { superseded: false } });
      expect(v2.current.annex?.items[0].activity).toBe('Стажировки учителей математики и физики');
      expect(v2.signatures.every((s) => s.voidedAt)).toBe(true);
      await sign(v2, coordinator);
      expect(((await sign(v2, third.session)).json() as Doc).state).toBe('signed');
      expect((await verifySignatureChains(t.handle.db, { documentId: doc.id })).broken).toEqual([]);
      const audit = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, doc.id), eq(auditEntries.action, 'document.revised')));
      expect(audit.at(-1)?.after).toMatchObject({ annexRefreshed: true, version: 2 });
    });

    it('takes part of a plan, and will not send a draft whose plan changed since', async () => {
      const doc = await created({ kind: 'agreement', annexPlanId: planId, annexItemIds: [itemIds[1]] });
      expect(doc.current.annex?.items.map((i) => i.number)).toEqual(['2', '2.1']);
      await addPlanItem(as('orgAdmin'), planId, { activity: 'Предметная олимпиада', parentId: itemIds[1], responsiblePeople: '', expectedResult: '' });
      expectProblem(await t.call('POST', `/api/documents/${doc.id}/send`, { session: coordinator, body: read(doc) }), 409, /обновите приложение/);
      // A change outside the chosen part does not touch it.
      const other = await created({ kind: 'agreement', annexPlanId: planId, annexItemIds: [itemIds[0]] });
      await addPlanItem(as('orgAdmin'), planId, { activity: 'Ещё одна неделя', parentId: itemIds[1], responsiblePeople: '', expectedResult: '' });
      expect((await get(other.id)).annex?.superseded).toBe(false);
      expectProblem(await create({ kind: 'agreement', annexPlanId: planId, annexItemIds: [(await addPlanItem(as('orgAdmin'), planId, { activity: 'Подпункт', parentId: itemIds[0], responsiblePeople: '', expectedResult: '' })).id] }), 400, /верхнего уровня/);
    });

    it('refuses a plan of another network', async () => {
      const elsewhere = await seedNetwork(t.handle.db, t.fixtures, { name: 'Другой округ' });
      const plan = await createPlan(as('orgAdmin'), elsewhere.id, { title: 'Чужой план', kind: 'network_plan' });
      expectProblem(await create({ kind: 'agreement', annexPlanId: plan.id }), 400, /только план этой сети/);
    });
  });

  describe('authority acts and the register of base schools', () => {
    it('only the authority drafts its act; it alone signs; the signed order enters the school into the register from its date', async () => {
      const order = { kind: 'base_school_order', authorityOrganizationId: authorityOrg.id, baseSchoolOrganizationId: t.fixtures.ownOrganizationId };
      // The network's coordinating school does not write its authority's order; another municipality's authority does not either.
      expectProblem(await create(order, coordinator), 403, /.+/);
      expectProblem(await create(order, await t.signIn('authorityElsewhere')), 403, /.+/);
      expect(await isBaseSchool(t.handle.db, t.fixtures.ownOrganizationId, await regionToday(t.handle.db))).toBe(false);

      const authority = await t.signIn('authority');
      const doc = await created(order, authority);
      expect(doc).toMatchObject({ kind: 'base_school_order', partyScope: 'authority', act: { kind: 'base_school_register', organizationId: t.fixtures.ownOrganizationId, registeredOn: null } });
      expect(doc.parties.map((p) => p.organizationId)).toEqual([authorityOrg.id]);
      expect(doc.title).toBe('Приказ о внесении СОШ № 1 в реестр базовых школ');
      expect(doc.current.sha256).not.toBe(versionSha256(doc.current.title, doc.current.body));
      expect((await get(doc.id, coordinator)).permissions.canEdit).toBe(false);
      expectProblem(await t.call('PATCH', `/api/documents/${doc.id}`, { session: coordinator, body: { ...read(doc), body: 'Иной текст приказа.' } }), 403, /.+/);

      const sent = await send(doc, authority);
      // The members' heads are not its parties.
      expectProblem(await sign(sent, coordinator), 403, /только издавший его орган/);
      expectProblem(await sign(sent, member), 403, /только издавший его орган/);
      // A district cannot launch while its school is not a base school.
      await expect(requireBaseSchoolToLaunch(t.handle.db, network)).rejects.toMatchObject({ status: 409, detail: expect.stringMatching(/реестр базовых школ/) });

      const signed = (await sign(sent, authorityHead)).json() as Doc;
      const today = await regionToday(t.handle.db);
      expect(signed).toMatchObject({ state: 'signed', act: { registeredOn: today }, permissions: { canEdit: false } });
      expect(await isBaseSchool(t.handle.db, t.fixtures.ownOrganizationId, today)).toBe(true);
      const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(await isBaseSchool(t.handle.db, t.fixtures.ownOrganizationId, yesterday)).toBe(false);
      const [school] = await t.handle.db.select().from(organizations).where(eq(organizations.id, t.fixtures.ownOrganizationId));
      expect(school.statuses).toContain('base_school');
      const [entry] = await t.handle.db.select().from(baseSchoolRegister).where(eq(baseSchoolRegister.organizationId, school.id));
      expect(entry).toMatchObject({ documentId: doc.id, authorityOrganizationId: authorityOrg.id, effectiveOn: today });
      const audit = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, school.id), eq(auditEntries.action, 'organization.base_school_registered')));
      expect(audit).toHaveLength(1);
      await expect(requireBaseSchoolToLaunch(t.handle.db, network)).resolves.toBeUndefined();
      expect((await verifySignatureChains(t.handle.db, { documentId: doc.id })).broken).toEqual([]);

      // A signed order is not rewritten, and a school is entered once.
      expectProblem(await t.call('PATCH', `/api/documents/${doc.id}`, { session: authority, body: { ...read(signed), body: 'Иной текст.' } }), 409, /новым приказом/);
      expectProblem(await create(order, authority), 409, /уже внесена в реестр/);
    });

    it('the authority of the municipality may sign for its authority organisation; the base-school contract binds the authority and the school', async () => {
      const authority = await t.signIn('authority');
      const doc = await created({ kind: 'district_creation_order', authorityOrganizationId: authorityOrg.id }, authority);
      expect(doc.current.body).toContain('1. Создать школьный образовательный округ Школьный округ «Второй» без образования юридического лица.');
      const sent = await send(doc, authority);
      expect((await get(doc.id, authority)).permissions.canSign).toBe(true);
      expect(((await sign(sent, authority)).json() as Doc).state).toBe('signed');

      const contract = await created({ kind: 'base_school_contract', authorityOrganizationId: authorityOrg.id });
      expect(contract.partyScope).toBe('named');
      expect(contract.parties.map((p) => p.organizationId).sort()).toEqual([authorityOrg.id, t.fixtures.ownOrganizationId].sort());
      const sentContract = await send(contract);
      await sign(sentContract, coordinator);
      expect(((await sign(sentContract, authorityHead)).json() as Doc).state).toBe('signed');
    });

    it('per role: only the operator and the authority of the territory draft an authority act; only its authority signs it', async () => {
      const body = { kind: 'district_creation_order', authorityOrganizationId: authorityOrg.id };
      const expected: Record<string, number> = { operator: 201, authority: 201, authorityElsewhere: 403, orgAdmin: 403, otherOrgAdmin: 403, teacher: 403, expert: 403, guardian: 403 };
      for (const [role, status] of Object.entries(expected)) {
        const response = await create(body, await t.signIn(role as 'operator'));
        expect(response.statusCode, `${role}: ${response.body}`).toBe(status);
      }
      expect((await t.call('POST', `/api/networks/${network.id}/documents`, { session: null, body })).statusCode).toBe(401);
      const doc = await created(body, await t.signIn('operator'));
      const sent = await send(doc, await t.signIn('operator'));
      for (const role of ['operator', 'authorityElsewhere', 'orgAdmin', 'otherOrgAdmin', 'teacher'] as const) {
        expect((await sign(sent, await t.signIn(role))).statusCode, role).toBe(403);
      }
      expect((await sign(sent, authorityHead)).statusCode).toBe(200);
    });

    it('refuses an act of a non-authority, an authority elsewhere, or a school outside its territory', async () => {
      const authority = await t.signIn('authority');
      expectProblem(await create({ kind: 'district_creation_order', authorityOrganizationId: third.org.id }, authority), 400, /органом управления образованием/);
      expectProblem(await create({ kind: 'district_creation_order' }, authority), 400, /Укажите орган/);
      expectProblem(await create({ kind: 'base_school_order', authorityOrganizationId: authorityOrg.id, baseSchoolOrganizationId: t.fixtures.otherOrganizationId }, authority), 400, /своей территории/);
      expectProblem(await create({ kind: 'base_school_order', authorityOrganizationId: authorityOrg.id }, authority), 400, /Укажите школу/);
    });
  });

  it('a version without annex or act hashes as before, so documents signed earlier keep verifying', () => {
    expect(versionSha256('Договор', 'Текст', { annex: null, act: null })).toBe(versionSha256('Договор', 'Текст'));
    // The formula before annexes existed: SHA-256 of the canonical JSON of title and body.
    expect(versionSha256('Договор', 'Текст')).toBe(createHash('sha256').update(canonicalJson({ title: 'Договор', body: 'Текст' }), 'utf8').digest('hex'));
  });

  it('lists the parties the form offers: the network’s organisations and the authorities of its territory', async () => {
    const response = await t.call('GET', `/api/networks/${network.id}/document-parties`, { session: coordinator });
    expect(response.statusCode).toBe(200);
    const choices = response.json() as { organizations: { organizationId: string; school: boolean }[]; authorities: { organizationId: string }[] };
    expect(choices.organizations[0].organizationId).toBe(t.fixtures.ownOrganizationId);
    expect(choices.organizations.map((o) => o.organizationId)).toContain(third.org.id);
    expect(choices.authorities.map((a) => a.organizationId)).toEqual([authorityOrg.id]);
  });
});
