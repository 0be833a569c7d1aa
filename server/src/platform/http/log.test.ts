import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database';
import { type Fixtures, seedFixtures } from '../../../test/fixtures';
import { sessionOf } from '../../../test/policy-matrix';
import type { TestApp } from '../../../test/app';
import { loadConfig } from '../config';
import type { DatabaseHandle } from '../db/client';
import { buildApp } from './app';
import type { App } from './route-kit';

/**
 * The log keeps what a failure needs (SQL text, SQLSTATE, route, ids) and nothing a person typed: a query
 * that fails with a child's name and birth date among its parameters must leave neither in any log line.
 */
describe('server log', () => {
  let handle: DatabaseHandle;
  let fixtures: Fixtures;
  let app: App;
  const lines: string[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase();
    fixtures = await seedFixtures(handle.db);
    app = await buildApp(handle, { ...loadConfig({}), logLevel: 'info' }, { logStream: { write: (line: string) => void lines.push(line) } });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
  });

  const child = { fullName: 'Секретова Алиса Тайновна', birthDate: '2015-04-03', grade: 4 };
  const personal = [child.fullName, 'Секретова', child.birthDate];

  async function addChild() {
    const session = (await sessionOf({ handle, fixtures } as TestApp, 'guardian'))!;
    return app.inject({ method: 'POST', url: '/api/children?q=Секретова', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, payload: child });
  }

  it('logs a refused constraint by its SQLSTATE and constraint, without the values', async () => {
    await handle.db.execute(sql.raw(`alter table children add constraint log_test_refuses check (full_name <> 'Секретова Алиса Тайновна')`));
    lines.length = 0;
    const response = await addChild();
    expect(response.statusCode).toBe(409);
    expect(response.json().title).toBe('Конфликт изменений');
    const log = lines.join('');
    expect(log).toContain('"sqlState":"23514"');
    expect(log).toContain('log_test_refuses');
    for (const value of personal) expect(log).not.toContain(value);
    await handle.db.execute(sql.raw('alter table children drop constraint log_test_refuses'));
  });

  it('logs a failed query as SQL without parameters, and requests by route without query or body', async () => {
    await handle.db.execute(sql.raw('alter table children rename column birth_date to birth_date_moved'));
    lines.length = 0;
    const response = await addChild();
    expect(response.statusCode).toBe(500);
    const log = lines.join('');
    expect(log).toContain('"sqlState":"42703"');
    expect(log).toContain('insert into \\"children\\"');
    expect(log).toContain('"route":"/api/children"');
    for (const value of personal) expect(log).not.toContain(value);
    expect(log).not.toContain('params:');
    expect(log).not.toContain('orbita_session');
  });
});
