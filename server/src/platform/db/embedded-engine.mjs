// The embedded database (PGlite) in a worker thread of its own, so its queries never hold up the HTTP event loop.
// It speaks the PostgreSQL wire protocol: the app connects with the same `pg` pool as to a PostgreSQL server,
// its bytes travel over this worker's message port instead of a socket (client.ts). Plain JavaScript: a worker
// starts without the main thread's TypeScript loader, and this one needs nothing but PGlite.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/** @type {{ dataDir: string | null }} */
const { dataDir } = workerData;
// pg_trgm gives search its typo tolerance (platform/search); PostgreSQL ships it as a contrib extension too.
// PGlite's own 160 MB of shared buffers would be most of an idle demo's memory: pages beyond 16 MB come from the
// operating system's file cache instead.
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
const db = new PGlite({ dataDir: dataDir ?? undefined, extensions: { pg_trgm }, startParams });

/** Bytes received on each open connection and not yet a whole protocol message. */
const pending = new Map();
/** PGlite has one session: the messages of every connection run one batch at a time, in arrival order. */
let turn = db.waitReady;

/** How many leading bytes of `buffer` are whole messages; the first message of a connection has no type byte. */
function wholeMessages(buffer, startup) {
  let end = 0;
  for (;;) {
    const header = startup && end === 0 ? 0 : 1;
    if (buffer.length < end + header + 4) return end;
    const length = header + buffer.readInt32BE(end + header);
    if (buffer.length < end + length) return end;
    end += length;
  }
}

function receive(id, bytes) {
  const connection = pending.get(id);
  if (!connection) return;
  connection.buffer = connection.buffer.length ? Buffer.concat([connection.buffer, bytes]) : Buffer.from(bytes);
  const startup = !connection.started;
  const end = wholeMessages(connection.buffer, startup);
  if (end === 0) return;
  const messages = connection.buffer.subarray(0, end);
  connection.buffer = connection.buffer.subarray(end);
  connection.started = true;
  turn = turn.then(() => run(id, messages, startup));
}

async function run(id, messages, startup) {
  // A new connection starts from a clean session: nothing a closed one prepared or left open carries over.
  if (startup && db.isInTransaction()) await db.exec('rollback');
  if (startup) await db.exec('discard all');
  const chunks = [];
  try {
    // `data` is a view of PGlite's memory, valid only during the call: copied into an array of its own.
    await db.execProtocolRawStream(messages, { onRawData: (data) => chunks.push(new Uint8Array(data)) });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (!chunks.length) return;
  let answer = chunks[0];
  if (chunks.length > 1) {
    answer = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      answer.set(chunk, offset);
      offset += chunk.length;
    }
  }
  parentPort.postMessage({ type: 'data', id, bytes: answer }, [answer.buffer]);
}

parentPort.on('message', (message) => {
  if (message.type === 'open') pending.set(message.id, { buffer: Buffer.alloc(0), started: false });
  else if (message.type === 'data') receive(message.id, message.bytes);
  else if (message.type === 'end') pending.delete(message.id);
  else if (message.type === 'close') {
    turn = turn.then(() => db.close()).then(() => parentPort.close());
  }
});

await db.waitReady;
parentPort.postMessage({ type: 'ready' });
