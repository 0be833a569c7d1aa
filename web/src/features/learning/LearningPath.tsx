/** Filled by the learning area: the child's weekly timetable across organisations, with clashes flagged. */
export function LearningPath(_props: { childId: string }) {
  return null;
}
