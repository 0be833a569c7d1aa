import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, only } from '../../../test/policy-matrix';
import type { FixtureRole } from '../../../test/fixtures';
import { freshNetwork } from '../../../test/network-fixtures';
import { insertAssignment, insertRubric, newExpert, reviewedPractice, roundWithPractice, rubricInput, submittedPractice } from './review.testkit';

/**
 * Rubrics and rounds of a fresh network of the target side (managed by a new school of orgAdmin's or otherOrgAdmin's,
 * in the authority's or the other authority's municipality): its coordinators and the operator edit them. A round is
 * or a network's rubric is hidden from everyone else (404); creating one in a public network others see is refused (403).
 */
const editors = only({ operator: [true, true], authority: [true, false], orgAdmin: [true, false], authorityElsewhere: [false, true], otherOrgAdmin: [false, true] });
const roundHidden = () => 404;
const isEditor = (role: FixtureRole, target: Target) => editors[role][target === 'own' ? 0 : 1];

async function networkRound(t: TestApp, target: Target) {
  const network = await freshNetwork(t, target);
  return roundWithPractice(t, network.managingOrganizationId, network.id);
}

export const practiceReviewScenarios: Record<string, Scenario> = {
  'POST /api/practice-rubrics': {
    request: async (t, target) => ({ url: '/api/practice-rubrics', body: rubricInput((await freshNetwork(t, target)).id) }),
    allowed: editors,
  },
  'PATCH /api/practice-rubrics/:id': {
    request: async (t, target) => {
      const { rubric } = await insertRubric(t, (await freshNetwork(t, target)).id);
      return { url: `/api/practice-rubrics/${rubric.id}`, body: { ...rubricInput(rubric.networkId), version: rubric.version } };
    },
    allowed: editors,
    refusedStatus: roundHidden,
  },
  'POST /api/review-rounds': {
    request: async (t, target) => {
      const { rubric } = await insertRubric(t);
      return { url: '/api/review-rounds', body: { title: 'Весенний тур', rubricId: rubric.id, networkId: (await freshNetwork(t, target)).id, deadline: '2027-04-01' } };
    },
    allowed: editors,
  },
  'POST /api/review-rounds/:id/practices': {
    request: async (t, target) => {
      const setup = await networkRound(t, target);
      const another = await submittedPractice(t, setup.organizationId);
      return { url: `/api/review-rounds/${setup.round.id}/practices`, body: { practiceId: another.id } };
    },
    allowed: editors,
    refusedStatus: roundHidden,
  },
  'POST /api/review-rounds/:id/assignments': {
    request: async (t, target) => {
      const setup = await networkRound(t, target);
      return { url: `/api/review-rounds/${setup.round.id}/assignments`, body: { practiceId: setup.practice.id, expertId: t.fixtures.actors.expert!.userId } };
    },
    allowed: editors,
    refusedStatus: roundHidden,
  },
  'POST /api/review-rounds/:id/auto-assign': {
    request: async (t, target) => {
      const setup = await networkRound(t, target);
      return { url: `/api/review-rounds/${setup.round.id}/auto-assign`, body: { practiceId: setup.practice.id } };
    },
    allowed: editors,
    refusedStatus: roundHidden,
  },
  'POST /api/review-rounds/:id/practices/:practiceId/publish': {
    request: async (t, target) => {
      const setup = await networkRound(t, target);
      await insertAssignment(t, setup, (await newExpert(t)).id, 'first', [3, 1]);
      await insertAssignment(t, setup, (await newExpert(t)).id, 'second', [4, 1]);
      return { url: `/api/review-rounds/${setup.round.id}/practices/${setup.practice.id}/publish` };
    },
    allowed: editors,
    refusedStatus: roundHidden,
  },
  'DELETE /api/review-assignments/:id': {
    request: async (t, target) => {
      const setup = await networkRound(t, target);
      const assignment = await insertAssignment(t, setup, (await newExpert(t)).id, 'first');
      return { url: `/api/review-assignments/${assignment.id}` };
    },
    allowed: editors,
    refusedStatus: roundHidden,
  },
  'PUT /api/review-assignments/:id/scores': {
    request: async (t, target) => {
      const setup = await networkRound(t, target);
      const assignment = await insertAssignment(t, setup, t.fixtures.actors.expert!.userId, 'first');
      return { url: `/api/review-assignments/${assignment.id}/scores`, body: { scores: [{ criterionId: setup.criteria[0].id, score: 3, comment: 'Проблема названа' }], submit: false } };
    },
    allowed: only({ expert: [true, true] }),
    // The round's editors see the assignment but do not score it; to everyone else it does not exist.
    refusedStatus: (role, target) => (isEditor(role, target) ? 403 : 404),
  },
  'PUT /api/review-experts/:id': {
    request: async (t) => ({ url: `/api/review-experts/${(await newExpert(t)).id}`, body: { directions: ['Информатизация образования'] } }),
    allowed: only({ operator: [true, true] }),
  },
  'POST /api/practices/:id/review/answer': {
    request: async (t, target) => {
      const setup = await reviewedPractice(t, (await freshNetwork(t, target)).managingOrganizationId);
      return { url: `/api/practices/${setup.practice.id}/review/answer`, body: { text: 'Спасибо экспертам, учтём замечания.' } };
    },
    allowed: only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] }),
  },
};
