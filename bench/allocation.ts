/**
 * How long allocating seats takes at national scale (issue 5), and how it compares with the plain reference.
 *
 *   node --expose-gc --import tsx bench/allocation.ts [--students 563000] [--programmes 7900] [--choices 2250000] [--runs 5] [--reference 100000] [--keep FILE]
 *
 * Generates an instance the size of Chile's national school-choice run — students and programmes in 345
 * communes of skewed size, each student choosing about four programmes mostly in their own commune, the
 * popular ones far more often, seats in total about the number of students, priority lists for siblings
 * and a school's own pupils — and writes it to a temporary JSON file. Each run then starts a fresh Node
 * process that reads the file, checks and compiles it, allocates, verifies stability and counts the
 * statistics (JSON.parse and `compileInstance`, as `orbita allocate` does), reporting wall and CPU time
 * of each step and the process's peak RSS. Then it times the whole command, `orbita allocate FILE --out
 * RESULT`, from process start to exit. Last, side by side in one process on `--reference` students: the
 * allocation against the plain reference (`allocation.testkit.ts`), both from the parsed instance,
 * checking that they give the same assignment. `--keep FILE` keeps the generated instance there
 * (to try `orbita allocate` on it); otherwise it is deleted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type AllocationInstance, type AllocationProgramme, type AllocationStudent, allocate, allocationStats, assignmentById, compileInstance, verifyAllocation } from '../server/src/algorithms/allocation';
import { referenceAllocation } from '../server/src/algorithms/allocation.testkit';
import { seededRandom } from '../server/src/seed/synthetic-organizations';

function argument(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * A national-scale instance. Communes have log-normal sizes; programmes and students are spread over
 * them in proportion. A programme's popularity is log-normal too (a few schools everybody wants). A
 * student makes 1 + a geometric number of choices (mean `choices / students`), each in their own commune
 * with chance 0.85, else in a nearby one, drawn by popularity, topped up to exactly `choices`. Seats:
 * 20–120 per programme times the square root of its popularity, scaled so the total is about the number
 * of students; 0.5 % of programmes have none. Priorities: about 8 % of students
 * have a sibling at their first choice and 12 % are a school's own pupils; a programme lists its
 * siblings first, then its own pupils, and the lists also name own pupils who did not apply there.
 */
