/**
 * Allocation of seats in preference campaigns (issue 5): student-proposing deferred acceptance
 * (Gale–Shapley), which gives the student-optimal stable matching. Pure: an instance in, an
 * assignment, statistics and explanations out.
 *
 * A programme ranks students first by their place in its optional priority list (listed before
 * unlisted), then by the published lottery, smaller first (lottery values are distinct). A student
 * proposes to their choices in order; a programme holds the best students who proposed, up to its
 * capacity, and rejects the rest; a rejected student proposes to their next choice. The result is
 * stable — no student prefers a programme that has a free seat or holds a student it ranks lower —
 * and every student gets the best programme they can have in any stable matching.
 *
 * Speed: ids are mapped to integers once; each student's choices are one Int32Array (CSR), and the
 * programme's rank of the student making each choice is an integer computed once (priority place, or
 * the length of the list plus the student's place in the lottery), so the loop compares integers. Each
 * programme holds its students in a bounded max-heap keyed by rank, so a proposal costs O(log seats);
 * the whole run is O(choices · log seats). Verification is O(choices): a programme's cutoff (the rank
 * of its last admitted student) tells whether any student who ranked it higher could claim a seat.
 */

export interface AllocationProgramme {
  id: string;
  /** Seats: a whole number, 0 or more. */
  capacity: number;
  /** Students with priority, best first; listed students come before all unlisted ones. */
  priority?: readonly string[];
}

export interface AllocationStudent {
  id: string;
  /** Published lottery number: breaks ties, smaller first; distinct across students. */
  lottery: number;
  /** Programme ids, most wanted first; no repeats. May be empty. */
  choices: readonly string[];
}

export interface AllocationInstance {
  programmes: readonly AllocationProgramme[];
  students: readonly AllocationStudent[];
}

/** A problem in an instance: where (a JSON path such as `students[4].choices[1]`) and what, in Russian. */
export interface AllocationIssue {
  path: string;
  message: string;
}

/** At most this many issues are collected; the rest are counted only. */
export const MAX_ISSUES = 50;

export class AllocationInputError extends Error {
  constructor(
    readonly issues: readonly AllocationIssue[],
    /** All issues found, including those not kept (more than MAX_ISSUES). */
    readonly total: number,
  ) {
    super(`${formatIssue(issues[0])}${total > 1 ? ` (и ещё ошибок: ${total - 1})` : ''}`);
    this.name = 'AllocationInputError';
  }
}

export const formatIssue = (issue: AllocationIssue) => `${issue.path}: ${issue.message}`;

/**
 * An instance in integers. Students and programmes are numbered in the order of the input.
 * Choices are in CSR form: student s chose `choiceProgramme[choiceStart[s] .. choiceStart[s + 1])`.
 */
export interface CompiledInstance {
  programmeIds: readonly string[];
  studentIds: readonly string[];
  capacity: Int32Array;
  /** Length of each programme's priority list as given. */
  priorityLength: Int32Array;
  lottery: Float64Array;
  choiceStart: Int32Array;
  choiceProgramme: Int32Array;
  /**
   * The programme's rank of the student making each choice, smaller is better: the 0-based place in
   * the programme's priority list, or, for an unlisted student, the list's length plus the student's
   * 0-based place in the lottery. Ranks at one programme are distinct.
   */
  choiceRank: Int32Array;
}

