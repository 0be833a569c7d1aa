import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seed/synthetic-organizations';
import {
  type AllocationInstance,
  AllocationInputError,
  MAX_ISSUES,
  allocate,
  allocationResultJson,
  allocationStats,
  assignmentById,
  compileInstance,
  describeExplanation,
  explainStudent,
  formatIssue,
  jsonErrorOffset,
  parseInstance,
  runAllocation,
  verifyAllocation,
} from './allocation';
import { allStableMatchings, randomInstance, referenceAllocation, referenceInstability } from './allocation.testkit';

const solve = (instance: AllocationInstance) => {
  const compiled = compileInstance(instance);
  const allocation = allocate(compiled);
  return { compiled, allocation, assignment: assignmentById(compiled, allocation) };
};

/** The messages an instance is refused with, as the CLI prints them. */
function refusal(data: unknown): string[] {
  try {
    compileInstance(data);
  } catch (error) {
    if (error instanceof AllocationInputError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error('accepted');
}

// A has one seat and puts s3 first; B has two; C none. s5 chose nothing.
const example: AllocationInstance = {
  programmes: [
    { id: 'A', capacity: 1, priority: ['s3'] },
    { id: 'B', capacity: 2 },
    { id: 'C', capacity: 0 },
  ],
  students: [
    { id: 's1', lottery: 0.1, choices: ['A', 'B'] },
    { id: 's2', lottery: 0.2, choices: ['A', 'B'] },
    { id: 's3', lottery: 0.9, choices: ['A'] },
    { id: 's4', lottery: 0.3, choices: ['B', 'C'] },
    { id: 's5', lottery: 0.05, choices: [] },
  ],
};

describe('allocate', () => {
  it('gives the student-optimal stable matching: priority before lottery, lottery for the rest', () => {
    const { assignment } = solve(example);
    expect(assignment).toEqual({ s1: 'B', s2: 'B', s3: 'A', s4: null, s5: null });
  });

  it('counts the statistics the organiser sees', () => {
    const { compiled, allocation } = solve(example);
    expect(allocationStats(compiled, allocation)).toEqual({
      students: 5,
      studentsWithChoices: 4,
      programmes: 3,
      seats: 3,
      choices: 7,
      assigned: 3,
      unassigned: 2,
      firstChoiceShare: 0.25,
      topThreeShare: 0.75,
      byChoice: [1, 2],
      fillRate: 1,
      programmesFull: 2,
      programmesEmpty: 0,
      programmesWithoutSeats: 1,
      byProgramme: {
        A: { capacity: 1, applicants: 3, firstChoiceApplicants: 3, admitted: 1, fillRate: 1, cutoff: { priority: 1, lottery: 0.9 } },
        B: { capacity: 2, applicants: 3, firstChoiceApplicants: 1, admitted: 2, fillRate: 1, cutoff: { priority: null, lottery: 0.2 } },
        C: { capacity: 0, applicants: 1, firstChoiceApplicants: 0, admitted: 0, fillRate: null, cutoff: null },
      },
    });
  });

  it('explains each result with the cutoffs of the programmes passed over', () => {
    const { compiled, allocation } = solve(example);
    const s1 = explainStudent(compiled, allocation, 0);
    expect(s1).toEqual({ student: 's1', programme: 'B', choice: 2, passedOver: [{ programme: 'A', choice: 1, seats: 1, own: { priority: null, lottery: 0.1 }, lastAdmitted: { priority: 1, lottery: 0.9 } }] });
    expect(describeExplanation(s1)).toEqual([
      'Зачисление: «B» — ваш 2-й выбор.',
      'В «A» (1-й выбор) не хватило места: все места (1) заняли ученики, стоящие в порядке программы выше вас; последний зачисленный — 1-е место в списке приоритета; у вас — не в списке приоритета, жребий 0,1.',
    ]);
    const s4 = explainStudent(compiled, allocation, 3);
    expect(s4.programme).toBeNull();
    expect(s4.passedOver.map((p) => [p.programme, p.lastAdmitted])).toEqual([
      ['B', { priority: null, lottery: 0.2 }],
      ['C', null],
    ]);
    expect(describeExplanation(s4, (id) => `программу ${id}`)).toEqual([
      'Места не нашлось ни в одной из выбранных программ.',
      'В программу B (1-й выбор) не хватило места: все места (2) заняли ученики, стоящие в порядке программы выше вас; последний зачисленный — не в списке приоритета, жребий 0,2; у вас — не в списке приоритета, жребий 0,3.',
      'В программу C (2-й выбор) мест нет.',
    ]);
    expect(describeExplanation(explainStudent(compiled, allocation, 4))).toEqual(['Вы не выбрали ни одной программы.']);
  });

  it('gives the same assignment as the plain reference on many random instances, stable and within capacity', () => {
    const random = seededRandom(5);
    const sizes = [
      ...Array.from({ length: 400 }, () => ({ students: 1 + Math.floor(random() * 12), programmes: 1 + Math.floor(random() * 5), maxChoices: 4, maxCapacity: 3 })),
      ...Array.from({ length: 40 }, () => ({ students: 50 + Math.floor(random() * 300), programmes: 5 + Math.floor(random() * 30), maxChoices: 6, maxCapacity: 15 })),
      ...Array.from({ length: 8 }, () => ({ students: 3000, programmes: 150, maxChoices: 8, maxCapacity: 30, priorityShare: 0.8 })),
    ];
    let unassigned = 0;
    let passedOver = 0;
    for (const size of sizes) {
      const instance = randomInstance(random, size);
      const { compiled, allocation, assignment } = solve(instance);
      expect(assignment).toEqual(referenceAllocation(instance));
      expect(verifyAllocation(compiled, allocation)).toEqual([]);
      if (instance.students.length <= 350) expect(referenceInstability(instance, assignment)).toBeNull();
      // The explanation agrees: every programme passed over ranks its last admitted student above this one.
      for (let s = 0; s < instance.students.length; s++) {
        for (const item of explainStudent(compiled, allocation, s).passedOver) {
          passedOver++;
          if (item.seats === 0) continue;
          const { own, lastAdmitted } = item;
          expect(lastAdmitted).not.toBeNull();
          const above =
            lastAdmitted!.priority !== null
              ? own.priority === null || lastAdmitted!.priority < own.priority
              : own.priority === null && lastAdmitted!.lottery < own.lottery;
          expect(above).toBe(true);
        }
      }
      unassigned += Object.values(assignment).filter((p) => p === null).length;
    }
    // The instances do exercise rejection.
    expect(unassigned).toBeGreaterThan(100);
    expect(passedOver).toBeGreaterThan(1000);
  });

  it('is student-optimal: on tiny instances every student weakly prefers it to every stable matching', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 300; i++) {
      const instance = randomInstance(random, { students: 1 + Math.floor(random() * 5), programmes: 1 + Math.floor(random() * 3), maxChoices: 3, maxCapacity: 2 });
      const { assignment } = solve(instance);
      const stable = allStableMatchings(instance);
      expect(stable).toContainEqual(assignment);
      const place = (s: AllocationInstance['students'][number], programme: string | null) => (programme === null ? Infinity : s.choices.indexOf(programme));
      for (const other of stable) for (const s of instance.students) expect(place(s, assignment[s.id])).toBeLessThanOrEqual(place(s, other[s.id]));
    }
  });

  it('orders any finite lottery values, negative, huge or a last bit apart', () => {
    const random = seededRandom(23);
    const nextUp = (x: number) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, x);
      view.setBigUint64(0, view.getBigUint64(0) + 1n);
      return view.getFloat64(0);
    };
    const spreads: ((lottery: number, i: number) => number)[] = [
      (lottery) => (lottery - 0.5) * 1e6,
      (lottery) => (lottery - 0.5) * 1e300,
      (_, i) => {
        let x = 0.5; // 0.5 and the doubles just above it: they share all but the last bits
        for (let k = 0; k < i; k++) x = nextUp(x);
        return x;
      },
      (_, i) => (i % 2 ? -1 : 1) * (i + 1) * 2 ** -1074, // subnormals of both signs
    ];
    for (const spread of spreads) {
      for (let round = 0; round < 10; round++) {
        const instance = randomInstance(random, { students: 200, programmes: 8, maxChoices: 4, maxCapacity: 12 });
        const order = [...instance.students.keys()].sort(() => random() - 0.5);
        const spreadOut = { ...instance, students: instance.students.map((s, i) => ({ ...s, lottery: spread(s.lottery, order[i]) })) };
        expect(new Set(spreadOut.students.map((s) => s.lottery)).size).toBe(200);
        expect(solve(spreadOut).assignment).toEqual(referenceAllocation(spreadOut));
      }
    }
  });

  it('does not depend on the order of students or programmes in the file', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 20; i++) {
      const instance = randomInstance(random, { students: 300, programmes: 20, maxChoices: 5, maxCapacity: 20 });
      const reversed = { programmes: [...instance.programmes].reverse(), students: [...instance.students].reverse() };
      expect(solve(reversed).assignment).toEqual(solve(instance).assignment);
    }
  });

  it('runs with no students, no programmes, or nobody choosing', () => {
    expect(runAllocation(compileInstance({ programmes: [], students: [] })).stats).toMatchObject({ students: 0, programmes: 0, assigned: 0, firstChoiceShare: 0, fillRate: 0 });
    expect(runAllocation(compileInstance({ programmes: [{ id: 'p', capacity: 3 }], students: [{ id: 's', lottery: 1, choices: [] }] })).stats).toMatchObject({ assigned: 0, unassigned: 1, programmesEmpty: 1 });
  });

  it('admits everyone when capacity is far above demand', () => {
    const { assignment } = solve({ programmes: [{ id: 'big', capacity: 2 ** 31 - 1 }], students: [{ id: 'a', lottery: 0.5, choices: ['big'] }] });
    expect(assignment).toEqual({ a: 'big' });
  });
});

