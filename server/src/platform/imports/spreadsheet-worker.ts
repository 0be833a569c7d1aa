import { parentPort, workerData } from 'node:worker_threads';
import { Problem } from '../problem';
import { parseSpreadsheet } from './parse-spreadsheet';
import type { SpreadsheetJob, SpreadsheetAnswer } from './read-spreadsheet';

/** One file read on its own thread: the server's event loop keeps answering while this one works. */
const { fileName, data, which } = workerData as SpreadsheetJob;
let answer: SpreadsheetAnswer;
try {
  answer = { sheets: await parseSpreadsheet(fileName, data, which) };
} catch (error) {
  if (!(error instanceof Problem)) throw error;
  answer = { problem: { status: error.status, title: error.title, detail: error.detail, extra: error.extra } };
}
parentPort!.postMessage(answer);