const LIMIT = 2 ** 31 - 1;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short rendering of a wrong value for a message. */
function shown(value: unknown): string {
  if (value === undefined) return 'ничего (поле не указано)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const named = (id: unknown) => (typeof id === 'string' && id !== '' ? `«${id}»` : '(без идентификатора)');

/** Problems found while compiling, kept up to MAX_ISSUES. */
class Issues {
  readonly list: AllocationIssue[] = [];
  total = 0;
  /** The message may be a function, so that one costly to write (it searches for an earlier entry) is written only when kept. */
  add(path: string, message: string | (() => string)) {
    this.total += 1;
    if (this.list.length < MAX_ISSUES) this.list.push({ path, message: typeof message === 'string' ? message : message() });
  }
  throwIfAny() {
    if (this.total) throw new AllocationInputError(this.list, this.total);
  }
}

/**
 * Checks an instance (as parsed from JSON, so of unknown shape) and turns it into integers.
 * Throws AllocationInputError with every problem found (up to MAX_ISSUES), each with its JSON path and
 * a Russian message naming the student or programme. Extra fields are ignored.
 */
export function compileInstance(data: unknown): CompiledInstance {
  const issues = new Issues();
  if (!isRecord(data)) {
    issues.add('$', 'ожидается объект с полями "programmes" (программы) и "students" (ученики)');
    issues.throwIfAny();
  }
  const { programmes, students } = data as Record<string, unknown>;
  if (!Array.isArray(programmes)) issues.add('programmes', `ожидается список программ, а не ${shown(programmes)}`);
  if (!Array.isArray(students)) issues.add('students', `ожидается список учеников, а не ${shown(students)}`);
  issues.throwIfAny();
  const programmeTable = readProgrammes(programmes as unknown[], issues);
  const studentTable = readStudents(students as unknown[], programmeTable, issues);
  return completeInstance(programmeTable, studentTable, issues);
}

/** The programmes checked, before the students are known (stage one of compiling). */
export interface ProgrammeTable {
  programmeIds: string[];
  programmeIndex: Map<string, number>;
  capacity: Int32Array;
  priorityLength: Int32Array;
  /** Each programme's priority list as given (checked against the students later), or undefined. */
  priorities: (readonly unknown[] | undefined)[];
}

/** The students' ids, lottery values and choices (CSR), before ids are checked for repeats. */
export interface StudentTable {
  studentIds: string[];
  lottery: Float64Array;
  choiceStart: Int32Array;
  choiceProgramme: Int32Array;
}

function readProgrammes(list: readonly unknown[], issues: Issues): ProgrammeTable {
  const programmeCount = list.length;
  const programmeIds: string[] = new Array(programmeCount);
  const programmeIndex = new Map<string, number>();
  const capacity = new Int32Array(programmeCount);
  const priorityLength = new Int32Array(programmeCount);
  const priorities: (readonly unknown[] | undefined)[] = new Array(programmeCount).fill(undefined);
  for (let j = 0; j < programmeCount; j++) {
    const programme = list[j];
    const path = `programmes[${j}]`;
    if (!isRecord(programme)) {
      issues.add(path, `ожидается объект программы { "id", "capacity", "priority" }, а не ${shown(programme)}`);
      programmeIds[j] = '';
      continue;
    }
    const { id, capacity: seats, priority } = programme;
    programmeIds[j] = typeof id === 'string' ? id : '';
    if (typeof id !== 'string' || id === '') issues.add(`${path}.id`, `у программы нет идентификатора: ожидается непустая строка, а не ${shown(id)}`);
    else if (programmeIndex.has(id)) issues.add(`${path}.id`, `программа «${id}» уже описана в programmes[${programmeIndex.get(id)}]`);
    else programmeIndex.set(id, j);
    if (typeof seats !== 'number' || !Number.isInteger(seats)) issues.add(`${path}.capacity`, `программа ${named(id)}: число мест — целое число, а не ${shown(seats)}`);
    else if (seats < 0) issues.add(`${path}.capacity`, `программа ${named(id)}: число мест не может быть отрицательным (${seats})`);
    else if (seats > LIMIT) issues.add(`${path}.capacity`, `программа ${named(id)}: слишком большое число мест (${seats})`);
    else capacity[j] = seats;
    if (priority !== undefined) {
      if (!Array.isArray(priority)) issues.add(`${path}.priority`, `программа ${named(id)}: приоритет — список идентификаторов учеников, а не ${shown(priority)}`);
      else {
        priorityLength[j] = Math.min(priority.length, LIMIT);
        priorities[j] = priority;
      }
    }
  }
  return { programmeIds, programmeIndex, capacity, priorityLength, priorities };
}

/** A student's JSON path, written only for a message. */
const studentPath = (s: number) => `students[${s}]`;

function readStudents(list: readonly unknown[], programmes: ProgrammeTable, issues: Issues): StudentTable {
  const { programmeIndex } = programmes;
  // Count choices first, so the CSR arrays are allocated once.
  const studentCount = list.length;
  let choiceCount = 0;
  for (let s = 0; s < studentCount; s++) {
    const student = list[s];
    if (isRecord(student) && Array.isArray(student.choices)) choiceCount += student.choices.length;
  }
  if (studentCount >= MAX_STUDENTS || choiceCount >= LIMIT) {
    issues.add('students', `слишком много учеников или выборов (${studentCount}, ${choiceCount})`);
    issues.throwIfAny();
  }
  const studentIds: string[] = new Array(studentCount);
  const lottery = new Float64Array(studentCount);
  const choiceStart = new Int32Array(studentCount + 1);
  const choiceProgramme = new Int32Array(choiceCount);
  /** chosenBy[p] = the last student seen choosing p: a repeat within one list shows up at once. */
  const chosenBy = new Int32Array(programmes.programmeIds.length).fill(-1);
  let c = 0;
  for (let s = 0; s < studentCount; s++) {
    choiceStart[s] = c;
    const student = list[s];
    if (!isRecord(student)) {
      issues.add(studentPath(s), `ожидается объект ученика { "id", "lottery", "choices" }, а не ${shown(student)}`);
      studentIds[s] = '';
      continue;
    }
    const { id, lottery: ticket, choices } = student;
    if (typeof id !== 'string' || id === '') {
      issues.add(`${studentPath(s)}.id`, `у ученика нет идентификатора: ожидается непустая строка, а не ${shown(id)}`);
      studentIds[s] = '';
    } else studentIds[s] = id;
    if (typeof ticket !== 'number' || !Number.isFinite(ticket)) issues.add(`${studentPath(s)}.lottery`, `ученик ${named(id)}: жребий — число, а не ${shown(ticket)}`);
    else lottery[s] = ticket;
    if (!Array.isArray(choices)) {
      issues.add(`${studentPath(s)}.choices`, `ученик ${named(id)}: выбор — список идентификаторов программ (может быть пустым), а не ${shown(choices)}`);
      continue;
    }
    const first = c;
    for (let k = 0; k < choices.length; k++) {
      const choice = choices[k];
      const p = typeof choice === 'string' ? programmeIndex.get(choice) : undefined;
      if (p === undefined) {
        if (typeof choice !== 'string') issues.add(`${studentPath(s)}.choices[${k}]`, `ученик ${named(id)}: ожидается идентификатор программы, а не ${shown(choice)}`);
        else issues.add(`${studentPath(s)}.choices[${k}]`, `ученик ${named(id)}: неизвестная программа «${choice}»`);
        continue;
      }
      if (chosenBy[p] === s) {
        issues.add(`${studentPath(s)}.choices[${k}]`, () => `ученик ${named(id)}: программа «${choice}» выбрана дважды (уже в choices[${choices.indexOf(choice)}])`);
        continue;
      }
      chosenBy[p] = s;
      choiceProgramme[c++] = p;
    }
    if (c - first !== choices.length) c = first; // a student with a wrong choice keeps none, so the arrays stay consistent
  }
  choiceStart[studentCount] = c;
  return { studentIds, lottery, choiceStart, choiceProgramme };
}

/** Fewer than this many students (so that ranks, at most twice the students, fit an Int32). */
const MAX_STUDENTS = 2 ** 30;

/**
 * Stage two: repeated student ids, lottery places and repeats, each
 * choice's rank, priority lists. Throws AllocationInputError with everything found, this stage's and the
 * earlier ones'.
 */
function completeInstance(programmes: ProgrammeTable, students: StudentTable, issues: Issues): CompiledInstance {
  const { programmeIds, capacity, priorityLength, priorities } = programmes;
  const { studentIds, lottery, choiceStart, choiceProgramme } = students;
  const studentCount = studentIds.length;
  const studentIndex = new IdTable(studentIds, studentCount);
  for (let s = 0; s < studentCount; s++) {
    if (studentIds[s] === '') continue;
    const earlier = studentIndex.add(s);
    if (earlier >= 0) issues.add(`students[${s}].id`, `ученик «${studentIds[s]}» уже описан в students[${earlier}]`);
  }
  issues.throwIfAny();

  const place = lotteryPlaces(lottery, studentIds, issues);
  issues.throwIfAny();

  const choiceRank = new Int32Array(choiceProgramme.length);
  for (let s = 0; s < studentCount; s++) {
    for (let k = choiceStart[s], end = choiceStart[s + 1]; k < end; k++) choiceRank[k] = priorityLength[choiceProgramme[k]] + place[s];
  }

  // Priority lists: a listed student who chose the programme gets their place as rank there.
  const listedBy = new Int32Array(studentCount).fill(-1);
  for (let j = 0; j < programmeIds.length; j++) {
    const priority = priorities[j];
    if (!priority) continue;
    const id = programmeIds[j];
    for (let k = 0; k < priority.length; k++) {
      const entry = priority[k];
      const s = typeof entry === 'string' ? studentIndex.find(entry) : -1;
      if (s < 0 || listedBy[s] === j) {
        const path = `programmes[${j}].priority[${k}]`;
        if (s >= 0) issues.add(path, () => `программа ${named(id)}: ученик «${entry}» уже указан в приоритете (priority[${priority.indexOf(entry)}])`);
        else if (typeof entry !== 'string') issues.add(path, `программа ${named(id)}: в приоритете ожидается идентификатор ученика, а не ${shown(entry)}`);
        else issues.add(path, `программа ${named(id)}: в приоритете неизвестный ученик «${entry}»`);
        continue;
      }
      listedBy[s] = j;
      for (let choice = choiceStart[s], end = choiceStart[s + 1]; choice < end; choice++) {
        if (choiceProgramme[choice] === j) {
          choiceRank[choice] = k;
          break;
        }
      }
    }
  }
  issues.throwIfAny();

  return { programmeIds, studentIds, capacity, priorityLength, lottery, choiceStart, choiceProgramme, choiceRank };
}

function reportEqualLottery(studentIds: readonly string[], lottery: Float64Array, repeated: Set<number>, issues: Issues) {
  const first = new Map<number, number>();
  for (let s = 0; s < lottery.length; s++) {
    const value = lottery[s] === 0 ? 0 : lottery[s]; // -0 and 0 are one value
    if (!repeated.has(value)) continue;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, s);
    else
      issues.add(
        `students[${s}].lottery`,
        `ученик ${named(studentIds[s])}: такой же жребий ${value}, как у ученика ${named(studentIds[earlier])} (students[${earlier}]); жребии должны различаться`,
      );
  }
}

