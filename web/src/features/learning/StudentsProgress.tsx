/** Filled by the learning area: the home school's view of its students' programmes, attendance and results. */
export function StudentsProgress(_props: { organizationId: string }) {
  return null;
}
