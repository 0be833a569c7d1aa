import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { insertPractice } from './practice.testkit';

describe('practices: a partial edit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('changes only what it names: the problem, conditions, results, evidence, tags and authors left out stay', async () => {
    const practice = await insertPractice(t, t.fixtures.ownOrganizationId, { publish: true, input: { authors: [{ name: 'Петрова Анна Сергеевна' }] } });
    const response = await t.call('PATCH', `/api/practices/${practice.id}`, { session: await t.signIn('orgAdmin'), body: { version: practice.version, title: 'Проектная деятельность: новая редакция' } });
    expect(response.statusCode, response.body).toBe(200);
    const edited = response.json();
    const before = practice.published!;
    expect(edited.working).toMatchObject({ title: 'Проектная деятельность: новая редакция', problem: before.problem, conditions: before.conditions, results: before.results, evidence: before.evidence, tags: before.tags });
    expect(edited.authors.map((a: { name: string }) => a.name)).toEqual(['Петрова Анна Сергеевна']);
  });
});
