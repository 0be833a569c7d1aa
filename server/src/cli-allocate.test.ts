import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `orbita allocate` run as people run it: a child process on files in a temporary directory. */
const directory = mkdtempSync(path.join(tmpdir(), 'orbita-allocate-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const bin = path.resolve(import.meta.dirname, '../../bin/orbita.mjs');

function orbita(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: directory, maxBuffer: 2 ** 24 }, (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }));
  });
}

const file = (name: string, content: unknown) => {
  const where = path.join(directory, name);
  writeFileSync(where, typeof content === 'string' ? content : JSON.stringify(content));
  return where;
};

const instance = {
  programmes: [
    { id: 'p1', capacity: 1, priority: ['s3'] },
    { id: 'p2', capacity: 2 },
  ],
  students: [
    { id: 's1', lottery: 0.4172, choices: ['p1', 'p2'] },
    { id: 's2', lottery: 0.1, choices: ['p2'] },
    { id: 's3', lottery: 0.9, choices: ['p1'] },
    { id: 's4', lottery: 0.2, choices: ['p2'] },
  ],
};

describe('orbita allocate', () => {
  it('writes the result to --out and a summary to stderr', async () => {
    const out = path.join(directory, 'result.json');
    const { code, stdout, stderr } = await orbita('allocate', file('good.json', instance), '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.assignment).toEqual({ s1: null, s2: 'p2', s3: 'p1', s4: 'p2' });
    expect(result.stats).toMatchObject({ students: 4, assigned: 3, unassigned: 1, seats: 3, firstChoiceShare: 0.75, programmesFull: 2 });
    expect(result.stats.byProgramme.p2).toEqual({ capacity: 2, applicants: 3, firstChoiceApplicants: 2, admitted: 2, fillRate: 1, cutoff: { priority: null, lottery: 0.2 } });
    expect(result.explanations).toBeUndefined();
    expect(stderr).toContain('Распределено: учеников 4, программ 2, мест 3, выборов 5.');
    expect(stderr).toContain('Зачислено 3, без места 1; по первому выбору — 75 %');
    expect(stderr).toContain(`Результат записан в ${out}.`);
  });

  it('prints the result to stdout without --out, with explanations when asked', async () => {
    const { code, stdout } = await orbita('allocate', file('good.json', instance), '--explain');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.assignment.s1).toBeNull();
    expect(result.explanations.s1).toEqual({
      programme: null,
      choice: null,
      passedOver: [
        { programme: 'p1', choice: 1, seats: 1, own: { priority: null, lottery: 0.4172 }, lastAdmitted: { priority: 1, lottery: 0.9 } },
        { programme: 'p2', choice: 2, seats: 2, own: { priority: null, lottery: 0.4172 }, lastAdmitted: { priority: null, lottery: 0.2 } },
      ],
    });
  });

  it('refuses a wrong instance with exit code 2, naming every problem', async () => {
    const bad = {
      programmes: [{ id: 'p1', capacity: -1 }],
      students: [
        { id: 's1', lottery: 0.5, choices: ['p1', 'p7'] },
        { id: 's2', lottery: 0.5, choices: ['p1', 'p1'] },
      ],
    };
    const out = path.join(directory, 'not-written.json');
    const { code, stdout, stderr } = await orbita('allocate', file('bad.json', bad), '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      '  programmes[0].capacity: программа «p1»: число мест не может быть отрицательным (-1)',
      '  students[0].choices[1]: ученик «s1»: неизвестная программа «p7»',
      '  students[1].choices[1]: ученик «s2»: программа «p1» выбрана дважды (уже в choices[0])',
      'Задача распределения не принята: ошибок: 3; ничего не записано.',
    ]);
    expect(() => readFileSync(out)).toThrow();
  });

  it('refuses a file that is not JSON or not there, with exit code 2', async () => {
    const broken = await orbita('allocate', file('broken.json', '{"programmes": [], "students": [}'));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('$: файл не является корректным JSON: строка 1, столбец 33: неожиданный символ "}"');
    const missing = await orbita('allocate', 'nowhere.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('Файл не прочитан: nowhere.json: файл или каталог не найден');
    const lottery = await orbita('allocate', file('duplicate-lottery.json', { programmes: [], students: [{ id: 'a', lottery: 1, choices: [] }, { id: 'b', lottery: 1, choices: [] }] }));
    expect(lottery.code).toBe(2);
    expect(lottery.stderr).toContain('students[1].lottery: ученик «b»: такой же жребий 1, как у ученика «a» (students[0]); жребии должны различаться');
  });
});
