/**
 * Automatic assignment of experts to practices under review (issue 17): each practice gets experts until it has two,
 * choosing among those without a conflict of interest and not already on it — an expert of the practice's direction
 * first, then the least loaded, then by id (deterministic). Each choice adds to the expert's load before the next.
 */
export interface PracticeToAssign {
  practiceId: string;
  direction: string;
  /** Experts already on it (any role). */
  assignedExpertIds: readonly string[];
  /** How many more experts it needs (2 minus its first and second assignments). */
  needed: number;
}

export interface ExpertCandidate {
  id: string;
  directions: readonly string[];
  /** Reviews assigned and not yet submitted. */
  load: number;
}

export interface AutoAssignment {
  assigned: { practiceId: string; expertId: string }[];
  unassigned: { practiceId: string; reason: string }[];
}

/** `conflicts(expertId, practiceId)` is true when the expert may not review the practice. */
export function assignExperts(
  practices: readonly PracticeToAssign[],
  experts: readonly ExpertCandidate[],
  conflicts: (expertId: string, practiceId: string) => boolean,
): AutoAssignment {
  const load = new Map(experts.map((e) => [e.id, e.load]));
  const result: AutoAssignment = { assigned: [], unassigned: [] };
  for (const practice of practices) {
    const taken = new Set(practice.assignedExpertIds);
    let needed = practice.needed;
    while (needed > 0) {
      const candidates = experts.filter((e) => !taken.has(e.id) && !conflicts(e.id, practice.practiceId));
      if (!candidates.length) break;
      const matches = (e: ExpertCandidate) => (e.directions.includes(practice.direction) ? 0 : 1);
      const [best] = [...candidates].sort((a, b) => matches(a) - matches(b) || load.get(a.id)! - load.get(b.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      result.assigned.push({ practiceId: practice.practiceId, expertId: best.id });
      taken.add(best.id);
      load.set(best.id, load.get(best.id)! + 1);
      needed--;
    }
    if (needed > 0) {
      const free = experts.filter((e) => !taken.has(e.id)).length;
      result.unassigned.push({
        practiceId: practice.practiceId,
        reason: free
          ? `Не хватает экспертов без конфликта интересов: нужно ещё ${needed}, остальные эксперты связаны с организациями практики.`
          : `Не хватает экспертов: нужно ещё ${needed}, а свободных экспертов нет.`,
      });
    }
  }
  return result;
}
