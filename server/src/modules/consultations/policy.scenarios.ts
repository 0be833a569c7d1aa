import { russianSortKey } from '../../algorithms/russian-sort-key';
import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, nextSerial, only } from '../../../test/policy-matrix';
import { organizations } from '../organizations/schema';
import { type ConsultationState, consultationRequests, consultationSlots } from './schema';

/**
 * Consultations between the target's school ("own": orgAdmin's, where teacher works; "other": otherOrgAdmin's) and a
 * fresh consultant school nobody in the fixtures heads. Only the head of the school whose turn it is acts; the staff
 * of either school and the operator see the consultation (403), everyone else gets 404 as for a missing one.
 */
async function consultantSchool(t: TestApp) {
  const shortName = `Школа-консультант ${nextSerial()}`;
  const [org] = await t.handle.db
    .insert(organizations)
    .values({ kind: 'school', fullName: `${shortName} полное`, shortName, sortKey: russianSortKey(shortName), municipalityId: t.fixtures.municipalityId, statuses: ['consultant'] })
    .returning();
  return org.id;
}

const schoolOf = (t: TestApp, target: Target) => (target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId);

async function consultation(t: TestApp, target: Target, side: 'requester' | 'consultant', state: ConsultationState) {
  const [school, other] = [schoolOf(t, target), await consultantSchool(t)];
  const [row] = await t.handle.db
    .insert(consultationRequests)
    .values({
      requesterOrganizationId: side === 'requester' ? school : other,
      consultantOrganizationId: side === 'consultant' ? school : other,
      topic: 'Подготовка к ОГЭ по русскому языку',
      state,
    })
    .returning();
  const start = new Date(Date.now() + 3 * 86_400_000);
  const [slot] = await t.handle.db.insert(consultationSlots).values({ requestId: row.id, startsAt: start, endsAt: new Date(start.getTime() + 3_600_000) }).returning();
  return { id: row.id, slotId: slot.id };
}

const schoolHead = only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] });
const seenByStaffAndOperator = (role: string, target: Target) => (role === 'operator' || (role === 'teacher' && target === 'own') ? 403 : 404);

export const consultationScenarios: Record<string, Scenario> = {
  'POST /api/consultations': {
    request: async (t, target) => ({
      url: '/api/consultations',
      body: { requesterOrganizationId: schoolOf(t, target), consultantOrganizationId: await consultantSchool(t), topic: 'Формирующее оценивание' },
    }),
    allowed: schoolHead,
  },
  'POST /api/consultations/:id/slots': {
    request: async (t, target) => {
      const { id } = await consultation(t, target, 'consultant', 'requested');
      const start = new Date(Date.now() + 7 * 86_400_000);
      return { url: `/api/consultations/${id}/slots`, body: { slots: [{ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() }] } };
    },
    allowed: schoolHead,
    refusedStatus: seenByStaffAndOperator,
  },
  'POST /api/consultations/:id/accept': {
    request: async (t, target) => {
      const { id, slotId } = await consultation(t, target, 'requester', 'proposed');
      return { url: `/api/consultations/${id}/accept`, body: { slotId } };
    },
    allowed: schoolHead,
    refusedStatus: seenByStaffAndOperator,
  },
  'POST /api/consultations/:id/decline': {
    request: async (t, target) => ({ url: `/api/consultations/${(await consultation(t, target, 'consultant', 'requested')).id}/decline`, body: { reason: 'Нет свободных специалистов' } }),
    allowed: schoolHead,
    refusedStatus: seenByStaffAndOperator,
  },
  'POST /api/consultations/:id/cancel': {
    request: async (t, target) => ({ url: `/api/consultations/${(await consultation(t, target, 'requester', 'proposed')).id}/cancel`, body: {} }),
    allowed: schoolHead,
    refusedStatus: seenByStaffAndOperator,
  },
};