function nationalInstance(studentCount: number, programmeCount: number, choiceCount: number, seed: number): AllocationInstance {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const communeCount = Math.max(1, Math.min(345, Math.round(programmeCount / 20)));
  const communeWeight = Array.from({ length: communeCount }, () => Math.exp(1.1 * gaussian()));
  const cumulative = (weights: number[]) => {
    const sums = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => (sums[i] = total += w));
    return sums;
  };
  const pick = (sums: Float64Array) => {
    const target = random() * sums[sums.length - 1];
    let low = 0;
    let high = sums.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sums[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const communeSums = cumulative(communeWeight);

  // Programmes by commune, each with a popularity.
  const programmesOf: number[][] = Array.from({ length: communeCount }, () => []);
  for (let j = 0; j < programmeCount; j++) programmesOf[j < communeCount ? j : pick(communeSums)].push(j);
  const popularity = Array.from({ length: programmeCount }, () => Math.exp(0.8 * gaussian()));
  const popularitySums = programmesOf.map((list) => cumulative(list.map((j) => popularity[j])));
  const chooseIn = (commune: number) => programmesOf[commune][pick(popularitySums[commune])];

  const mean = choiceCount / studentCount;
  const extraChoice = 1 - 1 / mean; // 1 + geometric(extraChoice) has this mean (before the cap of 15)
  const order = Int32Array.from({ length: studentCount }, (_, i) => i);
  for (let i = studentCount - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  /** One more distinct choice, in the student's commune with chance 0.85, else nearby, by popularity; false if none found. */
  const addChoice = (choices: number[], commune: number) => {
    const near = random() < 0.85 ? commune : Math.min(communeCount - 1, Math.max(0, commune + Math.round(3 * gaussian())));
    const j = chooseIn(near);
    if (choices.includes(j)) return false;
    choices.push(j);
    return true;
  };
  const communeOf = new Int32Array(studentCount);
  const chosen: number[][] = new Array(studentCount);
  const siblings: string[][] = Array.from({ length: programmeCount }, () => []);
  const ownPupils: string[][] = Array.from({ length: programmeCount }, () => []);
  const students: AllocationStudent[] = new Array(studentCount);
  for (let i = 0; i < studentCount; i++) {
    const commune = pick(communeSums);
    communeOf[i] = commune;
    let wanted = 1;
    while (wanted < 15 && random() < extraChoice) wanted++;
    const choices: number[] = [];
    for (let attempt = 0; choices.length < wanted && attempt < 10 * wanted; attempt++) addChoice(choices, commune);
    chosen[i] = choices;
  }
  // Top up to exactly `choiceCount` (the cap and repeats lose a few): one more choice for random students.
  let total = chosen.reduce((sum, list) => sum + list.length, 0);
  for (let attempt = 0; total < choiceCount && attempt < 100 * choiceCount; attempt++) {
    const i = Math.floor(random() * studentCount);
    if (chosen[i].length < 15 && addChoice(chosen[i], communeOf[i])) total++;
  }
  for (let i = 0; i < studentCount; i++) {
    const id = `s${i}`;
    const choices = chosen[i];
    if (random() < 0.08) siblings[choices[0]].push(id);
    if (random() < 0.12) ownPupils[random() < 0.6 ? choices[Math.floor(random() * choices.length)] : chooseIn(communeOf[i])].push(id);
    const lottery = Math.round(((order[i] + 0.25 + 0.5 * random()) / studentCount) * 1e9) / 1e9;
    students[i] = { id, lottery, choices: choices.map((j) => `p${j}`) };
  }

  // Popular schools are bigger: seats grow with the square root of popularity.
  const raw = popularity.map((p) => (20 + random() * 100) * Math.sqrt(p));
  const scale = studentCount / raw.reduce((sum, c) => sum + c, 0);
  const programmes: AllocationProgramme[] = raw.map((c, j) => {
    const programme: AllocationProgramme = { id: `p${j}`, capacity: random() < 0.005 ? 0 : Math.max(1, Math.round(c * scale)) };
    const listed = [...siblings[j], ...ownPupils[j]];
    if (listed.length) programme.priority = [...new Set(listed)];
    return programme;
  });
  return { programmes, students };
}

/** Writes the instance as one JSON document, a student per line, without building one giant string first. */
function writeInstance(file: string, instance: AllocationInstance) {
  const parts: string[] = ['{"programmes":[\n', instance.programmes.map((p) => JSON.stringify(p)).join(',\n'), '\n],"students":[\n'];
  for (let i = 0; i < instance.students.length; i += 50_000) parts.push((i ? ',\n' : '') + instance.students.slice(i, i + 50_000).map((s) => JSON.stringify(s)).join(',\n'));
  parts.push('\n]}\n');
  writeFileSync(file, parts.join(''));
}

interface Measurement {
  readMs: number;
  parseMs: number;
  compileMs: number;
  allocateMs: number;
  verifyMs: number;
  statsMs: number;
  totalMs: number;
  totalCpuMs: number;
  maxRssMb: number;
  summary: string;
}

/** In a fresh process: read, parse, check and compile, allocate, verify, count. Prints one JSON line. */
function measure(file: string) {
  const cpu = cpuNow();
  let t = performance.now();
  const start = t;
  const times: number[] = [];
  const lap = () => {
    const now = performance.now();
    times.push(now - t);
    t = now;
  };
  let instance;
  const text = readFileSync(file, 'utf8');
  lap();
  const data: unknown = JSON.parse(text);
  lap();
  instance = compileInstance(data);
  lap();
  const allocation = allocate(instance);
  lap();
  const problems = verifyAllocation(instance, allocation);
  lap();
  const stats = allocationStats(instance, allocation);
  lap();
  if (problems.length) throw new Error(problems.join('\n'));
  const result: Measurement = {
    readMs: times[0],
    parseMs: times[1],
    compileMs: times[2],
    allocateMs: times[3],
    verifyMs: times[4],
    statsMs: times[5],
    totalMs: performance.now() - start,
    totalCpuMs: cpuNow() - cpu,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    summary: `${stats.assigned.toLocaleString('en')} assigned, ${stats.unassigned.toLocaleString('en')} unassigned, ${(100 * stats.firstChoiceShare).toFixed(1)} % first choice, ${(100 * stats.topThreeShare).toFixed(1)} % top 3, ${stats.programmesFull.toLocaleString('en')} programmes full, fill ${(100 * stats.fillRate).toFixed(1)} %`,
  };
  console.log(JSON.stringify(result));
}

const measureIndex = process.argv.indexOf('--measure');
if (measureIndex >= 0) {
  measure(process.argv[measureIndex + 1]);
} else {
  const studentCount = argument('students', 563_000);
  const programmeCount = argument('programmes', 7_900);
  const choiceCount = argument('choices', 2_250_000);
  const runs = argument('runs', 5);
  const referenceStudents = argument('reference', 100_000);
  const directory = mkdtempSync(path.join(tmpdir(), 'orbita-allocation-'));
  try {
    let started = performance.now();
    const keepIndex = process.argv.indexOf('--keep');
    const file = keepIndex >= 0 ? path.resolve(process.argv[keepIndex + 1]) : path.join(directory, 'instance.json');
    // Generated and written in a function of its own, so that the half a million objects are garbage
    // afterwards and do not slow down the collector during the comparison below.
    const { choices, priorities, seats } = (() => {
      const instance = nationalInstance(studentCount, programmeCount, choiceCount, 2026);
      writeInstance(file, instance);
      return {
        choices: instance.students.reduce((sum, s) => sum + s.choices.length, 0),
        priorities: instance.programmes.reduce((sum, p) => sum + (p.priority?.length ?? 0), 0),
        seats: instance.programmes.reduce((sum, p) => sum + p.capacity, 0),
      };
    })();
    console.log(
      `instance: ${studentCount.toLocaleString('en')} students, ${programmeCount.toLocaleString('en')} programmes, ${choices.toLocaleString('en')} choices, ${seats.toLocaleString('en')} seats, ${priorities.toLocaleString('en')} priority entries; ${(statSync(file).size / 2 ** 20).toFixed(1)} MB of JSON (generated in ${seconds(performance.now() - started)} s)`,
    );

    // Fresh processes: the file read, checked, allocated and verified, with the peak RSS of just that.
    const rows: string[] = [];
    const row = (...cells: string[]) => {
      const line = `| ${cells.join(' | ')} |`;
      console.log(line);
      rows.push(line);
    };
    {
      const measurements: Measurement[] = [];
      for (let run = 0; run < runs; run++) {
        const child = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, 'allocation.ts'), '--measure', file], { encoding: 'utf8', maxBuffer: 2 ** 24 });
        if (child.status !== 0) throw new Error(`measurement failed: ${child.stderr}`);
        measurements.push(JSON.parse(child.stdout.trim().split('\n').pop()!));
      }
      const m = (key: keyof Omit<Measurement, 'summary'>) => median(measurements.map((x) => x[key]));
      row(
        'read (JSON.parse) + check + allocate + verify + statistics, as `orbita allocate`, fresh process',
        studentCount.toLocaleString('en'),
        programmeCount.toLocaleString('en'),
        choices.toLocaleString('en'),
        `**${seconds(m('totalMs'))}** (CPU ${seconds(m('totalCpuMs'))}): read ${seconds(m('readMs'))}, JSON.parse ${seconds(m('parseMs'))}, check + compile ${seconds(m('compileMs'))}, allocate ${seconds(m('allocateMs'))}, verify ${seconds(m('verifyMs'))}, statistics ${seconds(m('statsMs'))}`,
        `${Math.round(m('maxRssMb'))}`,
        measurements[0].summary,
      );
    }

    // The command as people run it: process start (tsx), reading, everything above, writing the result.
    const commandSeconds: number[] = [];
    const out = path.join(directory, 'result.json');
    for (let run = 0; run < runs; run++) {
      started = performance.now();
      execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../bin/orbita.mjs'), 'allocate', file, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      commandSeconds.push(performance.now() - started);
    }
    row(
      '`orbita allocate FILE --out RESULT`, start to exit',
      studentCount.toLocaleString('en'),
      programmeCount.toLocaleString('en'),
      choices.toLocaleString('en'),
      `${seconds(median(commandSeconds))} (result ${(statSync(out).size / 2 ** 20).toFixed(1)} MB)`,
      '',
      '',
    );

    // Side by side in this process, both from the parsed instance: the allocation against the plain reference.
    const scale = referenceStudents / studentCount;
    // As read from a file: JSON.parse makes equal short ids one string, which the generator's template strings are not.
    const small = JSON.parse(JSON.stringify(nationalInstance(referenceStudents, Math.max(1, Math.round(programmeCount * scale)), Math.round(choiceCount * scale), 7))) as AllocationInstance;
    const smallChoices = small.students.reduce((sum, s) => sum + s.choices.length, 0);
    const compileTimes: number[] = [];
    const allocateTimes: number[] = [];
    const plain: number[] = [];
    let same = true;
    // Three untimed rounds first, so both sides are fully compiled by the JIT (the first runs of `allocate`
    // take two or three times longer); the one-shot, cold figure is the fresh-process one above.
    for (let run = -3; run < runs; run++) {
      globalThis.gc?.();
      const compileStart = performance.now();
      const compiled = compileInstance(small);
      const compiledAt = performance.now();
      const allocation = allocate(compiled);
      const allocatedAt = performance.now();
      const assignment = assignmentById(compiled, allocation);
      globalThis.gc?.();
      const referenceStart = performance.now();
      const reference = referenceAllocation(small);
      const referenceAt = performance.now();
      same &&= small.students.every((s) => assignment[s.id] === reference[s.id]);
      if (run < 0) continue;
      compileTimes.push(compiledAt - compileStart);
      allocateTimes.push(allocatedAt - compiledAt);
      plain.push(referenceAt - referenceStart);
    }
    const fast = compileTimes.map((t, run) => t + allocateTimes[run]);
    row(
      'deferred acceptance: ours on the compiled instance vs the plain reference (rounds, objects, sorting)',
      referenceStudents.toLocaleString('en'),
      small.programmes.length.toLocaleString('en'),
      smallChoices.toLocaleString('en'),
      `${(median(allocateTimes) / 1000).toFixed(3)} vs ${seconds(median(plain))} — **${Math.round(median(plain) / median(allocateTimes))}× faster**`,
      '',
      `same assignment: ${same ? 'yes' : 'NO'}`,
    );
    row(
      'the same including checking and compiling the parsed instance (ids to integers, ranks)',
      referenceStudents.toLocaleString('en'),
      small.programmes.length.toLocaleString('en'),
      smallChoices.toLocaleString('en'),
      `${(median(fast) / 1000).toFixed(3)} (check + compile ${(median(compileTimes) / 1000).toFixed(3)}) vs ${seconds(median(plain))} — **${Math.round(median(plain) / median(fast))}× faster**`,
      '',
      '',
    );
    if (!same) process.exitCode = 1;
    console.log(`\n| measurement | students | programmes | choices | median wall s (CPU s), ${runs} runs | peak RSS MB | result |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