/**
 * Ids to their index by open addressing (FNV-1a, linear probing, at most half full): at half a million
 * students several times faster to fill than a Map, which rehashes as it grows.
 */
class IdTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Varies the hash from run to run, so no file can be made to collide on purpose. */
  private readonly seed = (Math.random() * 2 ** 32) | 0;

  constructor(
    private readonly ids: readonly string[],
    expected: number,
  ) {
    let size = 16;
    while (size < 2 * expected) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  private hash(id: string) {
    let hash = 0x811c9dc5 ^ this.seed;
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
    return (hash ^ (hash >>> 15)) & this.mask;
  }

  /** Adds ids[index]; returns the index of an equal id added before (which stays), or -1. */
  add(index: number): number {
    const id = this.ids[index];
    for (let slot = this.hash(id); ; slot = (slot + 1) & this.mask) {
      const at = this.slots[slot];
      if (at < 0) {
        this.slots[slot] = index;
        return -1;
      }
      if (this.ids[at] === id) return at;
    }
  }

  find(id: string): number {
    for (let slot = this.hash(id); ; slot = (slot + 1) & this.mask) {
      const at = this.slots[slot];
      if (at < 0 || this.ids[at] === id) return at;
    }
  }
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * Each student's 0-based place in the lottery (smallest first), and equal values reported. One native
 * sort of 64-bit keys: the high bits are the lottery's bits made to sort as unsigned integers, the low
 * bits the student's index; students whose values agree in the kept high bits are put in order after.
 */
function lotteryPlaces(lottery: Float64Array, studentIds: readonly string[], issues: Issues): Int32Array {
  const count = lottery.length;
  const place = new Int32Array(count);
  if (count === 0) return place;
  const indexBits = Math.max(1, 32 - Math.clz32(count - 1)); // at most 30: fewer than MAX_STUDENTS
  const indexMask = (1 << indexBits) - 1;
  const keys = new BigUint64Array(count);
  const words = new Uint32Array(keys.buffer); // key i is words 2i and 2i + 1, its low half first on a little-endian machine
  const [LOW, HIGH] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  const value = new Float64Array(1);
  const valueWords = new Uint32Array(value.buffer);
  for (let s = 0; s < count; s++) {
    value[0] = lottery[s];
    let low = valueWords[LOW];
    let high = valueWords[HIGH];
    // Negative numbers: flip every bit; others: flip the sign bit. Then unsigned order is numeric order.
    if (high & 0x80000000) {
      high = ~high >>> 0;
      low = ~low >>> 0;
    } else high = (high | 0x80000000) >>> 0;
    // Keep the top 64 - indexBits bits of that and put the index below them.
    words[2 * s + LOW] = (((low >>> indexBits) << indexBits) | s) >>> 0;
    words[2 * s + HIGH] = high;
  }
  keys.sort();
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = words[2 * i + LOW] & indexMask;
  // Values equal in the kept bits come out by index: put such runs (rare) in lottery order by insertion.
  const sameKeptBits = (i: number, j: number) => words[2 * i + HIGH] === words[2 * j + HIGH] && words[2 * i + LOW] >>> indexBits === words[2 * j + LOW] >>> indexBits;
  for (let i = 1; i < count; i++) {
    for (let k = i; k > 0 && sameKeptBits(k - 1, k) && lottery[order[k - 1]] > lottery[order[k]]; k--) {
      const swap = order[k - 1];
      order[k - 1] = order[k];
      order[k] = swap;
    }
  }
  let repeated: Set<number> | null = null;
  for (let i = 0; i < count; i++) {
    place[order[i]] = i;
    if (i > 0 && lottery[order[i]] === lottery[order[i - 1]]) (repeated ??= new Set()).add(lottery[order[i]] === 0 ? 0 : lottery[order[i]]);
  }
  if (repeated) reportEqualLottery(studentIds, lottery, repeated, issues);
  return place;
}

/** JSON.parse, with a syntax error turned into an AllocationInputError that tells the line and column. */
function readInstanceJson(text: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte order mark, as some editors write
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AllocationInputError([{ path: '$', message: `файл не является корректным JSON: ${describeSyntaxError(text, error)}` }], 1);
  }
}

