import type { AllocationInstance, AllocationProgramme, AllocationStudent } from './allocation';

/**
 * The plain reference: textbook deferred acceptance in rounds, with objects and sorting. In each round
 * every free student proposes to their next choice; each programme sorts the students it holds together
 * with the new proposals by its order and keeps the best up to its capacity. The fast `allocate` must
 * give the same assignment.
 */
export function referenceAllocation(instance: AllocationInstance): Record<string, string | null> {
  const programmes = new Map(
    instance.programmes.map((p) => [p.id, { programme: p, place: new Map((p.priority ?? []).map((id, i) => [id, i])), held: [] as AllocationStudent[] }]),
  );
  const next = new Map(instance.students.map((s) => [s.id, 0]));
  let free = instance.students.filter((s) => s.choices.length > 0);
  while (free.length) {
    const proposals = new Map<string, AllocationStudent[]>();
    for (const student of free) {
      const k = next.get(student.id)!;
      if (k >= student.choices.length) continue; // rejected everywhere: stays unassigned
      next.set(student.id, k + 1);
      const programmeId = student.choices[k];
      if (!proposals.has(programmeId)) proposals.set(programmeId, []);
      proposals.get(programmeId)!.push(student);
    }
    free = [];
    for (const [programmeId, applicants] of proposals) {
      const entry = programmes.get(programmeId)!;
      const listed = (s: AllocationStudent) => entry.place.get(s.id) ?? entry.place.size;
      const pool = [...entry.held, ...applicants].sort((a, b) => listed(a) - listed(b) || a.lottery - b.lottery);
      entry.held = pool.slice(0, entry.programme.capacity);
      free.push(...pool.slice(entry.programme.capacity));
    }
  }
  const assignment: Record<string, string | null> = Object.fromEntries(instance.students.map((s) => [s.id, null]));
  for (const [programmeId, entry] of programmes) for (const s of entry.held) assignment[s.id] = programmeId;
  return assignment;
}

/** Does programme p rank student a above student b? */
function ranksAbove(p: AllocationProgramme, a: AllocationStudent, b: AllocationStudent) {
  const list = p.priority ?? [];
  const place = (s: AllocationStudent) => (list.includes(s.id) ? list.indexOf(s.id) : list.length);
  return place(a) < place(b) || (place(a) === place(b) && a.lottery < b.lottery);
}

/** Plain check of stability and feasibility, by definition (quadratic). Returns the first problem found, or null. */
export function referenceInstability(instance: AllocationInstance, assignment: Record<string, string | null>): string | null {
  const programmes = new Map(instance.programmes.map((p) => [p.id, p]));
  const admitted = (programmeId: string) => instance.students.filter((s) => assignment[s.id] === programmeId);
  for (const p of instance.programmes) if (admitted(p.id).length > p.capacity) return `${p.id} over capacity`;
  for (const s of instance.students) {
    const got = assignment[s.id];
    if (got !== null && !s.choices.includes(got)) return `${s.id} did not choose ${got}`;
    const better = got === null ? s.choices : s.choices.slice(0, s.choices.indexOf(got));
    for (const programmeId of better) {
      const p = programmes.get(programmeId)!;
      const there = admitted(programmeId);
      if (there.length < p.capacity) return `${s.id} blocks with ${programmeId} (a free seat)`;
      if (there.some((other) => ranksAbove(p, s, other))) return `${s.id} blocks with ${programmeId} (outranks an admitted student)`;
    }
  }
  return null;
}

/** Every stable matching of a tiny instance, by trying every assignment (each student: nothing or one of their choices). */
export function allStableMatchings(instance: AllocationInstance): Record<string, string | null>[] {
  const found: Record<string, string | null>[] = [];
  const current: Record<string, string | null> = {};
  const walk = (i: number) => {
    if (i === instance.students.length) {
      if (referenceInstability(instance, current) === null) found.push({ ...current });
      return;
    }
    const s = instance.students[i];
    for (const option of [null, ...s.choices]) {
      current[s.id] = option;
      walk(i + 1);
    }
  };
  walk(0);
  return found;
}

export interface RandomInstanceOptions {
  students: number;
  programmes: number;
  /** Most choices per student (at least 0; the number is uniform in 0..maxChoices, skewed up). */
  maxChoices: number;
  /** Seats per programme are uniform in 0..maxCapacity. */
  maxCapacity: number;
  /** Chance that a programme has a priority list. */
  priorityShare?: number;
}

/**
 * A random instance (seeded through `random`): popular programmes are chosen more often, some
 * programmes have no seats, some students choose nothing, priority lists mix applicants with students
 * who did not apply. Lottery values are distinct.
 */
export function randomInstance(random: () => number, options: RandomInstanceOptions): AllocationInstance {
  const { students: studentCount, programmes: programmeCount, maxChoices, maxCapacity, priorityShare = 0.5 } = options;
  const order = Array.from({ length: studentCount }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const students: AllocationStudent[] = order.map((place, i) => {
    const wanted = Math.min(programmeCount, Math.round(maxChoices * Math.sqrt(random())));
    const choices = new Set<string>();
    while (choices.size < wanted) choices.add(`p${Math.floor(programmeCount * random() ** 2)}`);
    // Distinct by construction: place k lies in [k, k + 1) / n.
    return { id: `s${i}`, lottery: (place + random()) / studentCount, choices: [...choices] };
  });
  const applicants = new Map<string, string[]>();
  for (const s of students) {
    for (const p of s.choices) {
      if (!applicants.has(p)) applicants.set(p, []);
      applicants.get(p)!.push(s.id);
    }
  }
  const programmes: AllocationProgramme[] = Array.from({ length: programmeCount }, (_, j) => {
    const programme: AllocationProgramme = { id: `p${j}`, capacity: Math.floor(random() * (maxCapacity + 1)) };
    if (random() < priorityShare) {
      // Mostly its own applicants (siblings, its own pupils), some who did not apply at all.
      const own = applicants.get(programme.id) ?? [];
      const listed = new Set<string>();
      const length = Math.floor(random() * Math.min(studentCount, own.length + 2, 3 * maxCapacity + 2));
      while (listed.size < length) listed.add(own.length && random() < 0.8 ? own[Math.floor(random() * own.length)] : `s${Math.floor(random() * studentCount)}`);
      programme.priority = [...listed];
    }
    return programme;
  });
  return { programmes, students };
}
