import { freshNetwork } from '../../../test/network-fixtures';
import { type Expectation, type Scenario, freshOrganization, only } from '../../../test/policy-matrix';
import { networkMembers } from './schema';

/** The coordinator of a network managed by an organisation on the target side. */
const coordinator: Expectation = only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] });
/** The head of the organisation on the target side. */
const head: Expectation = only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] });

async function pendingMember(t: Parameters<Scenario['request']>[0], target: 'own' | 'other', state: 'invited' | 'active') {
  const network = await freshNetwork(t, target);
  const organization = await freshOrganization(t, target);
  const [member] = await t.handle.db.insert(networkMembers).values({ networkId: network.id, organizationId: organization.id, role: 'member', state }).returning();
  return member;
}

export const networkScenarios: Record<string, Scenario> = {
  'POST /api/networks': {
    request: async (t, target) => {
      const managing = await freshOrganization(t, target);
      return { url: '/api/networks', body: { name: `Альянс ${managing.shortName}`, kind: 'alliance', managingOrganizationId: managing.id } };
    },
    allowed: coordinator,
  },
  'PATCH /api/networks/:id': {
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      return { url: `/api/networks/${network.id}`, body: { version: network.version, strategicGoal: 'Новая цель' } };
    },
    allowed: coordinator,
  },
  'POST /api/networks/:id/invitations': {
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      const guest = await freshOrganization(t, target);
      return { url: `/api/networks/${network.id}/invitations`, body: { organizationId: guest.id, role: 'member' } };
    },
    allowed: coordinator,
  },
  'POST /api/networks/:id/requests': {
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      const applicant = await freshOrganization(t, target);
      return { url: `/api/networks/${network.id}/requests`, body: { organizationId: applicant.id, role: 'member' } };
    },
    allowed: head,
  },
  'POST /api/network-members/:id/accept': {
    request: async (t, target) => ({ url: `/api/network-members/${(await pendingMember(t, target, 'invited')).id}/accept` }),
    allowed: head,
  },
  'POST /api/network-members/:id/decline': {
    request: async (t, target) => ({ url: `/api/network-members/${(await pendingMember(t, target, 'invited')).id}/decline` }),
    allowed: head,
  },
  'POST /api/network-members/:id/leave': {
    request: async (t, target) => ({ url: `/api/network-members/${(await pendingMember(t, target, 'active')).id}/leave` }),
    allowed: coordinator,
  },
  'PUT /api/networks/:id/launch-path/:step': {
    request: async (t, target) => ({ url: `/api/networks/${(await freshNetwork(t, target)).id}/launch-path/information`, body: { done: true, note: 'Публикации в районной газете' } }),
    allowed: coordinator,
  },
  'PUT /api/networks/:id/launch-path': {
    // The matrix's network is a district on its template (revision 0): drop the educational map, add reflective evaluation.
    request: async (t, target) => ({
      url: `/api/networks/${(await freshNetwork(t, target)).id}/launch-path`,
      body: { revision: 0, steps: ['council', 'agreement', 'regulation', 'inventory', 'information', 'plan', 'launch', 'reflective_evaluation'].map((key) => ({ key })), reason: 'Решение совета' },
    }),
    allowed: coordinator,
  },
  'POST /api/networks/:id/launch': {
    // A fresh network has not walked its launch path: the coordinator gets past authorisation to a 409.
    request: async (t, target) => ({ url: `/api/networks/${(await freshNetwork(t, target)).id}/launch` }),
    allowed: coordinator,
    allowedStatus: 409,
  },
};