/** Reads and compiles an instance from JSON text. */
export const parseInstance = (text: string): CompiledInstance => compileInstance(readInstanceJson(text));

function describeSyntaxError(text: string, error: unknown) {
  if (!text.trim()) return 'файл пуст';
  const offset = jsonErrorOffset(text);
  if (offset === null) return error instanceof Error ? error.message : String(error);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const what = offset >= text.length ? 'неожиданный конец файла' : `неожиданный символ ${JSON.stringify(text[offset])}`;
  return `строка ${line}, столбец ${column}: ${what}`;
}

/** Where JSON text first goes wrong (run only after JSON.parse failed, to tell the line and column); null if nowhere. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = () => {
    throw i;
  };
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const expect = (char: string) => {
    space();
    if (text[i] !== char) fail();
    i++;
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const code = text.charCodeAt(i);
      if (code === 34) break;
      if (code < 0x20) fail();
      if (code === 92) {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) (i += k), fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    i++;
  };
  const value = (depth: number): void => {
    space();
    if (depth > 10_000) fail();
    const char = text[i];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === '}') {
          space();
          string();
          expect(':');
        }
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (char === '"') return string();
    const literal = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;
    literal.lastIndex = i;
    if (!literal.test(text)) fail();
    i = literal.lastIndex;
  };
  try {
    value(0);
    space();
    if (i < text.length) fail();
    return null;
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
}

/** Per student and per programme, in the instance's numbering. */
export interface Allocation {
  /** The programme each student got, or -1. */
  programmeOf: Int32Array;
  /** 0-based place of that programme in the student's choices, or -1. */
  choiceOf: Int32Array;
  /** Students each programme admitted. */
  admitted: Int32Array;
  /** For a full programme with seats, its last admitted student (the one it ranks lowest); otherwise -1. */
  lastAdmitted: Int32Array;
  /** That student's rank at the programme (as in `choiceRank`), or -1. */
  cutoffRank: Int32Array;
}

