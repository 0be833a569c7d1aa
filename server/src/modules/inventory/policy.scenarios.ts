import { eq } from 'drizzle-orm';
import { freshNetwork } from '../../../test/network-fixtures';
import { type Expectation, type Scenario, type Target, freshOrganization, only } from '../../../test/policy-matrix';
import type { TestApp } from '../../../test/app';
import { organizations } from '../organizations/schema';
import { resourceNeeds, resourceOffers } from './schema';

/** Only the head (org admin) of the organisation on the target side: not its teacher, not the authority, not the operator. */
const head: Expectation = only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] });

async function freshOffer(t: TestApp, target: Target, state: 'active' | 'archived' = 'active') {
  const organization = await freshOrganization(t, target);
  const [offer] = await t.handle.db
    .insert(resourceOffers)
    .values({ organizationId: organization.id, category: 'facilities', title: 'Лаборатория робототехники', tags: ['робототехника'], state })
    .returning();
  return offer;
}

async function freshNeed(t: TestApp, target: Target, state: 'active' | 'archived' = 'active') {
  const organization = await freshOrganization(t, target);
  const [need] = await t.handle.db
    .insert(resourceNeeds)
    .values({ organizationId: organization.id, category: 'staff', title: 'Учитель химии для подготовки к олимпиадам', tags: ['химия'], state })
    .returning();
  return need;
}

export const inventoryScenarios: Record<string, Scenario> = {
  'POST /api/organizations/:id/offers': {
    request: async (t, target) => ({
      url: `/api/organizations/${(await freshOrganization(t, target)).id}/offers`,
      body: { category: 'facilities', title: 'Бассейн', tags: ['плавание'], conditions: 'exchange' },
    }),
    allowed: head,
  },
  'PATCH /api/offers/:id': {
    request: async (t, target) => {
      const offer = await freshOffer(t, target);
      return { url: `/api/offers/${offer.id}`, body: { version: offer.version, capacity: 12 } };
    },
    allowed: head,
  },
  'POST /api/offers/:id/archive': {
    request: async (t, target) => {
      const offer = await freshOffer(t, target);
      return { url: `/api/offers/${offer.id}/archive`, body: { version: offer.version } };
    },
    allowed: head,
  },
  'POST /api/offers/:id/restore': {
    request: async (t, target) => {
      const offer = await freshOffer(t, target, 'archived');
      return { url: `/api/offers/${offer.id}/restore`, body: { version: offer.version } };
    },
    allowed: head,
  },
  'POST /api/organizations/:id/needs': {
    request: async (t, target) => ({
      url: `/api/organizations/${(await freshOrganization(t, target)).id}/needs`,
      body: { category: 'methodical', title: 'Программа по финансовой грамотности', priority: 'high' },
    }),
    allowed: head,
  },
  'PATCH /api/needs/:id': {
    request: async (t, target) => {
      const need = await freshNeed(t, target);
      return { url: `/api/needs/${need.id}`, body: { version: need.version, priority: 'low' } };
    },
    allowed: head,
  },
  'POST /api/needs/:id/archive': {
    request: async (t, target) => {
      const need = await freshNeed(t, target);
      return { url: `/api/needs/${need.id}/archive`, body: { version: need.version } };
    },
    allowed: head,
  },
  'POST /api/needs/:id/restore': {
    request: async (t, target) => {
      const need = await freshNeed(t, target, 'archived');
      return { url: `/api/needs/${need.id}/restore`, body: { version: need.version } };
    },
    allowed: head,
  },
  'POST /api/networks/:networkId/inventory/import': {
    // Only a head of one of the network's members may upload: anyone else is refused before the file is received.
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      const [managing] = await t.handle.db.select().from(organizations).where(eq(organizations.id, network.managingOrganizationId));
      return {
        url: `/api/networks/${network.id}/inventory/import?commit=true`,
        multipart: { fileName: 'ресурсы.csv', content: `Организация;Категория;Название;Направления\n${managing.shortName};Материально-технические;Спортивный зал;волейбол, баскетбол\n` },
      };
    },
    allowed: head,
  },
};
