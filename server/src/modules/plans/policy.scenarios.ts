import type { TestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { type Scenario, type Target, nextSerial, only } from '../../../test/policy-matrix';
import { networkMembers, networks } from '../networks/schema';
import { planItems, plans } from './schema';

/**
 * "own": a district managed by orgAdmin's organisation in the authority's municipality, with
 * otherOrgAdmin's organisation as a member (seedNetwork). "other": the mirror image — managed by
 * otherOrgAdmin's organisation in the other municipality, with orgAdmin's organisation as a member.
 * In both, items are the responsibility of the member that does not coordinate.
 */
async function scenarioNetwork(t: TestApp, target: Target) {
  const name = `Сеть матрицы ${nextSerial()}`;
  if (target === 'own') {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name });
    return { networkId: network.id, responsibleId: t.fixtures.otherOrganizationId };
  }
  const [network] = await t.handle.db
    .insert(networks)
    .values({ name, kind: 'district', municipalityIds: [t.fixtures.otherMunicipalityId], managingOrganizationId: t.fixtures.otherOrganizationId })
    .returning();
  await t.handle.db.insert(networkMembers).values([
    { networkId: network.id, organizationId: t.fixtures.otherOrganizationId, role: 'base', state: 'active' },
    { networkId: network.id, organizationId: t.fixtures.ownOrganizationId, role: 'member', state: 'active' },
  ]);
  return { networkId: network.id, responsibleId: t.fixtures.ownOrganizationId };
}

async function freshPlan(t: TestApp, target: Target) {
  const { networkId, responsibleId } = await scenarioNetwork(t, target);
  const [plan] = await t.handle.db.insert(plans).values({ networkId, title: `План матрицы ${nextSerial()}` }).returning();
  return { plan, responsibleId };
}

async function freshItem(t: TestApp, target: Target) {
  const { plan, responsibleId } = await freshPlan(t, target);
  const [item] = await t.handle.db
    .insert(planItems)
    .values({ planId: plan.id, activity: 'Семинар для заместителей директоров', responsibleOrganizationIds: [responsibleId] })
    .returning();
  return item;
}

/** The coordinator of the scenario's network: operator, the covered municipality's authority, the managing organisation's head. */
const coordinator = only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] });

const importCsv = 'Мероприятие;Начало;Окончание;Статус\nЗаседание совета директоров округа;01.09.2025;30.09.2025;Запланировано\n';

export const planScenarios: Record<string, Scenario> = {
  'POST /api/networks/:networkId/plans': {
    request: async (t, target) => {
      const { networkId } = await scenarioNetwork(t, target);
      return { url: `/api/networks/${networkId}/plans`, body: { title: 'План сетевого взаимодействия на 2025/2026 учебный год', kind: 'network_plan' } };
    },
    allowed: coordinator,
  },
  'PATCH /api/plans/:id': {
    request: async (t, target) => {
      const { plan } = await freshPlan(t, target);
      return { url: `/api/plans/${plan.id}`, body: { title: 'Дорожная карта округа', kind: 'roadmap' } };
    },
    allowed: coordinator,
  },
  'DELETE /api/plans/:id': {
    request: async (t, target) => {
      const { plan } = await freshPlan(t, target);
      return { url: `/api/plans/${plan.id}` };
    },
    allowed: coordinator,
  },
  'POST /api/plans/:id/items': {
    request: async (t, target) => {
      const { plan, responsibleId } = await freshPlan(t, target);
      return { url: `/api/plans/${plan.id}/items`, body: { activity: 'Инвентаризация ресурсов участников округа', responsibleOrganizationIds: [responsibleId] } };
    },
    allowed: coordinator,
  },
  'PATCH /api/plan-items/:id': {
    // Reporting progress: the coordinator, and the head of the responsible member organisation.
    request: async (t, target) => {
      const item = await freshItem(t, target);
      return { url: `/api/plan-items/${item.id}`, body: { version: item.version, state: 'in_progress', progress: 40 } };
    },
    allowed: only({ operator: [true, true], authority: [true, false], authorityElsewhere: [false, true], orgAdmin: [true, true], otherOrgAdmin: [true, true] }),
  },
  'POST /api/plan-items/:id/move': {
    request: async (t, target) => {
      const item = await freshItem(t, target);
      return { url: `/api/plan-items/${item.id}/move`, body: { parentId: null, position: 0 } };
    },
    allowed: coordinator,
  },
  'DELETE /api/plan-items/:id': {
    request: async (t, target) => {
      const item = await freshItem(t, target);
      return { url: `/api/plan-items/${item.id}` };
    },
    allowed: coordinator,
  },
  'POST /api/plans/:id/import': {
    request: async (t, target) => {
      const { plan } = await freshPlan(t, target);
      return { url: `/api/plans/${plan.id}/import?commit=true`, multipart: { fileName: 'план.csv', content: importCsv } };
    },
    allowed: coordinator,
  },
};