describe('verifyAllocation', () => {
  const compiled = compileInstance(example);
  // Indices: programmes A 0, B 1, C 2; students s1..s5 are 0..4.
  const check = (programmes: number[]) => verifyAllocation(compiled, { programmeOf: Int32Array.from(programmes) });

  it('accepts the stable matching', () => {
    expect(check([1, 1, 0, -1, -1])).toEqual([]);
  });

  it('finds a programme over capacity', () => {
    expect(check([1, 1, 0, 1, -1])).toContain('в программу «B» зачислено 3 учеников при 2 местах');
  });

  it('finds a student placed where they did not apply', () => {
    expect(check([1, 1, 0, -1, 0])).toContain('ученик «s5» зачислен в программу «A», которую не выбирал');
  });

  it('finds a blocking pair with a free seat', () => {
    expect(check([1, -1, 0, -1, -1])).toEqual(['ученик «s2» предпочёл бы программу «B», а в ней есть свободное место', 'ученик «s4» предпочёл бы программу «B», а в ней есть свободное место']);
  });

  it('finds a blocking pair where the programme admitted someone it ranks lower', () => {
    expect(check([1, 0, -1, 1, -1])).toEqual([
      'ученик «s1» предпочёл бы программу «A», а она зачислила ученика с более низким местом в своём порядке',
      'ученик «s3» предпочёл бы программу «A», а она зачислила ученика с более низким местом в своём порядке',
    ]);
  });
});

