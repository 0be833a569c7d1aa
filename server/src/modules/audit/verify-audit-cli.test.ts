import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `orbita verify audit` run as an operator runs it, on an embedded database in a temporary data directory. */
const dataDir = mkdtempSync(path.join(tmpdir(), 'orbita-verify-audit-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const bin = path.resolve(import.meta.dirname, '../../../../bin/orbita.mjs');

function orbita(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ORBITA_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: dataDir, env }, (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }));
  });
}

describe('orbita verify audit', () => {
  it('passes an intact log, and fails against a published head the log no longer reaches', async () => {
    const intact = await orbita('verify', 'audit', '--head', `0:${'0'.repeat(64)}`);
    expect(intact.stdout, intact.stderr).toContain('Нарушений нет: цепочка журнала аудита сходится.');
    expect(intact.code).toBe(0);

    mkdirSync(path.join(dataDir, 'audit-heads'), { recursive: true });
    writeFileSync(path.join(dataDir, 'audit-heads', '2026-01-01.txt'), `2026-01-01T09:00:00.000Z seq=3 entry=3 sha256=${'a'.repeat(64)}\n`);
    const truncated = await orbita('verify', 'audit');
    expect(truncated.code).toBe(2);
    expect(truncated.stdout).toContain(`Опубликованная вершина: № 3, ${'a'.repeat(64)}.`);
    expect(truncated.stderr).toContain('Опубликованной вершины — записи № 3 — в журнале нет: журнал усечён после публикации.');

    const bad = await orbita('verify', 'audit', '--head', 'вершина');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Ошибка в параметрах');
  }, 120_000);
});
