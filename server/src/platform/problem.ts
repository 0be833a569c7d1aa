/**
 * A failure a person can act on, written in Russian; the HTTP layer renders it as RFC 9457 problem+json in
 * the request's language (English from platform/i18n/english.ts, Russian otherwise).
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export interface FieldError {
  field: string;
  message: string;
}

export const notSignedIn = () => new Problem(401, 'Требуется вход', 'Войдите в систему, чтобы выполнить это действие.');
export const forbidden = (detail = 'У вашей учётной записи нет прав на это действие.') => new Problem(403, 'Доступ запрещён', detail);
export const notFound = (what: string) => new Problem(404, 'Не найдено', `${what} не найден(а) или удалён(а).`);
export const conflict = (detail: string) => new Problem(409, 'Конфликт изменений', detail);
export const invalid = (detail: string, errors: FieldError[] = []) =>
  new Problem(400, 'Ошибка в данных', detail, errors.length ? { errors } : {});
