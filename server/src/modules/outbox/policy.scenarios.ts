import type { TestApp } from '../../../test/app';
import { type Scenario, only } from '../../../test/policy-matrix';
import { outboxMessages } from '../../platform/mail/schema';

/** A letter the worker gave up on, made for the case; the outbox has no owner, so "own" and "other" are alike. */
async function failedLetter(t: TestApp) {
  const [row] = await t.handle.db
    .insert(outboxMessages)
    .values({ toAddress: 'head@school.test', kind: 'invitation', subject: 'Приглашение', textBody: 'текст', htmlBody: '<p>текст</p>', attempts: 10, failedAt: new Date(), lastError: 'EENVELOPE RCPT TO 550' })
    .returning();
  return row.id;
}

export const outboxScenarios: Record<string, Scenario> = {
  'POST /api/outbox/:id/retry': {
    request: async (t) => ({ url: `/api/outbox/${await failedLetter(t)}/retry` }),
    allowed: only({ operator: [true, true] }),
  },
};
