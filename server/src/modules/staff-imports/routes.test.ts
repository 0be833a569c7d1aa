import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { multipartPayload } from '../../../test/policy-matrix';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(() => t?.close());

describe('staff import over HTTP', () => {
  it('previews an organisation’s list, commits it with 202 and answers its progress and delivery', async () => {
    const head = await t.signIn('orgAdmin');
    const { payload, headers } = multipartPayload('staff.csv', 'ФИО;Эл. почта;Роль\nПетрова Анна;petrova.http@school.test;педагог\nОрлов Олег;;учитель\n');
    const upload = (url: string, content = payload) =>
      t.app.inject({ method: 'POST', url, payload: content, headers: { ...headers, cookie: head.cookie, 'x-csrf-token': head.csrfToken } });

    const bad = await upload(`/api/organizations/${t.fixtures.ownOrganizationId}/staff/imports`);
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json()).toMatchObject({ total: 2, toInvite: 1, toAddRole: 0, errors: [{ row: 3, column: 'Эл. почта' }] });
    expect((await t.call('POST', `/api/staff-imports/${bad.json().id}/commit`, { session: head })).statusCode).toBe(409);

    const good = await upload(`/api/organizations/${t.fixtures.ownOrganizationId}/staff/imports`, multipartPayload('staff.csv', 'ФИО;Эл. почта;Роль\nПетрова Анна;petrova.http@school.test;педагог\n').payload);
    const id = good.json().id;
    const started = await t.call('POST', `/api/staff-imports/${id}/commit`, { session: head });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ id, status: 'running', delivery: { sent: 0, waiting: 0, failed: 0 } });

    let state = started.json();
    for (let poll = 0; poll < 100 && state.status === 'running'; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = (await t.call('GET', `/api/staff-imports/${id}`, { session: head })).json();
    }
    expect(state).toMatchObject({ status: 'done', processed: 1, toInvite: 1, delivery: { sent: 0, waiting: 1, failed: 0 } });

    const operator = await t.signIn('operator');
    const noFile = await t.call('POST', '/api/staff-imports', { session: operator, body: {} });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().detail).toMatch(/Приложите файл/);
  });
});
