import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';

describe('audit log browsing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('filters by a period given as instants, and refuses a period outside the calendar it can store', async () => {
    const operator = await t.signIn('operator');
    const now = Date.now();
    const around = await t.call('GET', `/api/audit?from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now + 60_000).toISOString()}`, { session: operator });
    expect(around.statusCode).toBe(200);
    expect(around.json().items.map((e: { action: string }) => e.action)).toContain('auth.sign_in');
    const future = await t.call('GET', `/api/audit?from=${new Date(now + 3_600_000).toISOString()}`, { session: operator });
    expect(future.json().total).toBe(0);

    const year0 = await t.call('GET', '/api/audit?from=0000-01-01T00:00:00Z', { session: operator });
    expect(year0.statusCode).toBe(400);
    expect(year0.json().detail).toContain('Начало периода');
  });
});
