import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type FieldError, Problem } from '../problem';

const titles: Record<number, string> = {
  400: 'Ошибка в запросе',
  401: 'Требуется вход',
  403: 'Доступ запрещён',
  404: 'Не найдено',
  405: 'Метод не поддерживается',
  409: 'Конфликт изменений',
  413: 'Файл слишком большой',
  415: 'Неподдерживаемый формат',
  429: 'Слишком много попыток',
};

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply
    .status(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail, ...problem.extra });
}

/** `/body/lat` → `lat`, `/items/3/name` → `items.3.name`: the names the web form uses. */
const fieldName = (path: string) => path.replace(/^\/?(body|querystring|params|headers)?\/?/, '').replaceAll('/', '.') || 'request';

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof Problem) return sendProblem(reply, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.map((v) => ({
      field: fieldName(`${error.validationContext ?? ''}${v.instancePath}`),
      message: v.message ?? 'Неверное значение',
    }));
    return sendProblem(reply, new Problem(400, 'Ошибка в данных', 'Проверьте выделенные поля: ' + errors.map((e) => `${e.field} — ${e.message}`).join('; '), { errors }));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const detail = status === 429 ? 'Слишком много попыток. Подождите минуту и попробуйте снова.' : status === 413 ? 'Файл больше допустимого размера (50 МБ).' : error.message;
    return sendProblem(reply, new Problem(status, titles[status] ?? 'Ошибка в запросе', detail));
  }
  request.log.error(error);
  return sendProblem(reply, new Problem(500, 'Внутренняя ошибка', 'Что-то пошло не так на сервере. Повторите попытку позже; если ошибка повторяется, сообщите оператору платформы.'));
}
