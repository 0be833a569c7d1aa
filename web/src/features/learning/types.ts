// Shapes of the learning area's API answers (server/src/modules/learning) and the roster it shows (enrolments area).

export type EnrolmentResult = 'credit' | 'certificate' | 'not_completed';
export const ENROLMENT_RESULTS: EnrolmentResult[] = ['credit', 'certificate', 'not_completed'];
export type ProgrammeFormat = 'on_site' | 'distance' | 'mixed';

export interface WeeklySlot {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface OrganizationRef {
  id: string;
  shortName: string;
}

export interface LearningPathItem {
  enrolmentId: string;
  state: 'enrolled' | 'completed';
  programme: { id: string; title: string; provider: OrganizationRef; venue: OrganizationRef & { address: string }; format: ProgrammeFormat; teacherName: string };
  slots: WeeklySlot[];
  startsOn: string;
  endsOn: string;
  attendance: Attendance;
  result: EnrolmentResult | null;
  resultNote: string;
}

export interface Clash {
  first: string;
  second: string;
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface LearningPath {
  child: { id: string; fullName: string };
  items: LearningPathItem[];
  clashes: Clash[];
  week: { weekday: number; blocks: { entryId: string; startMinute: number; endMinute: number }[] }[];
}

export interface Attendance {
  present: number;
  total: number;
}

export interface AttendanceRow {
  enrolmentId: string;
  state: 'enrolled' | 'completed' | 'withdrawn' | 'removed';
  child: { id: string; fullName: string; grade: number | null };
  marks: Record<string, boolean>;
  attendance: Attendance;
  canMark: boolean;
  /** Marks are for classes from this day on. */
  enrolledOn: string | null;
  result: EnrolmentResult | null;
  resultNote: string;
}

export interface AttendanceSheet {
  programme: { id: string; title: string; organizationId: string; startsOn: string; endsOn: string };
  today: string;
  from: string;
  to: string;
  dates: string[];
  /** Class days up to today on which someone enrolled by then has no mark. */
  unmarkedDates: string[];
  rows: AttendanceRow[];
}

export interface StudentProgress {
  child: { id: string; fullName: string; grade: number | null };
  programmes: {
    enrolmentId: string;
    state: 'enrolled' | 'completed';
    programme: { id: string; title: string; startsOn: string; endsOn: string };
    provider: OrganizationRef;
    attendance: Attendance;
    result: EnrolmentResult | null;
    resultNote: string;
  }[];
}

export interface StudentsProgressAnswer {
  confirmedStudents: number;
  items: StudentProgress[];
}

export interface RosterRow {
  enrolmentId: string;
  state: 'enrolled' | 'completed' | 'waitlisted';
  child: { id: string; fullName: string; grade: number | null };
  homeSchool: OrganizationRef | null;
  enrolledAt: string | null;
  queuePosition: number | null;
  result: EnrolmentResult | null;
  version: number;
}

export interface Roster {
  enrolled: RosterRow[];
  waitlist: RosterRow[];
}