/**
 * Student-proposing deferred acceptance. The order in which free students propose does not change the
 * outcome; here a student displaced from a programme proposes again at once.
 */
export function allocate(instance: CompiledInstance): Allocation {
  const { capacity, choiceStart, choiceProgramme, choiceRank } = instance;
  const studentCount = choiceStart.length - 1;
  const programmeCount = capacity.length;

  // A programme never holds more students than applied to it: bound each heap by that.
  const applicants = new Int32Array(programmeCount);
  for (let c = 0; c < choiceProgramme.length; c++) applicants[choiceProgramme[c]]++;
  const heapStart = new Int32Array(programmeCount + 1);
  const bound = new Int32Array(programmeCount);
  for (let p = 0; p < programmeCount; p++) {
    bound[p] = Math.min(capacity[p], applicants[p]);
    heapStart[p + 1] = heapStart[p] + bound[p];
  }
  const heapRank = new Int32Array(heapStart[programmeCount]);
  const heapStudent = new Int32Array(heapStart[programmeCount]);
  const held = new Int32Array(programmeCount);
  /** The choice each student holds (an index into choiceProgramme), or -1. */
  const holding = new Int32Array(studentCount).fill(-1);

  for (let first = 0; first < studentCount; first++) {
    let s = first;
    let c = choiceStart[s];
    let end = choiceStart[s + 1];
    while (c < end) {
      const p = choiceProgramme[c];
      const rank = choiceRank[c];
      const seats = bound[p];
      const base = heapStart[p];
      const size = held[p];
      if (size < seats) {
        // A free seat: take it.
        let i = size;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (heapRank[base + parent] >= rank) break;
          heapRank[base + i] = heapRank[base + parent];
          heapStudent[base + i] = heapStudent[base + parent];
          i = parent;
        }
        heapRank[base + i] = rank;
        heapStudent[base + i] = s;
        held[p] = size + 1;
        holding[s] = c;
        break;
      }
      if (seats > 0 && heapRank[base] > rank) {
        // Full, but this student outranks the lowest held one: swap them; the displaced student proposes on.
        const displaced = heapStudent[base];
        let i = 0;
        for (;;) {
          const left = 2 * i + 1;
          if (left >= size) break;
          const right = left + 1;
          const child = right < size && heapRank[base + right] > heapRank[base + left] ? right : left;
          if (heapRank[base + child] <= rank) break;
          heapRank[base + i] = heapRank[base + child];
          heapStudent[base + i] = heapStudent[base + child];
          i = child;
        }
        heapRank[base + i] = rank;
        heapStudent[base + i] = s;
        holding[s] = c;
        s = displaced;
        c = holding[s] + 1;
        end = choiceStart[s + 1];
        holding[s] = -1;
        continue;
      }
      c++;
    }
  }

  const programmeOf = new Int32Array(studentCount).fill(-1);
  const choiceOf = new Int32Array(studentCount).fill(-1);
  for (let s = 0; s < studentCount; s++) {
    const c = holding[s];
    if (c < 0) continue;
    programmeOf[s] = choiceProgramme[c];
    choiceOf[s] = c - choiceStart[s];
  }
  const lastAdmitted = new Int32Array(programmeCount).fill(-1);
  const cutoffRank = new Int32Array(programmeCount).fill(-1);
  for (let p = 0; p < programmeCount; p++) {
    if (capacity[p] > 0 && held[p] === capacity[p]) {
      lastAdmitted[p] = heapStudent[heapStart[p]];
      cutoffRank[p] = heapRank[heapStart[p]];
    }
  }
  return { programmeOf, choiceOf, admitted: held, lastAdmitted, cutoffRank };
}

