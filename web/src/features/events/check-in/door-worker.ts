// The check-in page's service worker, served as /door-worker.js and built by web/vite.config.ts (`doorWorker`), which
// replaces the two constants below with this build's hash and the files the check-in page needs. The rules it
// follows are door-worker-rules.ts; this file only wires them to the browser's events.

import { DOOR_SHELL, doorCacheName, doorHandling, pageAnswerStands, staleDoorCaches } from './door-worker-rules';

declare const __DOOR_VERSION__: string;
declare const __DOOR_FILES__: string[];

// The project's TypeScript knows the DOM, not a worker's scope: the few parts used here.
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(answer: Promise<Response>): void;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const cacheName = doorCacheName(__DOOR_VERSION__);
const files: string[] = __DOOR_FILES__;
const kept = new Set(files);

// A new build's worker takes over as soon as it holds all its files, so an offline reload never gets an older build
// than the last one this phone saw online; a page still open keeps its loaded code and fetches any other file afresh.
worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(files))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(staleDoorCaches(names, cacheName).map((name) => caches.delete(name)))));
});

worker.addEventListener('fetch', (event) => {
  const handling = doorHandling(event.request, worker.location.origin, kept);
  if (handling === 'page') event.respondWith(page(event.request));
  else if (handling === 'file') event.respondWith(file(event.request));
});

/** The network first, so an online phone always gets the current release; the cached shell when it does not answer. */
async function page(request: Request): Promise<Response> {
  let answer: Response | undefined;
  try {
    answer = await fetch(request);
    if (pageAnswerStands(answer.status)) return answer;
  } catch {
    // no network
  }
  return (await caches.match(DOOR_SHELL, { cacheName })) ?? answer ?? Response.error();
}

async function file(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName })) ?? fetch(request);
}
