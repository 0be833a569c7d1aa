import { russianSortKey } from '../../algorithms/russian-sort-key';
import type { CommandContext } from '../../platform/context';
import { type Scenario, type Target, nextSerial, only } from '../../../test/policy-matrix';
import type { TestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { seedNetwork } from '../../../test/network-fixtures';
import { networkMembers, networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { createDocument } from './create-document';
import { sendForSignature } from './send-for-signature';
import { signDocument } from './sign-document';

/**
 * "own": a district managed by the caller's organisation (orgAdmin coordinates it, the authority covers
 * its municipality) with otherOrgAdmin's organisation as a member. "other": the mirror image — managed
 * by otherOrgAdmin's organisation in the other municipality, with the own organisation as a member.
 * Both heads are members either way, so both may sign in both.
 */
async function networkFor(t: TestApp, target: Target) {
  const name = `Сеть матрицы документов ${nextSerial()}`;
  if (target === 'own') return seedNetwork(t.handle.db, t.fixtures, { name });
  const [network] = await t.handle.db
    .insert(networks)
    .values({ name, kind: 'alliance', strategicGoal: 'Общие ресурсы', municipalityIds: [t.fixtures.otherMunicipalityId], managingOrganizationId: t.fixtures.otherOrganizationId })
    .returning();
  const today = new Date().toISOString().slice(0, 10);
  await t.handle.db.insert(networkMembers).values([
    { networkId: network.id, organizationId: t.fixtures.otherOrganizationId, role: 'member', state: 'active', joinedOn: today },
    { networkId: network.id, organizationId: t.fixtures.ownOrganizationId, role: 'member', state: 'active', joinedOn: today },
  ]);
  return network;
}

const as = (t: TestApp, role: 'operator' | 'orgAdmin' | 'otherOrgAdmin'): CommandContext => ({ db: t.handle.db, actor: t.fixtures.actors[role], ip: '127.0.0.1' });

async function draft(t: TestApp, target: Target, kind: 'agreement' | 'council_regulation' = 'agreement') {
  const network = await networkFor(t, target);
  return createDocument(as(t, 'operator'), { networkId: network.id, kind });
}

async function sent(t: TestApp, target: Target) {
  const document = await draft(t, target);
  return sendForSignature(as(t, 'operator'), { documentId: document.id, versionId: document.current.id, sha256: document.current.sha256 });
}

const coordinators = only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] });

export const documentScenarios: Record<string, Scenario> = {
  'POST /api/networks/:networkId/documents': {
    request: async (t, target) => ({ url: `/api/networks/${(await networkFor(t, target)).id}/documents`, body: { kind: 'agreement' } }),
    allowed: coordinators,
  },
  'PATCH /api/documents/:id': {
    request: async (t, target) => {
      const document = await draft(t, target);
      return { url: `/api/documents/${document.id}`, body: { versionId: document.current.id, sha256: document.current.sha256, body: `${document.current.body}\nДополнительный пункт.` } };
    },
    allowed: coordinators,
  },
  'POST /api/documents/:id/send': {
    request: async (t, target) => {
      const document = await draft(t, target, 'council_regulation');
      return { url: `/api/documents/${document.id}/send`, body: { versionId: document.current.id, sha256: document.current.sha256 } };
    },
    allowed: coordinators,
  },
  'POST /api/documents/:id/sign': {
    // Only the heads of member organisations sign; coordinators who head no member (operator, authorities) do not.
    request: async (t, target) => {
      const document = await sent(t, target);
      return { url: `/api/documents/${document.id}/sign`, body: { versionId: document.current.id, sha256: document.current.sha256, password: FIXTURE_PASSWORD } };
    },
    allowed: only({ orgAdmin: [true, true], otherOrgAdmin: [true, true] }),
  },
  'POST /api/documents/:id/accessions': {
    // A signed agreement and an organisation that joined afterwards.
    request: async (t, target) => {
      const document = await sent(t, target);
      const read = { documentId: document.id, versionId: document.current.id, sha256: document.current.sha256, password: FIXTURE_PASSWORD };
      await signDocument(as(t, 'orgAdmin'), read);
      await signDocument(as(t, 'otherOrgAdmin'), read);
      const shortName = `Новый участник ${nextSerial()}`;
      const [newcomer] = await t.handle.db
        .insert(organizations)
        .values({ kind: 'school', fullName: `${shortName} полное`, shortName, sortKey: russianSortKey(shortName), municipalityId: t.fixtures.municipalityId })
        .returning();
      await t.handle.db.insert(networkMembers).values({ networkId: document.networkId, organizationId: newcomer.id, role: 'member', state: 'active', joinedOn: new Date().toISOString().slice(0, 10) });
      return { url: `/api/documents/${document.id}/accessions`, body: { organizationId: newcomer.id } };
    },
    allowed: coordinators,
  },
};
