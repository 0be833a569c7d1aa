import { mkdirSync } from 'node:fs';
import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** One type for both engines: commands never know which one they run on. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /** Runs `work` on one dedicated connection — needed for session-level advisory locks. */
  withConnection<T>(work: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir` (or in memory when `dataDir`
 * is null). Both are reached through the same `pg` pool: PGlite runs in a worker thread of its own and speaks
 * the PostgreSQL wire protocol (embedded-engine.mjs), so its queries never hold up the HTTP event loop.
 */
export async function openDatabase(options: {
  url: string | null;
  dataDir: string | null;
  /** Called once if the embedded engine's thread dies after it started: a server exits, so its supervisor restarts it. */
  onEngineFailure?: (error: Error) => void;
}): Promise<DatabaseHandle> {
  if (options.url) return handleOf(new pg.Pool({ connectionString: options.url, max: Number(process.env.ORBITA_DB_POOL ?? 10) }), 'postgres', async () => {});
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const engine = await startEmbeddedEngine(options.dataDir, options.onEngineFailure);
  // PGlite has a single session: one connection, which the pool keeps open (a new one would start from a clean session).
  const pool = new pg.Pool({ max: 1, idleTimeoutMillis: 0, user: 'postgres', database: 'postgres', stream: () => engine.connection() });
  return handleOf(pool, 'pglite', engine.stop);
}

function handleOf(pool: pg.Pool, engine: Engine, stopEngine: () => Promise<void>): DatabaseHandle {
  // An idle connection the server closes (a restart, an administrator) must not bring the process down:
  // the pool drops it and opens a new one on the next query.
  pool.on('error', (error) => console.warn(`База данных закрыла соединение из пула: ${error.message}`));
  const withConnection = async <T>(work: (db: Database) => Promise<T>) => {
    const connection = await pool.connect();
    try {
      return await work(drizzle(connection, { schema }) as unknown as Database);
    } finally {
      connection.release();
    }
  };
  const close = async () => {
    await pool.end();
    await stopEngine();
  };
  return { db: drizzle(pool, { schema }) as unknown as Database, engine, withConnection, close };
}

type EngineMessage = { type: 'ready' } | { type: 'data'; id: number; bytes: Uint8Array } | { type: 'failed'; id: number; message: string };

/**
 * Starts PGlite in its worker thread; `connection()` gives `pg` a stream to it in place of a socket, `thread` is the
 * worker itself (its death is what `onFailure` reports).
 */
export async function startEmbeddedEngine(dataDir: string | null, onFailure?: (error: Error) => void) {
  const worker = new Worker(new URL('./embedded-engine.mjs', import.meta.url), { workerData: { dataDir } });
  const connections = new Map<number, Duplex>();
  let nextId = 1;
  let failure: Error | null = null;
  let stopping = false;
  let started = false;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: EngineMessage) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'data') connections.get(message.id)?.push(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.length));
      else connections.get(message.id)?.destroy(new Error(`Встроенная база данных: ${message.message}`));
    });
    const fail = (error: Error) => {
      // Every query fails from now on: said once, loudly, for whoever restarts the server.
      const news = !stopping && !failure;
      if (news) console.error(`${error.message} Запросы к базе не выполняются — перезапустите сервер.`);
      failure = error;
      for (const connection of connections.values()) connection.destroy(error);
      reject(error);
      if (news && started) onFailure?.(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`Встроенная база данных остановилась (код ${code}).`)));
  });
  await ready;
  started = true;
  const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    thread: worker,
    connection(): Duplex {
      const id = nextId++;
      // pg writes a query as several messages in one go (parse, bind, execute, sync): they cross over as one.
      let unsent: Buffer[] = [];
      const send = () => {
        const bytes = new Uint8Array(Buffer.concat(unsent));
        unsent = [];
        worker.postMessage({ type: 'data', id, bytes }, [bytes.buffer]);
      };
      const stream = new Duplex({
        read() {},
        write(chunk: Buffer, _encoding, done) {
          if (!unsent.length) queueMicrotask(send);
          unsent.push(chunk);
          done();
        },
        final(done) {
          worker.postMessage({ type: 'end', id });
          this.push(null);
          done();
        },
        destroy(error, done) {
          connections.delete(id);
          worker.postMessage({ type: 'end', id });
          done(error);
        },
      });
      // What pg asks of a socket: connect() answers at once, the socket options mean nothing here.
      Object.assign(stream, {
        connect() {
          if (failure) process.nextTick(() => stream.destroy(failure!));
          else {
            connections.set(id, stream);
            worker.postMessage({ type: 'open', id });
            process.nextTick(() => stream.emit('connect'));
          }
          return stream;
        },
        setNoDelay: () => stream,
        setKeepAlive: () => stream,
        ref: () => stream,
        unref: () => stream,
      });
      return stream;
    },
    async stop() {
      stopping = true;
      if (failure) return;
      worker.postMessage({ type: 'close' });
      await stopped;
    },
  };
}
