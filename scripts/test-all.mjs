#!/usr/bin/env node
// `npm test`: the whole suite on the embedded database, again on PostgreSQL when TEST_DATABASE_URL is set,
// and the browser tests when Chromium is installed — on this Node and then on every other Node binary listed in
// TEST_ALSO_ON_NODE (paths separated by ':'); ends with one line "N passed, N failed" counting every run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const phases = [{ key: 'pglite', name: 'PGlite', args: [], env: { TEST_DATABASE_URL: '' } }];
if (process.env.TEST_DATABASE_URL) phases.push({ key: 'postgres', name: 'PostgreSQL', args: [], env: {} });
if (existsSync(chromium)) phases.push({ key: 'browser', name: 'браузер (Chromium)', args: ['--config', 'e2e/vitest.config.ts'], env: { TEST_DATABASE_URL: '' } });
else console.warn(`Chromium не найден (${chromium}): браузерные тесты пропущены. Установите: apt-get install -y chromium`);
const runtimes = [process.execPath, ...(process.env.TEST_ALSO_ON_NODE ?? '').split(path.delimiter).filter(Boolean)];
// The other runtimes repeat every phase unless TEST_ALSO_ON_NODE_PHASES names some (pglite, postgres, browser).
const alsoPhases = (process.env.TEST_ALSO_ON_NODE_PHASES ?? '').split(',').map((key) => key.trim()).filter(Boolean);
const phasesOn = (runtimeIndex) => (runtimeIndex === 0 || alsoPhases.length === 0 ? phases : phases.filter((phase) => alsoPhases.includes(phase.key)));

const outDir = mkdtempSync(path.join(tmpdir(), 'orbita-test-'));
let passed = 0;
let failed = 0;
const failures = [];
const extra = process.argv.slice(2);
for (const [runtimeIndex, runtime] of runtimes.entries()) {
  const version = spawnSync(runtime, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (!version) {
    console.error(`\nNode ${runtime} не запускается: тесты на нём не выполнены.`);
    failed += 1;
    continue;
  }
  // The phase's Node comes first on PATH, so whatever the tests start by name (node, npx) runs on it too.
  const env = { ...process.env, PATH: `${path.dirname(runtime)}${path.delimiter}${process.env.PATH ?? ''}` };
  for (const [index, phase] of phasesOn(runtimeIndex).entries()) {
    const name = `${phase.name}, Node ${version}`;
    console.log(`\n=== Тесты: ${name} ===`);
    const report = path.join(outDir, `report-${runtimeIndex}-${index}.json`);
    const run = spawnSync(runtime, [vitest, 'run', ...phase.args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
      cwd: root,
      stdio: 'inherit',
      env: { ...env, ...phase.env },
    });
    if (!existsSync(report)) {
      console.error(`Набор «${name}» не запустился (код ${run.status}).`);
      failed += 1;
      continue;
    }
    const result = JSON.parse(readFileSync(report, 'utf8'));
    passed += result.numPassedTests;
    // A file that fails to load counts as a failure even though it ran no test.
    failed += result.numFailedTests + (result.numFailedTestSuites && !result.numFailedTests ? result.numFailedTestSuites : 0);
    if (run.status !== 0 && result.numFailedTests === 0 && !result.numFailedTestSuites) failed += 1;
    for (const file of result.testResults ?? []) {
      const where = path.relative(root, file.name);
      if (file.status === 'failed' && !file.assertionResults?.some((test) => test.status === 'failed')) failures.push(`${name}: ${where}: ${file.message ?? ''}`.slice(0, 300));
      for (const test of file.assertionResults ?? []) {
        if (test.status === 'failed') failures.push(`${name}: ${where} › ${test.fullName}: ${(test.failureMessages?.[0] ?? '').split('\n')[0]}`.slice(0, 300));
      }
    }
  }
}
// CI keeps only the tail of the output, so the failures are named again right above the count.
if (failures.length) console.log(`\nНе прошли:\n${failures.map((line) => `- ${line}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
