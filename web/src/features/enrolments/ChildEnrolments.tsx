/** Filled by the enrolments area: a child's enrolments and waitlist places with withdraw buttons, on the child's page. */
export function ChildEnrolments(_props: { childId: string }) {
  return null;
}
