import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { organizationWithHead, seedNetwork } from '../../../test/network-fixtures';
import { memberships, users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';
import { resourceOffers } from '../inventory/schema';
import type { NetworkRow } from '../networks/access';

/**
 * A resource-exchange agreement carries the terms the exchange shows only to its two sides. In a public
 * network it is readable (card, list, export, verification) by the people of the two organisations, the
 * network's coordinators and the operator; to anyone else — anonymous, another member's head, the
 * managing organisation's teacher, an authority elsewhere — it does not exist (404).
 */
describe('an exchange agreement in a public network', () => {
  let t: TestApp;
  let district: NetworkRow;
  let provider: Awaited<ReturnType<typeof organizationWithHead>>;
  let requester: Awaited<ReturnType<typeof organizationWithHead>>;
  let providerTeacher: Session;
  let documentId: string;
  const secretTerms = 'Два занятия в месяц, по субботам, в кабинете химии';

  beforeAll(async () => {
    t = await openTestApp();
    // Public; managed by СОШ № 1 (orgAdmin coordinates, authority covers its municipality); СОШ № 2 (otherOrgAdmin) a member.
    district = await seedNetwork(t.handle.db, t.fixtures, { name: 'Открытый округ' });
    provider = await organizationWithHead(t, 'Лицей № 5', district);
    requester = await organizationWithHead(t, 'Гимназия № 6', district);
    const [teacher] = await t.handle.db.insert(users).values({ email: 'teacher-lyceum5@test.orbita', passwordHash: 'x', fullName: 'Учитель Лицея' }).returning();
    await t.handle.db.insert(memberships).values({ userId: teacher.id, organizationId: provider.org.id, role: 'teacher' });
    const opened = await openSession(t.handle.db, teacher.id, { ip: '127.0.0.1', userAgent: 'test' });
    providerTeacher = { cookie: `orbita_session=${opened.token}`, csrfToken: opened.csrfToken };

    const [offer] = await t.handle.db
      .insert(resourceOffers)
      .values({ organizationId: provider.org.id, category: 'staff', title: 'Учитель химии', description: 'Занятия для 8–11 классов', conditions: 'exchange' })
      .returning();
    const requested = await t.call('POST', '/api/exchanges', { session: requester.session, body: { offerId: offer.id, requesterOrganizationId: requester.org.id, networkId: district.id } });
    expect(requested.statusCode, requested.body).toBe(201);
    const exchange = requested.json();
    const countered = await t.call('POST', `/api/exchanges/${exchange.id}/answer`, { session: provider.session, body: { version: exchange.version, action: 'counter', terms: secretTerms } });
    expect(countered.statusCode, countered.body).toBe(200);
    const accepted = await t.call('POST', `/api/exchanges/${exchange.id}/answer`, { session: requester.session, body: { version: countered.json().version, action: 'accept' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const agreement = await t.call('POST', `/api/exchanges/${exchange.id}/agreement`, { session: provider.session });
    expect(agreement.statusCode, agreement.body).toBe(201);
    documentId = agreement.json().documentId;
  });
  afterAll(() => t.close());

  /** Everything a reader can ask of one document, and whether the network's list shows it. */
  async function reads(session: Session | null) {
    const card = await t.call('GET', `/api/documents/${documentId}`, { session });
    const pdf = await t.call('GET', `/api/documents/${documentId}/export?format=pdf`, { session });
    const docx = await t.call('GET', `/api/documents/${documentId}/export?format=docx`, { session });
    const verification = await t.call('GET', `/api/documents/${documentId}/verification`, { session });
    const list = await t.call('GET', `/api/networks/${district.id}/documents`, { session });
    expect(list.statusCode, list.body).toBe(200);
    return {
      statuses: [card.statusCode, pdf.statusCode, docx.statusCode, verification.statusCode],
      listed: list.body.includes(documentId),
      card,
    };
  }

  it('is hidden from anonymous visitors, another member’s head, the coordinator’s teacher and an authority elsewhere', async () => {
    const outsiders: [string, Session | null][] = [
      ['anonymous', null],
      ['another member’s head', await t.signIn('otherOrgAdmin')],
      ['a teacher of the managing organisation', await t.signIn('teacher')],
      ['an authority elsewhere', await t.signIn('authorityElsewhere')],
      ['a guardian', await t.signIn('guardian')],
    ];
    for (const [who, session] of outsiders) {
      const { statuses, listed, card } = await reads(session);
      expect(statuses, who).toEqual([404, 404, 404, 404]);
      expect(card.body, who).not.toContain(secretTerms);
      expect(card.json().detail, who).toContain('Документ');
      expect(listed, who).toBe(false);
    }
  });

  it('is open to the people of both parties, the coordinators and the operator', async () => {
    const readers: [string, Session][] = [
      ['the provider’s head', provider.session],
      ['the requester’s head', requester.session],
      ['the provider’s teacher', providerTeacher],
      ['the coordinator', await t.signIn('orgAdmin')],
      ['the authority covering the network', await t.signIn('authority')],
      ['the operator', await t.signIn('operator')],
    ];
    for (const [who, session] of readers) {
      const { statuses, listed, card } = await reads(session);
      expect(statuses, who).toEqual([200, 200, 200, 200]);
      expect(card.json().current.body, who).toContain(secretTerms);
      expect(listed, who).toBe(true);
    }
  });

  it('still shows the network’s own documents to everyone', async () => {
    const created = await t.call('POST', `/api/networks/${district.id}/documents`, { session: await t.signIn('orgAdmin'), body: { kind: 'agreement' } });
    expect(created.statusCode, created.body).toBe(201);
    const anonymous = await t.call('GET', `/api/documents/${created.json().id}`);
    expect(anonymous.statusCode).toBe(200);
    expect((await t.call('GET', `/api/networks/${district.id}/documents`)).body).toContain(created.json().id);
  });
});
