import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, only } from '../../../test/policy-matrix';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { insertChild, insertGuardian, insertProgramme } from '../enrolments/enrolment.testkit';
import { organizations } from '../organizations/schema';
import { insertCampaign } from './campaign.testkit';

/**
 * Organiser routes: "own" — a campaign of orgAdmin's organisation, "other" — of otherOrgAdmin's. Only the
 * organiser's head acts; a draft does not exist for anyone else (404), an open campaign is seen by all
 * signed in but run by its organiser only (403). Choices: "own" — the fixture guardian's child, "other" —
 * a child of a guardian inserted for the case; to everyone but the guardian that child does not exist (404).
 */
const organizerOf = (t: TestApp, target: Target) => (target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId);
const organiserHead = only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] });
const draftHidden = () => 404;
const openSeenNotRun = () => 403;

async function strangerOrganization(t: TestApp) {
  const shortName = `Центр выбора ${randomUUID().slice(0, 8)}`;
  const [org] = await t.handle.db
    .insert(organizations)
    .values({ kind: 'supplementary', fullName: `${shortName} полное`, shortName, sortKey: russianSortKey(shortName), municipalityId: t.fixtures.municipalityId })
    .returning();
  return org.id;
}

export const campaignsScenarios: Record<string, Scenario> = {
  'POST /api/campaigns': {
    request: async (t, target) => ({
      url: '/api/campaigns',
      body: {
        organizerOrganizationId: organizerOf(t, target),
        title: 'Выбор элективных курсов',
        opensAt: new Date(Date.now() + 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
        maxChoices: 3,
        priorityRule: 'own_students',
      },
    }),
    allowed: organiserHead,
  },
  'PATCH /api/campaigns/:id': {
    request: async (t, target) => {
      const { campaign } = await insertCampaign(t, organizerOf(t, target));
      return { url: `/api/campaigns/${campaign.id}`, body: { version: campaign.version, maxChoices: 2 } };
    },
    allowed: organiserHead,
    refusedStatus: draftHidden,
  },
  'POST /api/campaigns/:id/programmes': {
    request: async (t, target) => {
      const organizer = organizerOf(t, target);
      const { campaign } = await insertCampaign(t, organizer, { programmeCount: 0 });
      const programme = await insertProgramme(t, organizer, { enrolmentMode: 'campaign' });
      return { url: `/api/campaigns/${campaign.id}/programmes`, body: { programmeId: programme.id, seats: 5 } };
    },
    allowed: organiserHead,
    refusedStatus: draftHidden,
  },
  'DELETE /api/campaigns/:id/programmes/:programmeId': {
    request: async (t, target) => {
      const { campaign, programmes } = await insertCampaign(t, organizerOf(t, target));
      return { url: `/api/campaigns/${campaign.id}/programmes/${programmes[0].id}` };
    },
    allowed: organiserHead,
    refusedStatus: draftHidden,
  },
  'POST /api/campaigns/:id/open': {
    request: async (t, target) => {
      const { campaign } = await insertCampaign(t, organizerOf(t, target));
      return { url: `/api/campaigns/${campaign.id}/open`, body: { version: campaign.version } };
    },
    allowed: organiserHead,
    refusedStatus: draftHidden,
  },
  'POST /api/campaigns/:id/cancel': {
    request: async (t, target) => {
      const { campaign } = await insertCampaign(t, organizerOf(t, target), { state: 'open' });
      return { url: `/api/campaigns/${campaign.id}/cancel`, body: { version: campaign.version } };
    },
    allowed: organiserHead,
    refusedStatus: openSeenNotRun,
  },
  'POST /api/campaigns/:id/allocate': {
    request: async (t, target) => {
      const { campaign } = await insertCampaign(t, organizerOf(t, target), { state: 'open', values: { closesAt: new Date(Date.now() - 60_000), opensAt: new Date(Date.now() - 3600_000) } });
      return { url: `/api/campaigns/${campaign.id}/allocate`, body: {} };
    },
    allowed: organiserHead,
    refusedStatus: openSeenNotRun,
  },
  'PUT /api/campaigns/:id/choices/:childId': {
    request: async (t, target) => {
      const guardianUserId = target === 'own' ? t.fixtures.actors.guardian!.userId : (await insertGuardian(t)).userId;
      const child = await insertChild(t, guardianUserId);
      const { campaign, programmes } = await insertCampaign(t, await strangerOrganization(t), { state: 'open' });
      return { url: `/api/campaigns/${campaign.id}/choices/${child.id}`, body: { programmeIds: [programmes[0].id] } };
    },
    allowed: only({ guardian: [true, false] }),
    refusedStatus: () => 404,
  },
};
