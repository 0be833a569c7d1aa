/** The events area's shapes, as /api/events… answer (server/src/modules/events). */

export const EVENT_KINDS = ['seminar', 'master_class', 'internship', 'consultation', 'practicum', 'conference', 'olympiad', 'festival', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_AUDIENCES = ['heads', 'teachers', 'students', 'parents', 'public'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];
export const EVENT_FORMATS = ['in_person', 'online', 'mixed'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
export const EVENT_STATES = ['draft', 'published', 'finished', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];
export type RegistrationState = 'pending' | 'waitlisted' | 'registered' | 'cancelled' | 'rejected';

export interface EventSummary {
  id: string;
  kind: EventKind;
  title: string;
  audiences: EventAudience[];
  gradeFrom: number | null;
  gradeTo: number | null;
  format: EventFormat;
  address: string;
  lat: number | null;
  lon: number | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  seatsTaken: number;
  seatsFree: number | null;
  waitlistLength: number;
  approvalRequired: boolean;
  registrationOpen: boolean;
  state: EventState;
  organization: { id: string; shortName: string };
  network: { id: string; name: string } | null;
}

export interface EventList {
  items: EventSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** A speaker of a session: a person with an account (gets a certificate of a speaker) or a guest named only. */
export interface EventSpeaker {
  id: string;
  name: string;
  hasAccount: boolean;
}

export interface SpeakerCandidate {
  id: string;
  fullName: string;
  organizations: string[];
}

export interface EventSession {
  id: string;
  isSection: boolean;
  title: string;
  description: string;
  startsAt: string | null;
  endsAt: string | null;
  place: string;
  speakers: EventSpeaker[];
  capacity: number | null;
  seatsTaken: number;
  seatsFree: number | null;
}

export interface Registration {
  id: string;
  eventId: string;
  sessionId: string | null;
  userId: string | null;
  childId: string | null;
  onBehalfOfOrganizationId: string | null;
  role: 'participant' | 'speaker';
  state: RegistrationState;
  waitlistPosition: number | null;
  checkInCode: string;
  checkedInAt: string | null;
  version: number;
}

export interface EventDetail extends Omit<EventSummary, 'network'> {
  description: string;
  onlineUrl: string | null;
  hasOnlineUrl: boolean;
  timezone: string;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  coOrganizers: { id: string; shortName: string }[];
  network: { id: string; name: string } | null;
  planItem: { id: string; activity: string } | null;
  cancelReason: string;
  publishedAt: string | null;
  sessions: EventSession[];
  canManage: boolean;
  myRegistrations: (Registration & { childName: string | null })[];
  version: number;
}

export interface RosterItem {
  id: string;
  state: RegistrationState;
  role: 'participant' | 'speaker';
  waitlistPosition: number | null;
  name: string;
  isChild: boolean;
  grade: number | null;
  organizations: string[];
  onBehalfOf: string | null;
  sessionId: string | null;
  section: string | null;
  checkInCode: string;
  checkedInAt: string | null;
  createdAt: string;
  version: number;
}

export interface MyRegistration {
  id: string;
  state: RegistrationState;
  role: 'participant' | 'speaker';
  waitlistPosition: number | null;
  childId: string | null;
  childName: string | null;
  section: string | null;
  checkInCode: string;
  checkedInAt: string | null;
  version: number;
  event: { id: string; title: string; kind: EventKind; format: EventFormat; address: string; startsAt: string; endsAt: string; state: EventState; organization: string };
}

export interface GroupCandidate {
  id: string;
  fullName: string;
  grade: number | null;
  consent: boolean;
  gradeFits: boolean;
  registration: RegistrationState | null;
}

/** Codes of the registration problems the panel answers to. */
export type RegistrationProblemCode =
  | 'event_full'
  | 'already_registered'
  | 'audience_mismatch'
  | 'grade_mismatch'
  | 'consent_required'
  | 'registration_not_open'
  | 'registration_closed'
  | 'event_cancelled'
  | 'event_finished'
  | 'event_draft'
  | 'section_unknown'
  | 'group_too_large'
  | 'idempotency_key_reused';
