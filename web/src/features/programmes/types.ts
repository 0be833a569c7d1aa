/** The programmes area's shapes, as GET /api/programmes and GET /api/programmes/:id answer. */
import type { HighlightSegment } from '../../shared/components/Highlighted';

export const PROGRAMME_KINDS = ['elective', 'profile_course', 'extracurricular', 'supplementary'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];
export const PROGRAMME_DIRECTIONS = ['technical', 'natural_science', 'social', 'arts', 'sports', 'tourism'] as const;
export type ProgrammeDirection = (typeof PROGRAMME_DIRECTIONS)[number];
export const PROGRAMME_FORMATS = ['on_site', 'distance', 'mixed'] as const;
export type ProgrammeFormat = (typeof PROGRAMME_FORMATS)[number];
export const ENROLMENT_MODES = ['open', 'campaign'] as const;
export type EnrolmentMode = (typeof ENROLMENT_MODES)[number];
export type ProgrammeState = 'draft' | 'published' | 'archived';
/** ISO weekdays, Monday = 1. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export interface ProgrammeSlot {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface ProgrammeSummary {
  id: string;
  title: string;
  kind: ProgrammeKind;
  direction: ProgrammeDirection;
  format: ProgrammeFormat;
  gradeFrom: number | null;
  gradeTo: number | null;
  ageFrom: number | null;
  ageTo: number | null;
  capacity: number;
  seatsTaken: number;
  freeSeats: number;
  enrolmentMode: EnrolmentMode;
  state: ProgrammeState;
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn: string;
  provider: { id: string; shortName: string };
  venue: { id: string; shortName: string; address: string; lat: number | null; lon: number | null };
  municipalityName: string;
  slots: ProgrammeSlot[];
  distanceKm: number | null;
  /** In the catalogue searched with a query: the found words of the title (shared/components/Highlighted). */
  highlight?: { title?: HighlightSegment[] };
}

export interface ProgrammeDetail extends ProgrammeSummary {
  description: string;
  requirements: string;
  teacherName: string;
  networks: { id: string; title: string }[];
  venueOrganizationId: string | null;
  version: number;
  canManage: boolean;
}

export interface ProgrammeCatalogue {
  items: ProgrammeSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** The catalogue's map: where each found programme takes place (GET /programmes/map, the list's filters). */
export interface ProgrammePoints {
  points: { id: string; title: string; lat: number; lon: number }[];
}
