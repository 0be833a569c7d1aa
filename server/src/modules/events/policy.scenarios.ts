import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../../test/app';
import { type Scenario, type Target, only, signedIn } from '../../../test/policy-matrix';
import { insertChild, insertGuardian } from '../enrolments/enrolment.testkit';
import { insertEvent, insertRegistration, insertSection, insertTeacher } from './event.testkit';
import { eventSpeakers } from './schema';

/**
 * "own" — an event of orgAdmin's organisation (where teacher works); "other" — one of otherOrgAdmin's. The operator
 * manages every event; an authority manages only a network's event of a network it coordinates (none here). Drafts
 * exist only for the organisers' staff and those who manage them (404 to everyone else); a published event is seen by
 * all, so a refusal there is 403.
 */
const organiser = (t: TestApp, target: Target) => (target === 'own' ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId);
const DAY = 24 * 60 * 60 * 1000;
const managers = only({ operator: [true, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] });
/** Refusals on a draft: the organiser's teacher sees it (403), everyone else does not (404). */
const draftHidden = (role: string, target: Target) => (role === 'teacher' && target === 'own' ? 403 : 404);

const key = () => ({ 'idempotency-key': randomUUID() });

export const eventsScenarios: Record<string, Scenario> = {
  'POST /api/events': {
    request: async (t, target) => ({
      url: '/api/events',
      body: {
        organizationId: organiser(t, target),
        kind: 'seminar',
        title: 'Семинар матрицы',
        audiences: ['teachers'],
        address: 'ул. Ленина, 1',
        startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
        endsAt: new Date(Date.now() + 10 * DAY + 3600_000).toISOString(),
      },
    }),
    allowed: only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] }),
  },
  'PATCH /api/events/:id': {
    request: async (t, target) => {
      const event = await insertEvent(t, organiser(t, target), { state: 'draft' });
      return { url: `/api/events/${event.id}`, body: { version: event.version, title: 'Семинар, переименованный' } };
    },
    allowed: managers,
    refusedStatus: draftHidden,
  },
  'POST /api/events/:id/publish': {
    request: async (t, target) => {
      const event = await insertEvent(t, organiser(t, target), { state: 'draft' });
      return { url: `/api/events/${event.id}/publish`, body: { version: event.version } };
    },
    allowed: managers,
    refusedStatus: draftHidden,
  },
  'POST /api/events/:id/cancel': {
    request: async (t, target) => {
      const event = await insertEvent(t, organiser(t, target), { state: 'draft' });
      return { url: `/api/events/${event.id}/cancel`, body: { version: event.version, reason: 'Перенос на весну' } };
    },
    allowed: managers,
    refusedStatus: draftHidden,
  },
  'POST /api/events/:id/finish': {
    request: async (t, target) => {
      const event = await insertEvent(t, organiser(t, target), { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 3600_000) });
      return { url: `/api/events/${event.id}/finish`, body: { version: event.version } };
    },
    allowed: managers,
  },
  'POST /api/events/:id/registrations': {
    request: async (t, target) => {
      const event = await insertEvent(t, organiser(t, target), { audiences: ['public'] });
      return { url: `/api/events/${event.id}/registrations`, body: {}, headers: key() };
    },
    allowed: signedIn,
  },
  'POST /api/events/:id/group-registrations': {
    request: async (t, target) => {
      const school = organiser(t, target);
      const guardian = await insertGuardian(t);
      const child = await insertChild(t, guardian.userId, { values: { homeSchoolId: school, homeSchoolConfirmedAt: new Date() } });
      const event = await insertEvent(t, t.fixtures.ownOrganizationId, { audiences: ['students'] });
      return { url: `/api/events/${event.id}/group-registrations`, body: { organizationId: school, childIds: [child.id] }, headers: key() };
    },
    allowed: only({ orgAdmin: [true, false], otherOrgAdmin: [false, true] }),
  },
  'POST /api/event-registrations/:id/cancel': {
    // "own": the caller's own registration; "other": a stranger's at an event of orgAdmin's organisation.
    request: async (t, target, role) => {
      const event = await insertEvent(t, t.fixtures.ownOrganizationId, { audiences: ['public'] });
      const userId = target === 'own' && t.fixtures.actors[role] ? t.fixtures.actors[role]!.userId : (await insertTeacher(t, t.fixtures.otherOrganizationId)).userId;
      const registration = await insertRegistration(t, event.id, { userId });
      return { url: `/api/event-registrations/${registration.id}/cancel`, body: { version: registration.version } };
    },
    allowed: { ...signedIn, ...Object.fromEntries(Object.entries(signedIn).map(([role, [own]]) => [role, [own, false]])) } as Scenario['allowed'],
    // Those who manage the event see the registration but reject it instead (403); to anyone else it does not exist.
    refusedStatus: (role) => (role === 'operator' || role === 'orgAdmin' ? 403 : 404),
  },
  'POST /api/event-registrations/:id/approve': {
    request: async (t, target) => {
      const event = await insertEvent(t, organiser(t, target), { approvalRequired: true });
      const registration = await insertRegistration(t, event.id, { userId: (await insertTeacher(t, t.fixtures.otherOrganizationId)).userId }, 'pending');
      return { url: `/api/event-registrations/${registration.id}/approve`, body: { version: registration.version } };
    },
    allowed: managers,
    refusedStatus: () => 404,
  },
  'POST /api/event-registrations/:id/reject': {
    request: async (t, target) => {
      const event = await insertEvent(t, organiser(t, target), { approvalRequired: true });
      const registration = await insertRegistration(t, event.id, { userId: (await insertTeacher(t, t.fixtures.otherOrganizationId)).userId }, 'pending');
      return { url: `/api/event-registrations/${registration.id}/reject`, body: { version: registration.version, reason: 'Мест для этой школы нет' } };
    },
    allowed: managers,
    refusedStatus: () => 404,
  },
  // Speakers: a guest by name (no account to see), on a draft and on a published event; removal of one assigned.
  'POST /api/events/:id/speakers': {
    request: async (t, target) => {
      const event = await insertEvent(t, organiser(t, target), { state: 'draft' });
      const section = await insertSection(t, event.id);
      return { url: `/api/events/${event.id}/speakers`, body: { sessionId: section.id, name: 'Гостева Анна Петровна' } };
    },
    allowed: managers,
    refusedStatus: draftHidden,
  },
  'DELETE /api/events/:id/speakers/:speakerId': {
    request: async (t, target) => {
      const event = await insertEvent(t, organiser(t, target));
      const section = await insertSection(t, event.id);
      const [speaker] = await t.handle.db.insert(eventSpeakers).values({ eventId: event.id, sessionId: section.id, name: 'Гостева Анна Петровна' }).returning();
      return { url: `/api/events/${event.id}/speakers/${speaker.id}` };
    },
    allowed: managers,
  },
};
