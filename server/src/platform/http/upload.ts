import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { type ReceivedFile, type SpreadsheetFile, spreadsheetFile } from '../imports/spreadsheet-file';
import { limitProblems, spreadsheetLimits } from '../imports/spreadsheet-limits';
import { Problem, invalid } from '../problem';

/** Every upload route's rate limit, per person (per address before signing in). */
export const uploadRateLimit: RateLimitOptions = { max: 20, timeWindow: '1 minute', keyGenerator: (request) => request.actor?.userId ?? request.ip };

/** Room in a multipart body for the boundaries and the part's headers around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** People whose file is being received or read now, in this process. */
const readingNow = new Set<string>();

/** One file at a time per person: a second upload while the first is read is refused, not queued. */
function onePerPerson(request: FastifyRequest) {
  return async <T>(read: () => Promise<T>): Promise<T> => {
    const person = request.actor?.userId ?? `ip:${request.ip}`;
    if (readingNow.has(person)) throw limitProblems.busy();
    readingNow.add(person);
    try {
      return await read();
    } finally {
      readingNow.delete(person);
    }
  };
}

/** A broken multipart body or one past its limits, as a Russian problem. */
function multipartProblem(error: unknown, limits: UploadLimits): unknown {
  if (error instanceof Problem) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return limits.tooLarge();
  if (statusCode && statusCode < 500) return invalid('Не удалось принять файл: запрос с файлом оборван или составлен неверно. Загрузите файл ещё раз.', [{ field: 'file', message: 'Файл не принят' }]);
  return error;
}

/** What a refused upload may still send, read and dropped, so that its client sees the answer. */
const MAX_DROPPED = 64 * 1024 * 1024;

/**
 * A refused upload's client may still be sending: the rest is read and dropped (browsers and fetch show the
 * answer only once their body is out), up to `MAX_DROPPED`; past it, or when the client announces more, the
 * connection ends after the answer instead.
 */
function dropTheRest(request: FastifyRequest, reply: FastifyReply) {
  const body = request.raw;
  if (body.complete) return;
  body.unpipe();
  if (Number(request.headers['content-length']) > MAX_DROPPED) reply.header('connection', 'close');
  let dropped = 0;
  body.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > MAX_DROPPED) body.destroy();
  });
  body.resume();
}

/** What one upload route accepts: the file's limit in bytes, the problem past it, what to say when no file came. */
export interface UploadLimits {
  bytes: number;
  tooLarge: () => Problem;
  missing: string;
}

/** A received file with the short text fields sent before it in the same form (a title, say). */
export interface ReceivedUpload extends ReceivedFile {
  fields: Record<string, string>;
}

/** The multipart field `file`, counted while it arrives: past the limit the rest is not read. */
async function receive(request: FastifyRequest, reply: FastifyReply, limits: UploadLimits): Promise<ReceivedUpload> {
  // A body that says it is larger than any acceptable file is refused before a byte of it is read.
  try {
    if (Number(request.headers['content-length']) > limits.bytes + MULTIPART_OVERHEAD) throw limits.tooLarge();
    const file = request.isMultipart()
      ? await request.file({ limits: { fileSize: limits.bytes + 1, files: 1, fields: 10, fieldSize: 1024, parts: 11, headerPairs: 20 } })
      : undefined;
    if (!file) throw invalid(limits.missing, [{ field: 'file', message: 'Файл не выбран' }]);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of file.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limits.bytes) throw limits.tooLarge();
      chunks.push(chunk);
    }
    const fields: Record<string, string> = {};
    for (const [name, field] of Object.entries(file.fields)) {
      const value = Array.isArray(field) ? field[0] : field;
      if (value && value.type === 'field' && typeof value.value === 'string') fields[name] = value.value;
    }
    return { fileName: file.filename, data: Buffer.concat(chunks, size), fields };
  } catch (error) {
    dropTheRest(request, reply);
    throw multipartProblem(error, limits);
  }
}

/**
 * A file of a multipart upload (field `file`), received only when the command calls it — after it has
 * authorised the caller — one at a time per person, within `limits`.
 */
export function fileUpload(request: FastifyRequest, reply: FastifyReply, limits: UploadLimits): () => Promise<ReceivedUpload> {
  return () => onePerPerson(request)(() => receive(request, reply, limits));
}

const spreadsheetUploadLimits = (missing: string): UploadLimits => ({ bytes: spreadsheetLimits.bytes, tooLarge: limitProblems.bytes, missing });

/**
 * The spreadsheet of a multipart upload (field `file`), for an import command to read once it has
 * authorised the caller; `missing` tells the person what to attach when there is none.
 */
export function spreadsheetUpload(request: FastifyRequest, reply: FastifyReply, missing: string): SpreadsheetFile {
  return spreadsheetFile(() => receive(request, reply, spreadsheetUploadLimits(missing)), onePerPerson(request));
}
