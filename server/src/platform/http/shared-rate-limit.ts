import cluster, { type Worker } from 'node:cluster';
import { createRequire } from 'node:module';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';

/**
 * Attempt counters (sign-in, sign-up, uploads) when several worker processes serve one port (ORBITA_WORKERS):
 * the primary process keeps them all, so N workers do not allow N times the attempts, and each worker asks it
 * over the cluster's channel. The counting itself is @fastify/rate-limit's own in-memory store, one per route.
 */

type Counted = { current: number; ttl: number };
type LocalStore = { incr(key: string, done: (error: Error | null, result: Counted) => void, timeWindow: number, max: number): void };
type RouteParams = { continueExceeding: boolean; exponentialBackoff: boolean };
type Ask = { kind: 'orbita-rate-limit'; id: number; route: string; params: RouteParams; key: string; timeWindow: number; max: number };
type Answer = { kind: 'orbita-rate-limit-answer'; id: number; result: Counted };

const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as new (continueExceeding: boolean, exponentialBackoff: boolean) => LocalStore;
const isAsk = (message: unknown): message is Ask => (message as Ask | null)?.kind === 'orbita-rate-limit';

/** In the primary: one set of counters, per route; each worker given to the result counts its requests there. */
export function keepRateLimits() {
  const stores = new Map<string, LocalStore>();
  return (worker: Worker) =>
    worker.on('message', (message: unknown) => {
      if (!isAsk(message)) return;
      let store = stores.get(message.route);
      if (!store) stores.set(message.route, (store = new LocalStore(message.params.continueExceeding, message.params.exponentialBackoff)));
      store.incr(message.key, (_error, result) => worker.send({ kind: 'orbita-rate-limit-answer', id: message.id, result } satisfies Answer), message.timeWindow, message.max);
    });
}

/** In a worker: the store for @fastify/rate-limit's `store` option, counting in the primary. */
export class PrimaryRateLimitStore implements FastifyRateLimitStore {
  private static waiting = new Map<number, (result: Counted) => void>();
  private static nextId = 1;
  private static listening = false;

  private readonly params: RouteParams;

  /** The plugin constructs the store with its global settings, and a child per route with the route's. */
  constructor(
    settings: Partial<RouteParams> = {},
    private readonly route = '',
  ) {
    this.params = { continueExceeding: settings.continueExceeding ?? false, exponentialBackoff: settings.exponentialBackoff ?? false };
    if (PrimaryRateLimitStore.listening) return;
    PrimaryRateLimitStore.listening = true;
    process.on('message', (message: unknown) => {
      const answer = message as Answer | null;
      if (answer?.kind !== 'orbita-rate-limit-answer') return;
      PrimaryRateLimitStore.waiting.get(answer.id)?.(answer.result);
      PrimaryRateLimitStore.waiting.delete(answer.id);
    });
  }

  incr(key: string, done: (error: Error | null, result?: Counted) => void, timeWindow: number, max: number) {
    const id = PrimaryRateLimitStore.nextId++;
    PrimaryRateLimitStore.waiting.set(id, (result) => done(null, result));
    const ask: Ask = { kind: 'orbita-rate-limit', id, route: this.route, params: this.params, key, timeWindow, max };
    process.send!(ask);
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]) {
    const { routeInfo, ...settings } = routeOptions as Partial<RouteParams> & { routeInfo?: { method?: string | string[]; url?: string } };
    return new PrimaryRateLimitStore(settings, `${[routeInfo?.method ?? ''].flat().join(',')} ${routeInfo?.url ?? ''}`);
  }
}

/** The store a worker process of a cluster uses; a single process counts in its own memory (the plugin's default). */
export const sharedRateLimitStore = () => (cluster.isWorker ? PrimaryRateLimitStore : undefined);
