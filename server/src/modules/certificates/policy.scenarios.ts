import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, only } from '../../../test/policy-matrix';
import { insertEventUnderWay, insertPerson, insertRegistration } from '../events/check-in.testkit';
import { certificates } from './schema';
import { newVerificationCode } from './verification-code';

/**
 * "own" — a finished event of orgAdmin's school (where teacher works), "other" — one of otherOrgAdmin's. A
 * certificate is seen only by the person named and the organisers, so refused callers of a revocation get 404.
 */
const finishedEvent = (t: TestApp, target: Target) =>
  insertEventUnderWay(t, target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId, {
    state: 'finished',
    startsAt: new Date(Date.now() - 2 * 86_400_000),
    endsAt: new Date(Date.now() - 86_400_000),
  });

const organisers = only({ operator: [true, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] });

export const certificateScenarios: Record<string, Scenario> = {
  'POST /api/events/:id/certificates': {
    request: async (t, target) => {
      const event = await finishedEvent(t, target);
      await insertRegistration(t, event.id, { userId: (await insertPerson(t)).userId }, { checkedInAt: new Date(Date.now() - 2 * 86_400_000) });
      return { url: `/api/events/${event.id}/certificates` };
    },
    allowed: organisers,
  },
  'POST /api/certificates/:id/revoke': {
    request: async (t, target) => {
      const event = await finishedEvent(t, target);
      const person = await insertPerson(t, 'Получатель Сертификата');
      const [row] = await t.handle.db
        .insert(certificates)
        .values({
          verificationCode: newVerificationCode(),
          sourceKind: 'event',
          sourceId: event.id,
          userId: person.userId,
          recipientName: person.fullName,
          role: 'participant',
          title: event.title,
          heldFrom: '2026-03-01',
          heldTo: '2026-03-01',
          issuerOrganizationId: event.organizationId,
          issuerName: 'Школа',
        })
        .returning();
      return { url: `/api/certificates/${row.id}/revoke`, body: { reason: 'Выдан по ошибке', version: row.version } };
    },
    allowed: organisers,
    refusedStatus: () => 404,
  },
};
