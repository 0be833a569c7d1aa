// What the check-in page's service worker (door-worker.ts) does with each request, as pure functions tested without a
// browser. The worker exists for one page: the organiser's phone at the door must be able to reload
// /events/:id/check-in, or open it again after a browser restart, with no network. So it keeps the app shell and the
// check-in page's own chunks of ONE build, and nothing else: never an API answer (the roster and the queue of marks
// live in localStorage, door-store.ts), never another page.

/** Every cache the worker made starts so; the one in use ends with the build's hash, and activating drops the rest. */
export const DOOR_CACHE_PREFIX = 'orbita-door-';

export const doorCacheName = (version: string) => `${DOOR_CACHE_PREFIX}${version}`;

/** The page the worker answers a check-in address with when the network does not answer: the build's own index.html. */
export const DOOR_SHELL = '/index.html';

/** Where the worker lives and what it controls: pages under /events/ only (the rest of the app never meets it). */
export const DOOR_WORKER_URL = '/door-worker.js';
export const DOOR_WORKER_SCOPE = '/events/';

const CHECK_IN_PAGE = /^\/events\/[^/]+\/check-in\/?$/;

/**
 * - `page`: a check-in page's address opened in the browser — from the network, else the cached shell;
 * - `file`: one of the build's files the worker keeps — from its cache (the name holds the content's hash), else the network;
 * - `network`: everything else, the API above all — not touched (the browser fetches it as if there were no worker).
 */
export type DoorHandling = 'page' | 'file' | 'network';

export function doorHandling(request: { method: string; url: string; mode: string }, origin: string, kept: ReadonlySet<string>): DoorHandling {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin || url.pathname === '/api' || url.pathname.startsWith('/api/')) return 'network';
  if (request.mode === 'navigate') return CHECK_IN_PAGE.test(url.pathname) ? 'page' : 'network';
  return !url.search && kept.has(url.pathname) ? 'file' : 'network';
}

/**
 * Whether the server's answer to a check-in page stands: an answer from the app stands (a 404 of a removed route
 * too); a gateway's «no server behind me» does not, and the shell is shown instead, as with no network at all.
 */
export const pageAnswerStands = (status: number) => status < 502 || status > 504;

/** The caches of earlier builds, to delete once this build's worker is active. */
export const staleDoorCaches = (names: readonly string[], current: string) => names.filter((name) => name.startsWith(DOOR_CACHE_PREFIX) && name !== current);