/**
 * Checks an assignment against the instance from scratch, in O(choices): every assigned student chose
 * the programme, no programme takes more than its seats, and there is no blocking pair — no student
 * who prefers a programme that has a free seat or admitted someone it ranks below them. Returns the
 * violations in Russian (up to MAX_ISSUES), empty when the assignment is stable.
 */
export function verifyAllocation(instance: CompiledInstance, allocation: Pick<Allocation, 'programmeOf'>): string[] {
  const { capacity, choiceStart, choiceProgramme, choiceRank, studentIds, programmeIds } = instance;
  const { programmeOf } = allocation;
  const studentCount = choiceStart.length - 1;
  const problems: string[] = [];
  const report = (message: string) => {
    if (problems.length < MAX_ISSUES) problems.push(message);
  };
  if (programmeOf.length !== studentCount) return [`в распределении ${programmeOf.length} учеников, а в задаче ${studentCount}`];

  const count = new Int32Array(capacity.length);
  const worst = new Int32Array(capacity.length).fill(-1);
  /** End of the choices a student prefers to what they got: their whole list when unassigned. */
  const better = new Int32Array(studentCount);
  for (let s = 0; s < studentCount; s++) {
    const p = programmeOf[s];
    better[s] = choiceStart[s + 1];
    if (p === -1) continue;
    if (!(p >= 0 && p < capacity.length)) {
      report(`ученик «${studentIds[s]}» зачислен в несуществующую программу № ${p}`);
      continue;
    }
    let c = choiceStart[s];
    while (c < choiceStart[s + 1] && choiceProgramme[c] !== p) c++;
    if (c === choiceStart[s + 1]) {
      report(`ученик «${studentIds[s]}» зачислен в программу «${programmeIds[p]}», которую не выбирал`);
      continue;
    }
    better[s] = c;
    count[p]++;
    if (choiceRank[c] > worst[p]) worst[p] = choiceRank[c];
  }
  for (let p = 0; p < capacity.length; p++) {
    if (count[p] > capacity[p]) report(`в программу «${programmeIds[p]}» зачислено ${count[p]} учеников при ${capacity[p]} местах`);
  }
  for (let s = 0; s < studentCount; s++) {
    for (let c = choiceStart[s]; c < better[s]; c++) {
      const p = choiceProgramme[c];
      if (count[p] < capacity[p]) report(`ученик «${studentIds[s]}» предпочёл бы программу «${programmeIds[p]}», а в ней есть свободное место`);
      else if (count[p] > 0 && choiceRank[c] < worst[p]) report(`ученик «${studentIds[s]}» предпочёл бы программу «${programmeIds[p]}», а она зачислила ученика с более низким местом в своём порядке`);
    }
  }
  return problems;
}

