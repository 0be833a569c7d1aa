import type { FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import { pgError, withoutQueryParameters } from '../db/errors';

/**
 * What the server logs: no SQL parameters, no request bodies, no personal fields. A failed query is
 * logged by its SQL text, SQLSTATE, constraint, table and column — never the values it carried.
 */

/** Keys whose values are personal or secret wherever a logged object carries them. */
const PERSONAL_KEYS = ['email', 'newEmail', 'password', 'currentPassword', 'newPassword', 'passwordHash', 'fullName', 'name', 'birthDate', 'phone', 'token', 'csrfToken', 'cookie', 'authorization', 'detail', 'params', 'body'];
const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...PERSONAL_KEYS,
  ...PERSONAL_KEYS.map((key) => `*.${key}`),
];

type LoggedError = Error & { code?: unknown; statusCode?: unknown };

export function errorForLog(error: LoggedError) {
  const database = pgError(error);
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 12);
  return {
    type: error.name,
    message: withoutQueryParameters(error.message ?? ''),
    ...(typeof error.code === 'string' && !database ? { code: error.code } : {}),
    ...(typeof error.statusCode === 'number' ? { statusCode: error.statusCode } : {}),
    ...(database ? { sqlState: database.code, constraint: database.constraint, table: database.table, column: database.column } : {}),
    stack: frames.join('\n'),
  };
}

/** A request by its route pattern and id: the path may carry a secret link's token, the query a person's search. */
function requestForLog(request: FastifyRequest) {
  return { id: request.id, method: request.method, route: request.routeOptions?.url ?? request.url.split('?')[0].slice(0, 200) };
}

export function loggerOptions(level: string, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    serializers: { err: errorForLog, req: requestForLog },
    redact: { paths: redactPaths, censor: '[скрыто]' },
    ...(stream ? { stream } : {}),
  };
}