describe('compileInstance: refusals', () => {
  const programmes = [
    { id: 'p1', capacity: 2, priority: ['s2'] },
    { id: 'p2', capacity: 1 },
  ];
  const students = [
    { id: 's1', lottery: 0.4172, choices: ['p2', 'p1'] },
    { id: 's2', lottery: 0.1, choices: ['p1'] },
  ];

  it('names an unknown programme', () => {
    expect(refusal({ programmes, students: [...students, { id: 's3', lottery: 0.3, choices: ['p1', 'p9'] }] })).toEqual(['students[2].choices[1]: ученик «s3»: неизвестная программа «p9»']);
  });

  it('names a programme chosen twice', () => {
    expect(refusal({ programmes, students: [{ id: 's1', lottery: 0.4, choices: ['p2', 'p1', 'p2'] }, students[1]] })).toEqual([
      'students[0].choices[2]: ученик «s1»: программа «p2» выбрана дважды (уже в choices[0])',
    ]);
  });

  it('refuses a negative or fractional capacity', () => {
    expect(refusal({ programmes: [{ id: 'p1', capacity: -3 }, { id: 'p2', capacity: 1.5 }, { id: 'p3', capacity: '7' }], students: [] })).toEqual([
      'programmes[0].capacity: программа «p1»: число мест не может быть отрицательным (-3)',
      'programmes[1].capacity: программа «p2»: число мест — целое число, а не 1.5',
      'programmes[2].capacity: программа «p3»: число мест — целое число, а не "7"',
    ]);
  });

  it('refuses equal lottery values, naming both students', () => {
    expect(refusal({ programmes, students: [...students, { id: 's3', lottery: 0.4172, choices: [] }] })).toEqual([
      'students[2].lottery: ученик «s3»: такой же жребий 0.4172, как у ученика «s1» (students[0]); жребии должны различаться',
    ]);
  });

  it('refuses repeated ids and problems in priority lists', () => {
    expect(
      refusal({
        programmes: [...programmes, { id: 'p1', capacity: 1 }, { id: 'p3', capacity: 1, priority: ['s1', 'ghost', 's1', 7] }],
        students: [...students, { id: 's1', lottery: 0.9, choices: [] }],
      }),
    ).toEqual(['programmes[2].id: программа «p1» уже описана в programmes[0]', 'students[2].id: ученик «s1» уже описан в students[0]']);
    expect(refusal({ programmes: [...programmes, { id: 'p3', capacity: 1, priority: ['s1', 'ghost', 's1', 7] }], students })).toEqual([
      'programmes[2].priority[1]: программа «p3»: в приоритете неизвестный ученик «ghost»',
      'programmes[2].priority[2]: программа «p3»: ученик «s1» уже указан в приоритете (priority[0])',
      'programmes[2].priority[3]: программа «p3»: в приоритете ожидается идентификатор ученика, а не 7',
    ]);
  });

  it('refuses a malformed shape, field by field', () => {
    expect(refusal([])).toEqual(['$: ожидается объект с полями "programmes" (программы) и "students" (ученики)']);
    expect(refusal(null)).toEqual(['$: ожидается объект с полями "programmes" (программы) и "students" (ученики)']);
    expect(refusal({ programmes: {} })).toEqual(['programmes: ожидается список программ, а не {}', 'students: ожидается список учеников, а не ничего (поле не указано)']);
    expect(
      refusal({
        programmes: ['p1', { capacity: 1 }, { id: 'p3', capacity: 1, priority: 's1' }],
        students: [7, { id: '', lottery: 0.5, choices: [] }, { id: 's2', lottery: '0.5', choices: 'p3' }, { id: 's3', lottery: 0.7, choices: [null] }, { id: 's4', choices: [] }],
      }),
    ).toEqual([
      'programmes[0]: ожидается объект программы { "id", "capacity", "priority" }, а не "p1"',
      'programmes[1].id: у программы нет идентификатора: ожидается непустая строка, а не ничего (поле не указано)',
      'programmes[2].priority: программа «p3»: приоритет — список идентификаторов учеников, а не "s1"',
      'students[0]: ожидается объект ученика { "id", "lottery", "choices" }, а не 7',
      'students[1].id: у ученика нет идентификатора: ожидается непустая строка, а не ""',
      'students[2].lottery: ученик «s2»: жребий — число, а не "0.5"',
      'students[2].choices: ученик «s2»: выбор — список идентификаторов программ (может быть пустым), а не "p3"',
      'students[3].choices[0]: ученик «s3»: ожидается идентификатор программы, а не null',
      'students[4].lottery: ученик «s4»: жребий — число, а не ничего (поле не указано)',
    ]);
  });

  it('keeps the first MAX_ISSUES problems and counts the rest', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ id: `s${i}`, lottery: i, choices: ['nowhere'] }));
    try {
      compileInstance({ programmes: [], students: many });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AllocationInputError);
      const { issues, total, message } = error as AllocationInputError;
      expect(issues).toHaveLength(MAX_ISSUES);
      expect(total).toBe(120);
      expect(message).toBe('students[0].choices[0]: ученик «s0»: неизвестная программа «nowhere» (и ещё ошибок: 119)');
    }
  });

  it('ignores extra fields and accepts a programme without a priority list', () => {
    expect(runAllocation(compileInstance({ comment: 'весна', programmes: [{ id: 'p', capacity: 1, name: 'Робототехника' }], students: [{ id: 's', lottery: 0.5, choices: ['p'], grade: 5 }] })).stats.assigned).toBe(1);
  });
});