/** A student's standing at a programme: place in its priority list (1-based; null when unlisted) and lottery. */
export interface Standing {
  priority: number | null;
  lottery: number;
}

export interface ProgrammeStats {
  capacity: number;
  /** Students who chose it at all, and as their first choice. */
  applicants: number;
  firstChoiceApplicants: number;
  admitted: number;
  /** admitted / capacity; null when it has no seats. */
  fillRate: number | null;
  /** The last admitted student's standing when it is full; those ranked below them were not admitted. */
  cutoff: Standing | null;
}

export interface AllocationStats {
  students: number;
  /** Students who chose at least one programme: the base of the shares below. */
  studentsWithChoices: number;
  programmes: number;
  seats: number;
  choices: number;
  assigned: number;
  unassigned: number;
  /** Shares of the students who chose at least one programme (0 when none did). */
  firstChoiceShare: number;
  topThreeShare: number;
  /** byChoice[k]: students assigned to their (k + 1)-th choice. */
  byChoice: number[];
  /** assigned / seats overall (0 without seats). */
  fillRate: number;
  /** Programmes with seats, all of them taken / none of them taken; programmes with no seats at all. */
  programmesFull: number;
  programmesEmpty: number;
  programmesWithoutSeats: number;
  byProgramme: Record<string, ProgrammeStats>;
}

function standing(instance: CompiledInstance, programme: number, student: number, rank: number): Standing {
  return { priority: rank < instance.priorityLength[programme] ? rank + 1 : null, lottery: instance.lottery[student] };
}

export function allocationStats(instance: CompiledInstance, allocation: Allocation): AllocationStats {
  const { capacity, choiceStart, choiceProgramme, programmeIds } = instance;
  const studentCount = choiceStart.length - 1;
  const programmeCount = capacity.length;
  const applicants = new Int32Array(programmeCount);
  const firstChoiceApplicants = new Int32Array(programmeCount);
  let studentsWithChoices = 0;
  for (let s = 0; s < studentCount; s++) {
    if (choiceStart[s + 1] === choiceStart[s]) continue;
    studentsWithChoices++;
    firstChoiceApplicants[choiceProgramme[choiceStart[s]]]++;
    for (let c = choiceStart[s]; c < choiceStart[s + 1]; c++) applicants[choiceProgramme[c]]++;
  }
  const byChoice: number[] = [];
  let assigned = 0;
  for (let s = 0; s < studentCount; s++) {
    const k = allocation.choiceOf[s];
    if (k < 0) continue;
    assigned++;
    while (byChoice.length <= k) byChoice.push(0);
    byChoice[k]++;
  }
  let seats = 0;
  let programmesFull = 0;
  let programmesEmpty = 0;
  let programmesWithoutSeats = 0;
  const byProgramme: Record<string, ProgrammeStats> = {};
  for (let p = 0; p < programmeCount; p++) {
    const admitted = allocation.admitted[p];
    seats += capacity[p];
    if (capacity[p] === 0) programmesWithoutSeats++;
    else if (admitted === capacity[p]) programmesFull++;
    else if (admitted === 0) programmesEmpty++;
    const last = allocation.lastAdmitted[p];
    byProgramme[programmeIds[p]] = {
      capacity: capacity[p],
      applicants: applicants[p],
      firstChoiceApplicants: firstChoiceApplicants[p],
      admitted,
      fillRate: capacity[p] ? admitted / capacity[p] : null,
      cutoff: last >= 0 ? standing(instance, p, last, allocation.cutoffRank[p]) : null,
    };
  }
  const share = (count: number) => (studentsWithChoices ? count / studentsWithChoices : 0);
  return {
    students: studentCount,
    studentsWithChoices,
    programmes: programmeCount,
    seats,
    choices: choiceProgramme.length,
    assigned,
    unassigned: studentCount - assigned,
    firstChoiceShare: share(byChoice[0] ?? 0),
    topThreeShare: share((byChoice[0] ?? 0) + (byChoice[1] ?? 0) + (byChoice[2] ?? 0)),
    byChoice,
    fillRate: seats ? assigned / seats : 0,
    programmesFull,
    programmesEmpty,
    programmesWithoutSeats,
    byProgramme,
  };
}

/** Why a student got what they got: enough for «в программу X не хватило места: последний зачисленный …». */
export interface StudentExplanation {
  student: string;
  programme: string | null;
  /** 1-based place of the assigned programme in the student's choices; null when unassigned. */
  choice: number | null;
  /**
   * Each programme the student wanted more (every choice when unassigned), in their order. In a stable
   * matching each was full of students it ranks higher: `lastAdmitted` is the lowest of them, `own`
   * the student's standing there; `lastAdmitted` is null when the programme has no seats.
   */
  passedOver: { programme: string; choice: number; seats: number; own: Standing; lastAdmitted: Standing | null }[];
}

