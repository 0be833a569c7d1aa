import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { pgError } from '../db/errors';
import { languageOf, problemIn, translateText } from '../i18n/language';
import { type FieldError, Problem } from '../problem';

const titles: Record<number, string> = {
  400: 'Ошибка в запросе',
  401: 'Требуется вход',
  403: 'Доступ запрещён',
  404: 'Не найдено',
  405: 'Метод не поддерживается',
  406: 'Формат ответа не поддерживается',
  409: 'Конфликт изменений',
  411: 'Не указана длина запроса',
  413: 'Запрос слишком большой',
  414: 'Адрес слишком длинный',
  415: 'Неподдерживаемый формат',
  408: 'Время ожидания истекло',
  416: 'Неверный диапазон',
  429: 'Слишком много попыток',
  431: 'Запрос слишком длинный',
};

/**
 * Fastify's and its plugins' own refusals, by code, in Russian: their messages are English and may
 * quote the request. Anything not listed gets the plain Russian text of its status.
 */
const frameworkDetails: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Тело запроса — не корректный JSON (или содержит запрещённые ключи __proto__/constructor). Проверьте, что отправляет программа.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Тело запроса пустое, хотя указан тип application/json. Отправьте JSON-объект или уберите заголовок Content-Type.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Такой тип тела запроса не принимается. Отправьте JSON (application/json) или файл (multipart/form-data), как указано в описании API.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Длина тела запроса не совпадает с заголовком Content-Length.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Тело запроса больше 2 МБ.',
  FST_REQ_FILE_TOO_LARGE: 'Файл больше допустимого размера (50 МБ).',
  FST_FILES_LIMIT: 'Можно прикрепить только один файл.',
  FST_PARTS_LIMIT: 'Слишком много частей в запросе с файлом.',
  FST_FIELDS_LIMIT: 'Слишком много полей в запросе с файлом.',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'Файл нужно отправить как multipart/form-data.',
  FST_ERR_BAD_URL: 'Адрес запроса содержит недопустимые символы или неверные %-последовательности.',
  FST_ERR_MAX_PARAM_LENGTH: 'Слишком длинный идентификатор в адресе запроса.',
};

const statusDetails: Record<number, string> = {
  400: 'Запрос составлен неверно. Проверьте, что отправляет программа.',
  403: 'Доступ к этому адресу запрещён.',
  404: 'Такого адреса нет.',
  405: 'Этот метод не поддерживается по такому адресу.',
  413: 'Запрос больше допустимого размера.',
  414: 'Адрес запроса слишком длинный.',
  415: 'Такой формат данных не принимается.',
  429: 'Слишком много попыток. Подождите минуту и попробуйте снова.',
};

/**
 * Database refusals caused by the data a person sent, by SQLSTATE: they are answered as 4xx, not as a
 * server fault. Class 22 covers values the column cannot hold (out-of-range numbers and dates, bad text).
 */
function databaseProblem(sqlState: string): Problem | null {
  if (sqlState.startsWith('22')) return new Problem(400, 'Ошибка в данных', 'Значение не подходит для сохранения: слишком большое число, несуществующая дата или недопустимые символы. Проверьте введённые данные.');
  if (sqlState === '23503') return new Problem(409, 'Конфликт изменений', 'Связанная запись удалена или изменена. Обновите страницу и повторите.');
  if (sqlState === '23505') return new Problem(409, 'Конфликт изменений', 'Такая запись уже есть. Обновите страницу и проверьте.');
  if (sqlState === '23514') return new Problem(409, 'Конфликт изменений', 'Изменение нарушает правила данных (например, мест меньше, чем уже занято). Обновите страницу и проверьте.');
  if (sqlState === '40001' || sqlState === '40P01') return new Problem(409, 'Конфликт изменений', 'Запись одновременно меняли другие. Повторите действие.');
  return null;
}

/** Problems are written in Russian and rendered here in the language the request asks for (Accept-Language). */
export function sendProblem(reply: FastifyReply, problem: Problem) {
  const language = languageOf(reply.request);
  return reply
    .status(problem.status)
    .type('application/problem+json; charset=utf-8')
    .header('content-language', language)
    .header('vary', [reply.getHeader('vary'), 'Accept-Language'].filter(Boolean).join(', '))
    .send(problemIn(language, { type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail, ...problem.extra }));
}

/** `/body/lat` → `lat`, `/items/3/name` → `items.3.name`: the names the web form uses. */
const fieldName = (path: string) => path.replace(/^\/?(body|querystring|params|headers)?\/?/, '').replaceAll('/', '.') || 'request';

/** A refusal by Fastify or a plugin (an error with a 4xx status that is not our Problem), in Russian. */
export function frameworkProblem(error: FastifyError): Problem {
  const status = error.statusCode ?? 400;
  const detail = frameworkDetails[error.code] ?? statusDetails[status] ?? 'Запрос не может быть выполнен.';
  return new Problem(status, titles[status] ?? 'Ошибка в запросе', detail);
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof Problem) return sendProblem(reply, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.map((v) => ({
      field: fieldName(`${error.validationContext ?? ''}${v.instancePath}`),
      message: v.message ?? 'Неверное значение',
    }));
    // The detail quotes every message after its field: each is translated on its own, before they are joined.
    const english = languageOf(request) === 'en';
    const list = errors.map((e) => `${e.field} — ${english ? translateText(e.message) : e.message}`).join('; ');
    return sendProblem(reply, new Problem(400, 'Ошибка в данных', `Проверьте выделенные поля: ${list}`, { errors }));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendProblem(reply, frameworkProblem(error));
  const database = pgError(error);
  const refusal = database && databaseProblem(database.code);
  if (refusal) {
    // Input validation should have stopped this before the database: worth a look, without the data.
    request.log.warn({ err: error }, 'database refused the data of a request');
    return sendProblem(reply, refusal);
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(reply, new Problem(500, 'Внутренняя ошибка', 'Что-то пошло не так на сервере. Повторите попытку позже; если ошибка повторяется, сообщите оператору платформы.'));
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (a URL or headers over 16 KB, a malformed
 * request line, a timeout) is written straight to the socket: in Russian problem+json as well.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Адрес или заголовки запроса слишком длинные (больше 16 КБ).']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Запрос не пришёл целиком вовремя. Повторите.']
        : [400, 'Запрос составлен неверно и не может быть прочитан.'];
  const body = JSON.stringify({ type: 'about:blank', title: titles[status] ?? 'Ошибка в запросе', status, detail });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