describe('allocationResultJson', () => {
  const json = (text: string) => JSON.parse(text);

  it('writes valid JSON with the assignment, the statistics and, when asked, the explanations', () => {
    const outcome = runAllocation(compileInstance(example));
    const result = json(allocationResultJson(outcome, { explain: true }));
    expect(result.assignment).toEqual({ s1: 'B', s2: 'B', s3: 'A', s4: null, s5: null });
    expect(result.stats).toEqual(JSON.parse(JSON.stringify(outcome.stats)));
    expect(result.explanations.s1).toEqual({ programme: 'B', choice: 2, passedOver: [{ programme: 'A', choice: 1, seats: 1, own: { priority: null, lottery: 0.1 }, lastAdmitted: { priority: 1, lottery: 0.9 } }] });
    expect(json(allocationResultJson(outcome)).explanations).toBeUndefined();
    expect(json(allocationResultJson(runAllocation(compileInstance({ programmes: [], students: [] })), { explain: true }))).toMatchObject({ assignment: {}, stats: { byProgramme: {} }, explanations: {} });
  });

  it('writes any id correctly: quotes, backslashes, control characters, Cyrillic, emoji', () => {
    const ids = ['ученик «1»', 'say "hi"', 'back\\slash', 'tab\tand\nline', '🎓', 'plain-7'];
    const instance = {
      programmes: [{ id: 'Робототехника "юниор"', capacity: 3 }, { id: 'p\\2', capacity: 2 }],
      students: ids.map((id, i) => ({ id, lottery: i, choices: i % 2 ? ['p\\2', 'Робототехника "юниор"'] : ['Робототехника "юниор"'] })),
    };
    const outcome = runAllocation(compileInstance(instance));
    const result = json(allocationResultJson(outcome, { explain: true }));
    expect(result.assignment).toEqual(assignmentById(outcome.instance, outcome.allocation));
    expect(Object.keys(result.assignment)).toEqual(ids);
    expect(Object.keys(result.stats.byProgramme)).toEqual(['Робототехника "юниор"', 'p\\2']);
    expect(Object.keys(result.explanations)).toEqual(ids);
  });
});

