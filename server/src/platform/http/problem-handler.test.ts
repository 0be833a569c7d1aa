import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';

/**
 * Refusals that happen before a route runs — in Node's HTTP parser, in Fastify's router — answer in
 * Russian problem+json like every other error. (Bad bodies, ids and values of every route: server/test/fuzz-routes.test.ts.)
 */
describe('refusals before any route', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await openTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as { port: number }).port;
  });
  afterAll(() => t.close());

  /** A raw request over a socket: inject() bypasses Node's HTTP parser. */
  function rawRequest(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('answers a URL longer than Node reads with a Russian 431 problem', async () => {
    const answer = await rawRequest(`GET /api/networks?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('Content-Type: application/problem+json');
    expect(answer).toContain('Адрес или заголовки запроса слишком длинные');
  });

  it('answers a request line it cannot parse with a Russian 400 problem', async () => {
    const answer = await rawRequest('NOT A REQUEST\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('Запрос составлен неверно');
  });

  it('answers an id over the router limit, a broken escape and an unknown method in Russian problem+json', async () => {
    for (const [method, url, status] of [
      ['GET', `/api/children/${'a'.repeat(150)}`, 404],
      ['GET', '/api/children/%E0%A4%A', 400],
      ['PROPFIND', '/api/networks', 404],
      ['DELETE', '/api/networks', 404],
    ] as const) {
      const response = await t.app.inject({ method: method as 'GET', url });
      expect(response.statusCode, `${method} ${url}`).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().title).toMatch(/[А-Яа-я]/);
      expect(response.json().detail).toMatch(/[А-Яа-я]/);
    }
  });
});