export function explainStudent(instance: CompiledInstance, allocation: Allocation, student: number): StudentExplanation {
  const { choiceStart, choiceProgramme, choiceRank, programmeIds, capacity } = instance;
  const start = choiceStart[student];
  const k = allocation.choiceOf[student];
  const end = k >= 0 ? start + k : choiceStart[student + 1];
  const passedOver: StudentExplanation['passedOver'] = [];
  for (let c = start; c < end; c++) {
    const p = choiceProgramme[c];
    const last = allocation.lastAdmitted[p];
    passedOver.push({
      programme: programmeIds[p],
      choice: c - start + 1,
      seats: capacity[p],
      own: standing(instance, p, student, choiceRank[c]),
      lastAdmitted: last >= 0 ? standing(instance, p, last, allocation.cutoffRank[p]) : null,
    });
  }
  const p = allocation.programmeOf[student];
  return { student: instance.studentIds[student], programme: p >= 0 ? programmeIds[p] : null, choice: k >= 0 ? k + 1 : null, passedOver };
}

const lotteryText = (value: number) => String(value).replace('.', ',');
const standingText = (s: Standing) => (s.priority !== null ? `${s.priority}-е место в списке приоритета` : `не в списке приоритета, жребий ${lotteryText(s.lottery)}`);

/**
 * The explanation in Russian sentences, first the result, then one sentence per programme passed over.
 * `name` turns a programme id into what people read (by default the id in «»).
 */
export function describeExplanation(explanation: StudentExplanation, name: (programmeId: string) => string = (id) => `«${id}»`): string[] {
  const lines: string[] = [];
  if (explanation.programme !== null) lines.push(`Зачисление: ${name(explanation.programme)} — ваш ${explanation.choice}-й выбор.`);
  else if (explanation.passedOver.length) lines.push('Места не нашлось ни в одной из выбранных программ.');
  else lines.push('Вы не выбрали ни одной программы.');
  for (const item of explanation.passedOver) {
    if (!item.lastAdmitted) lines.push(`В ${name(item.programme)} (${item.choice}-й выбор) мест нет.`);
    else
      lines.push(
        `В ${name(item.programme)} (${item.choice}-й выбор) не хватило места: все места (${item.seats}) заняли ученики, стоящие в порядке программы выше вас; последний зачисленный — ${standingText(item.lastAdmitted)}; у вас — ${standingText(item.own)}.`,
      );
  }
  return lines;
}

export interface AllocationOutcome {
  instance: CompiledInstance;
  allocation: Allocation;
  stats: AllocationStats;
}

/**
 * Allocate, verify, count: what a campaign's close and `orbita allocate` run on a compiled instance
 * (`compileInstance` or `parseInstance`). Throws an Error if verification fails (a bug,
 * never expected).
 */
export function runAllocation(instance: CompiledInstance): AllocationOutcome {
  const allocation = allocate(instance);
  const problems = verifyAllocation(instance, allocation);
  if (problems.length) throw new Error(`Распределение не прошло проверку: ${problems.join('; ')}`);
  return { instance, allocation, stats: allocationStats(instance, allocation) };
}

/** The assignment by id: { studentId: programmeId or null }, in the instance's order. */
export function assignmentById(instance: CompiledInstance, allocation: Allocation): Record<string, string | null> {
  const assignment: Record<string, string | null> = {};
  for (let s = 0; s < instance.studentIds.length; s++) {
    const p = allocation.programmeOf[s];
    assignment[instance.studentIds[s]] = p >= 0 ? instance.programmeIds[p] : null;
  }
  return assignment;
}

/**
 * The result as JSON: { "assignment": { studentId: programmeId | null }, "stats": { … } }, and with
 * `explain` also { "explanations": { studentId: StudentExplanation } }.
 */
export function allocationResultJson(outcome: AllocationOutcome, options: { explain?: boolean } = {}): string {
  const { instance, allocation, stats } = outcome;
  const result: Record<string, unknown> = { assignment: assignmentById(instance, allocation), stats };
  if (options.explain) {
    const explanations: Record<string, unknown> = {};
    for (let s = 0; s < instance.studentIds.length; s++) {
      const { student, ...explanation } = explainStudent(instance, allocation, s);
      explanations[student] = explanation;
    }
    result.explanations = explanations;
  }
  return `${JSON.stringify(result, null, 1)}\n`;
}
