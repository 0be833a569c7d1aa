import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Problem } from '../problem';
import { spreadsheetFormat } from './spreadsheet-format';
import type { NamedSpreadsheet, Spreadsheet } from './sheet-table';
import { fileProblem, limitProblems, spreadsheetLimits } from './spreadsheet-limits';

export type { NamedSpreadsheet, Spreadsheet, SpreadsheetRow } from './sheet-table';

export const MAX_SPREADSHEET_ROWS = spreadsheetLimits.rows;

/** What the spreadsheet worker is given and what it answers. */
export interface SpreadsheetJob {
  fileName: string;
  data: Uint8Array;
  which: 'first' | 'all';
}
export type SpreadsheetAnswer = { sheets: NamedSpreadsheet[] } | { problem: { status: number; title: string; detail: string; extra: Record<string, unknown> } };

const WORKER_ENTRY = new URL('./spreadsheet-worker.mjs', import.meta.url);
/** A worker past this heap is stopped by V8, not the server; the file is refused as too complex. */
const WORKER_HEAP_MB = 256;
const READ_TIMEOUT_MS = 60_000;
/** Files read at once; the rest wait their turn, so reading never takes every core from the server. */
const PARALLEL_READS = Math.max(1, Math.min(2, availableParallelism() - 1));

let reading = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(read: () => Promise<T>): Promise<T> {
  if (reading >= PARALLEL_READS) await new Promise<void>((resolve) => waiting.push(resolve));
  else reading++;
  try {
    return await read();
  } finally {
    // The turn passes straight to the next waiting file, or is given back.
    const next = waiting.shift();
    if (next) next();
    else reading--;
  }
}

function readInWorker(job: SpreadsheetJob): Promise<NamedSpreadsheet[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 } });
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      worker.removeAllListeners();
      // Whatever the stopped worker still reports is of no use, and an unheard 'error' would end the process.
      worker.on('error', () => {});
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(limitProblems.tooComplex())), READ_TIMEOUT_MS);
    worker.once('message', (answer: SpreadsheetAnswer) =>
      settle(() => ('sheets' in answer ? resolve(answer.sheets) : reject(new Problem(answer.problem.status, answer.problem.title, answer.problem.detail, answer.problem.extra)))),
    );
    worker.once('error', (error: Error & { code?: string }) => settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? limitProblems.tooComplex() : error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`The spreadsheet worker exited with code ${code} before answering`))));
  });
}

/**
 * Reads a spreadsheet on a worker thread, within `spreadsheetLimits`: the main event loop keeps serving
 * requests while a file is read, and a file past a limit costs the worker, not the server.
 */
async function readWithinLimits(job: SpreadsheetJob): Promise<NamedSpreadsheet[]> {
  if (job.data.byteLength > spreadsheetLimits.bytes) throw limitProblems.bytes();
  // What is plainly no spreadsheet is refused here, without starting a worker for it.
  spreadsheetFormat(job.fileName, job.data);
  return inTurn(() => readInWorker(job));
}

/** The first worksheet of an .xlsx, or a .csv file, as text cells by header. */
export async function readSpreadsheet(fileName: string, data: Uint8Array): Promise<Spreadsheet> {
  const [first] = await readWithinLimits({ fileName, data, which: 'first' });
  if (!first) throw fileProblem('Лист пуст: в нём нет ни заголовков, ни данных.');
  return { headers: first.headers, rows: first.rows };
}

/** Every worksheet with something in it, by name, read as `readSpreadsheet` reads the first; a CSV file is one sheet without a name. */
export function readWorkbook(fileName: string, data: Uint8Array): Promise<NamedSpreadsheet[]> {
  return readWithinLimits({ fileName, data, which: 'all' });
}
