import { describe, expect, it } from 'vitest';
import { startEmbeddedEngine } from './client';

describe('the embedded engine', () => {
  it('reports its thread’s death once, so a server can exit and be restarted, and refuses connections after it', async () => {
    const failures: string[] = [];
    const engine = await startEmbeddedEngine(null, (error) => failures.push(error.message));
    await engine.thread.terminate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toEqual([expect.stringContaining('Встроенная база данных остановилась')]);
    const connection = engine.connection();
    const error = new Promise<Error>((resolve) => connection.once('error', resolve));
    (connection as unknown as { connect(): void }).connect();
    expect((await error).message).toContain('остановилась');
  });

  it('does not report a stop it was asked for', async () => {
    const failures: Error[] = [];
    const engine = await startEmbeddedEngine(null, (error) => failures.push(error));
    await engine.stop();
    expect(failures).toEqual([]);
  });
});
