/** Filled by the enrolments area: the programme page's enrol / waitlist panel. */
export interface EnrolPanelProgramme {
  id: string;
  title: string;
  capacity: number;
  seatsTaken: number;
  enrolmentMode: 'open' | 'campaign';
  state: 'draft' | 'published' | 'archived';
}

export function EnrolPanel(_props: { programme: EnrolPanelProgramme }) {
  return null;
}
