import { describe, expect, it } from 'vitest';
import { doorCacheName, doorHandling, pageAnswerStands, staleDoorCaches } from './door-worker-rules';

const origin = 'https://orbita.example';
const kept = new Set(['/index.html', '/assets/shell-abc.js', '/assets/CheckInPage-def.js']);
const get = (path: string, mode = 'cors', method = 'GET', base = origin) => doorHandling({ method, url: `${base}${path}`, mode }, origin, kept);

describe('the check-in page’s service worker', () => {
  it('answers only a check-in page’s address itself, never another page', () => {
    expect(get('/events/7c1e/check-in', 'navigate')).toBe('page');
    expect(get('/events/7c1e/check-in/', 'navigate')).toBe('page');
    expect(get('/events/7c1e/check-in?x=1', 'navigate')).toBe('page');
    expect(get('/events/7c1e', 'navigate')).toBe('network');
    expect(get('/events/7c1e/certificates', 'navigate')).toBe('network');
    expect(get('/events', 'navigate')).toBe('network');
    expect(get('/events/7c1e/check-in/more', 'navigate')).toBe('network');
  });

  it('never touches the API, a write, or another site — not even the roster', () => {
    expect(get('/api/events/7c1e/check-in/roster')).toBe('network');
    expect(get('/api/auth/me')).toBe('network');
    expect(get('/api/events/7c1e/check-in', 'navigate')).toBe('network');
    expect(get('/api', 'navigate')).toBe('network');
    expect(get('/events/7c1e/check-in', 'navigate', 'POST')).toBe('network');
    expect(get('/assets/shell-abc.js', 'cors', 'GET', 'https://elsewhere.example')).toBe('network');
  });

  it('serves the files of its build it keeps, and lets every other file through', () => {
    expect(get('/assets/shell-abc.js')).toBe('file');
    expect(get('/assets/CheckInPage-def.js')).toBe('file');
    expect(get('/assets/NetworkPage-xyz.js')).toBe('network');
    expect(get('/assets/shell-abc.js?v=2')).toBe('network');
    expect(get('/favicon.svg')).toBe('network');
  });

  it('shows the kept page when a gateway has no server behind it, not when the app answers', () => {
    expect([200, 304, 404, 500].map(pageAnswerStands)).toEqual([true, true, true, true]);
    expect([502, 503, 504].map(pageAnswerStands)).toEqual([false, false, false]);
  });

  it('keeps one build’s cache and drops the earlier ones, and nobody else’s', () => {
    const current = doorCacheName('b2');
    expect(staleDoorCaches([doorCacheName('a1'), current, 'someone-else', doorCacheName('c3')], current)).toEqual([doorCacheName('a1'), doorCacheName('c3')]);
  });
});