describe('parseInstance', () => {
  it('reads JSON text', () => {
    expect(assignmentById(parseInstance(JSON.stringify(example)), allocate(parseInstance(JSON.stringify(example))))).toEqual({ s1: 'B', s2: 'B', s3: 'A', s4: null, s5: null });
  });

  it('accepts a byte order mark, as some editors write one', () => {
    expect(parseInstance(`\ufeff${JSON.stringify(example)}`).studentIds).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(() => parseInstance('\ufeff{"programmes": [,]}')).toThrow('$: файл не является корректным JSON: строка 1, столбец 17: неожиданный символ ","');
  });

  it('refuses text that is not JSON, with the line and column', () => {
    expect(() => parseInstance('')).toThrow('$: файл не является корректным JSON: файл пуст');
    expect(() => parseInstance('{\n  "programmes": [,]\n}')).toThrow(/^\$: файл не является корректным JSON: строка 2, столбец 18: неожиданный символ ","$/);
    expect(() => parseInstance('{"programmes": [], "students": [{"id": "s1"')).toThrow(/^\$: файл не является корректным JSON: строка 1, столбец 44: неожиданный конец файла$/);
  });

  it('finds where broken JSON goes wrong exactly when JSON.parse refuses it', () => {
    const random = seededRandom(17);
    const text = JSON.stringify({ a: [1, -2.5e3, 'x\\"\u00e9\n', true, false, null, { b: [] }], c: {} }, null, 1);
    const junk = ['', ',', ']', '}', '"', '\\', 'x', '0', '-', '.', 'e', ' ', ':', '{', '[', 'tru', '\u0001'];
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const at = Math.floor(random() * (text.length + 1));
      const cut = Math.floor(random() * 3);
      const broken = text.slice(0, at) + junk[Math.floor(random() * junk.length)] + text.slice(at + cut);
      let parses = true;
      try {
        JSON.parse(broken);
      } catch {
        parses = false;
        refused++;
      }
      expect(jsonErrorOffset(broken) === null).toBe(parses);
    }
    expect(refused).toBeGreaterThan(1000);
  });
});
