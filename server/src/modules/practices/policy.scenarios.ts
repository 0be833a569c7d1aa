import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, only } from '../../../test/policy-matrix';
import { insertPractice, practiceInput } from './practice.testkit';
import { practiceAttachments } from './schema';

/**
 * "own" — a practice of orgAdmin's organisation (where teacher works); "other" — one of otherOrgAdmin's. Drafts
 * exist only for the organisation's staff, the authors (here the operator, who created them) and the operator: a
 * refusal on a draft is 403 to the organisation's teacher and 404 to everyone else.
 */
const owner = (t: TestApp, target: Target) => (target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId);
const heads = only({ operator: [true, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] });
const draftHidden = (role: string, target: Target) => (role === 'teacher' && target === 'own' ? 403 : 404);
/** On a published practice everyone sees it: a refusal is 403. */
const seenRefusal = () => 403;

export const practiceScenarios: Record<string, Scenario> = {
  'POST /api/practices': {
    request: async (t, target) => ({ url: '/api/practices', body: practiceInput(owner(t, target)) }),
    allowed: only({ operator: [true, true], orgAdmin: [true, false], teacher: [true, false], otherOrgAdmin: [false, true] }),
  },
  'PATCH /api/practices/:id': {
    request: async (t, target) => {
      const practice = await insertPractice(t, owner(t, target));
      return { url: `/api/practices/${practice.id}`, body: { version: practice.version, title: 'Проектная деятельность, новое название' } };
    },
    allowed: heads,
    refusedStatus: draftHidden,
  },
  'POST /api/practices/:id/submit': {
    request: async (t, target) => {
      const practice = await insertPractice(t, owner(t, target));
      return { url: `/api/practices/${practice.id}/submit`, body: { version: practice.version } };
    },
    allowed: heads,
    refusedStatus: draftHidden,
  },
  'POST /api/practices/:id/publish': {
    request: async (t, target) => {
      const practice = await insertPractice(t, owner(t, target));
      return { url: `/api/practices/${practice.id}/publish`, body: { version: practice.version } };
    },
    allowed: heads,
    refusedStatus: draftHidden,
  },
  'POST /api/practices/:id/archive': {
    request: async (t, target) => {
      const practice = await insertPractice(t, owner(t, target), { publish: true });
      return { url: `/api/practices/${practice.id}/archive`, body: { version: practice.version } };
    },
    allowed: heads,
    refusedStatus: seenRefusal,
  },
  'POST /api/practices/:id/attachments': {
    request: async (t, target) => {
      const practice = await insertPractice(t, owner(t, target), { publish: true });
      return { url: `/api/practices/${practice.id}/attachments`, body: { kind: 'video', title: 'Запись урока', url: 'https://rutube.ru/video/1/' } };
    },
    allowed: heads,
    refusedStatus: seenRefusal,
  },
  'POST /api/practices/:id/attachments/files': {
    request: async (t, target) => {
      const practice = await insertPractice(t, owner(t, target), { publish: true });
      return { url: `/api/practices/${practice.id}/attachments/files`, multipart: { fileName: 'план.csv', content: 'неделя;тема\n1;старт' } };
    },
    allowed: heads,
    refusedStatus: seenRefusal,
  },
  'DELETE /api/practice-attachments/:id': {
    request: async (t, target) => {
      const practice = await insertPractice(t, owner(t, target), { publish: true });
      const [attachment] = await t.handle.db
        .insert(practiceAttachments)
        .values({ practiceId: practice.id, kind: 'link', title: 'Папка', url: 'https://example.org/' })
        .returning();
      return { url: `/api/practice-attachments/${attachment.id}` };
    },
    allowed: heads,
    refusedStatus: seenRefusal,
  },
};
